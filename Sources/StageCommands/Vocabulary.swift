import CSVKit
import Formats
import Rules
import Statistics
import Values

// The names of the lower layers the commands use, given by this layer, so that a command
// imports Stages and StageCommands only (Package.swift: every command depends on those two and
// on argument-parser): what a command may touch below the glue is this list.

/// Files, standard error and the output checks (`checkOutputs`, `diagnose`).
public typealias Files = CSVKit.Files
/// The pipeline's version and source commit (`--version`, datapackage.json).
public typealias PipelineVersion = Formats.PipelineVersion
/// run.conf's settings.
public typealias RunConfig = Values.RunConfig
/// The inputs of SPEC 1.1 (ingest's KIND).
public typealias InputKind = Rules.InputKind
/// ENCODING's values.
public typealias EncodingChoice = Values.EncodingChoice
/// The verdict line of cluster-compare.
public typealias Reproduction = Statistics.Reproduction
/// The fingerprints and digests files of cluster-report and cluster-package.
public typealias ReportData = Formats.ReportData
/// CSV_ENCODING's rewrite of a finished table (cluster-publish encode).
public typealias Transcoding = CSVKit.Transcoding
/// cluster-explain's output.
public typealias CSVWriter = CSVKit.CSVWriter
/// cluster-explain's ID.
public typealias CorporateNumber = Values.CorporateNumber
