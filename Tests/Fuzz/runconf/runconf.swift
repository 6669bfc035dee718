@testable import CSVKit
@testable import Rules
@testable import Values
/// libFuzzer target: run.conf parsing (see README.md).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRunConf(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    do {
        let config = try RunConfig.parse(bytes, path: "run.conf")
        guard config.measures.allSatisfy({ $0.years.contains(config.baseYear) }),
            RunConfig.confidenceRange.contains(config.confidence), RunConfig.seedRange.contains(config.seed)
        else { fatalError("accepted an invalid config") }
    } catch let error as PipelineError {
        switch error.exitStatus {
        case .usage, .dataError: break
        default: fatalError("run.conf error with exit \(error.exitStatus): \(error)")
        }
    } catch {
        fatalError("run.conf: unexpected error \(error)")
    }
    return 0
}
