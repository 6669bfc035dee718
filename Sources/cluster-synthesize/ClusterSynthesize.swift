import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit
import Synthesis

@main
struct ClusterSynthesize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-synthesize",
        abstract: "Generate the synthetic FY2005 input folder that reproduces the published charts.",
        discussion: """
            Reads DIR/published.csv (the published chart values) and writes every other input of
            SPEC 1.1 into DIR, deterministically from --seed. Pipelines/make-fy2005.sh runs it.
            """,
        version: PipelineVersion.shown)

    @Argument(help: "The input folder to fill (must hold published.csv).")
    var dir: String

    @Option(help: "The generator's seed.")
    var seed: UInt64 = 2005

    func run() throws {
        let status = Stage.run(name: "cluster-synthesize") {
            let published = try Ingest.published(
                dir + "/published.csv", file: "published.csv", settings: IngestSettings(), rejects: try RejectLog(writer: nil))
            var year = FY2005(published: published.rows, seed: seed)
            for note in try year.generate(into: dir) { Files.diagnose("cluster-synthesize: \(note)") }
        }
        if status != 0 { throw ExitCode(status) }
    }
}
