import ArgumentParser
import Stages
import Formats
import Rules
import Values
import CSVKit

/// The annual run's output folder, kept safe (SPEC 7): what may be an OUTPUT_DIR, and the
/// atomic swap of a finished result for the previous one. Used by Pipelines/annual-run.sh.
@main
struct ClusterPublish: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cluster-publish",
        abstract: "Check an annual run's output folder and swap a finished result into it (SPEC 7).",
        version: PipelineVersion.shown,
        subcommands: [Check.self, Swap.self])

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Refuse (exit 64) an OUTPUT_DIR that is, holds or lies inside INPUT_DIR, is a file, or is a non-empty folder without datapackage.json; print the folder the result will replace.",
            discussion: "Example: cluster-publish check Inputs/fy2005 Outputs/fy2005")

        @Argument(help: "The input folder of the run.")
        var input: String

        @Argument(help: "The output folder of the run.")
        var output: String

        func run() throws {
            let status = Stage.run(name: "annual-run") {
                let resolved = try OutputFolder.check(input: input, output: output)
                print(resolved)
            }
            if status != 0 { throw ExitCode(status) }
        }
    }

    struct Swap: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Put the finished folder BUILD at OUTPUT in one system call (renameat2); the previous result, if any, is left at BUILD.",
            discussion: "Example: cluster-publish swap Outputs/.fy2005.building.x1y2z3 Outputs/fy2005")

        @Argument(help: "The finished result (beside OUTPUT, on the same file system).")
        var build: String

        @Argument(help: "The output folder.")
        var output: String

        func run() throws {
            let status = Stage.run(name: "annual-run") {
                try OutputFolder.publish(build: build, output: output)
            }
            if status != 0 { throw ExitCode(status) }
        }
    }
}
