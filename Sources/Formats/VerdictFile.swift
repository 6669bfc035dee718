import CSVKit
import Values

/// cluster-compare's verdict (`--verdict FILE`), for the annual run: one header line and one
/// row, `published,reproduced,unreadable,strict,outcome`. The run tells by it a strict
/// reproduction that failed (it writes everything all the same, then fails with 65) from any
/// other failure of the stage, without reading the stage's messages.
public struct ReproductionVerdict: Equatable, Sendable {
    /// Published values: compared, plus those that did not read.
    public var published: Int
    public var reproduced: Int
    /// Published values that did not read (rejected by published.csv's rules).
    public var unreadable: Int
    /// STRICT_REPRODUCTION was in effect.
    public var strict: Bool

    public init(published: Int, reproduced: Int, unreadable: Int, strict: Bool) {
        self.published = published
        self.reproduced = reproduced
        self.unreadable = unreadable
        self.strict = strict
    }

    /// Every published value read and reproduced.
    public var allReproduced: Bool { unreadable == 0 && reproduced == published }

    static let header = "published,reproduced,unreadable,strict,outcome"

    public func write(to path: String) throws {
        let outcome = allReproduced ? "reproduced" : "not_reproduced"
        try Files.write(
            "\(Self.header)\n\(published),\(reproduced),\(unreadable),\(strict ? "yes" : "no"),\(outcome)\n", to: path)
    }

    /// The verdict at `path`; a file that is not one is exit 65 naming it.
    public static func read(_ path: String) throws -> ReproductionVerdict {
        let lines = String(decoding: try Files.read(path), as: UTF8.self).split(separator: "\n").map(String.init)
        func bad(_ message: String) -> PipelineError { .badIntermediate(path: path, line: 2, message: message) }
        guard lines.count == 2, lines[0] == header else { throw bad("expected the header \(header) and one row") }
        let fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 5, let published = Int(fields[0]), let reproduced = Int(fields[1]),
            let unreadable = Int(fields[2]), ["yes", "no"].contains(fields[3]),
            0 <= reproduced, reproduced <= published, 0 <= unreadable, unreadable <= published
        else { throw bad("expected counts and yes/no: \(lines[1])") }
        let verdict = ReproductionVerdict(
            published: published, reproduced: reproduced, unreadable: unreadable, strict: fields[3] == "yes")
        guard fields[4] == (verdict.allReproduced ? "reproduced" : "not_reproduced") else {
            throw bad("the outcome \(fields[4]) disagrees with the counts")
        }
        return verdict
    }
}
