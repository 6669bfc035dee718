/// The exit statuses of SPEC section 2, shared by every stage and the pipeline.
public enum ExitStatus: Int32, Sendable {
    case success = 0
    case usage = 64
    case dataError = 65
    case noInput = 66
    case internalError = 70
    case ioError = 74
    case busy = 75
}

/// Every failure a stage can report: each names the file (and line and column where it can)
/// and what was expected, and maps to one exit status.
public enum PipelineError: Error, Equatable, CustomStringConvertible {
    /// An input file that does not exist or cannot be read.
    case inputUnreadable(path: String, reason: String)
    /// Required inputs absent from an input folder, all of them at once.
    case missingInputs(folder: String, files: [MissingInput])
    /// An output file or stream that cannot be written.
    case outputUnwritable(path: String, reason: String)
    /// A run.conf line that cannot be accepted.
    case badConfig(path: String, line: Int, key: String, message: String)
    /// A command-line option or combination that cannot be accepted.
    case usage(String)
    /// A CSV file with no header row at all.
    case noHeader(path: String)
    /// A header that lacks a column the file must have.
    case missingColumn(path: String, line: Int, column: String, found: [String] = [])
    /// A header that names one column twice.
    case duplicateColumn(path: String, line: Int, column: Int, name: String)
    /// A header row that libcsv could not parse.
    case malformedHeader(path: String, line: Int, message: String)
    /// Inputs with more rejected records than MAX_REJECT_RATE allows (checked after every
    /// output is written).
    /// `rejects`: where the rejected records were written (nil: nowhere).
    case rejectRateExceeded(balances: [RowBalance], limit: Double, rejects: String?)
    /// An input in an encoding the pipeline does not read (UTF-16).
    case unsupportedEncoding(path: String, message: String)
    /// A rejected row in a reference table (SPEC 7.6), which accepts none.
    case referenceRejected(Reject)
    /// An intermediate file (one stage's output read by the next) that is not as written.
    case badIntermediate(path: String, line: Int, message: String)
    /// A computation that the data make impossible (SPEC 3.3 and the like).
    case impossible(String)
    /// STRICT_REPRODUCTION=yes and published values not reproduced: how many of how many, and
    /// the first of them as `describe` lines.
    case notReproduced(count: Int, total: Int, first: [String])
    /// CSV_ENCODING cannot hold a character of a published table: the file, its row (the header
    /// is row 1), the column's name and the character.
    case unencodable(path: String, row: Int, column: String, character: String, encoding: String)
    /// A failure inside a C library that is not the data's fault.
    case library(name: String, message: String)
    /// The reader of standard output went away (`| head`): a quiet, successful end.
    case downstreamClosed
    /// The output folder is in use by another run (SPEC 7.3).
    case busy(String)
    /// A stage the annual run started failed with `status` (it printed its own message); the
    /// run's message says what became of its output.
    case stageFailed(status: Int32, message: String)

    public var exitStatus: ExitStatus {
        switch self {
        case .inputUnreadable, .missingInputs: return .noInput
        case .outputUnwritable: return .ioError
        case .badConfig, .usage: return .usage
        case .noHeader, .missingColumn, .duplicateColumn, .malformedHeader, .rejectRateExceeded, .referenceRejected, .unsupportedEncoding,
            .notReproduced, .unencodable,
            .impossible, .badIntermediate:
            return .dataError
        case .library: return .internalError
        case .downstreamClosed: return .success
        case .busy: return .busy
        case .stageFailed(let status, _): return ExitStatus(rawValue: status) ?? .internalError
        }
    }

    public var description: String {
        switch self {
        case .inputUnreadable(let path, let reason):
            return "\(path): cannot read: \(reason)"
        case .missingInputs(let folder, let files):
            let names = files.map { file in
                file.similar.map { "\(file.name) (there is \($0): file names are case-sensitive)" } ?? file.name
            }
            let what = files.count == 1 ? "a required input is missing" : "\(files.count) required inputs are missing"
            return "\(folder): \(what): \(names.joined(separator: ", "))"
        case .outputUnwritable(let path, let reason):
            return "\(path): cannot write: \(reason)"
        case .badConfig(let path, let line, let key, let message):
            return "\(path):\(line): \(key): \(message)"
        case .usage(let message):
            return message
        case .noHeader(let path):
            return "\(path): empty file: expected a header row"
        case .missingColumn(let path, let line, let column, let found):
            var text = "\(path):\(line): header has no column '\(column)'"
            if found.contains(where: { $0.contains("\t") }) {
                // Shown as tabs, the header would only puzzle: say what it is.
                let cells = found.flatMap { $0.split(separator: "\t", omittingEmptySubsequences: false) }.count
                text += "; the header is tab-separated (\(cells) names between tabs): is this a TSV file? Save it as CSV (comma-separated)"
            } else if !found.isEmpty {
                let shown = found.prefix(40).map { "'\($0)'" }.joined(separator: ", ")
                text += "; the header has \(shown)\(found.count > 40 ? ", …" : "")"
                if let near = Text.closest(to: column, among: found) { text += " (is '\(near)' meant?)" }
            }
            return text
        case .duplicateColumn(let path, let line, let column, let name):
            return "\(path):\(line):\(column): column '\(name)' appears twice in the header"
        case .malformedHeader(let path, let line, let message):
            return "\(path):\(line): header row cannot be parsed: \(message)"
        case .rejectRateExceeded(let balances, let limit, let rejects):
            let see = rejects.map { "see \($0)" } ?? "give --rejects FILE to list them"
            return balances.map { b in
                "\(b.file): \(b.rejected) of \(b.read) records rejected (\(NumberFormat.percent(b.rejectRate))), above MAX_REJECT_RATE \(NumberFormat.plain(limit)); \(see)"
            }.joined(separator: "\n")
        case .unsupportedEncoding(let path, let message):
            return "\(path): \(message)"
        case .referenceRejected(let r):
            let column = r.column.isEmpty ? "" : ":\(r.column)"
            return "\(r.file):\(r.line)\(column): \(r.reason.rawValue) (value '\(r.value)'): a reference table accepts no rejected row, whatever MAX_REJECT_RATE says (every series depends on it); correct this row"
        case .badIntermediate(let path, let line, let message):
            return line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
        case .impossible(let message):
            return message
        case .unencodable(let path, let row, let column, let character, let encoding):
            let scalars = character.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }
            return "\(path): row \(row), column \(column): '\(character)' (\(scalars.joined(separator: " "))) cannot be written in \(encoding) (CSV_ENCODING); choose utf-8-bom, or change the text"
        case .notReproduced(let count, let total, let first):
            let more = count > first.count ? "; the first \(first.count):" : ":"
            return (["STRICT_REPRODUCTION=yes and \(count) of \(total) published values not reproduced\(more)"] + first)
                .joined(separator: "\n")
        case .library(let name, let message):
            return "\(name): \(message)"
        case .downstreamClosed:
            return "output closed by its reader"
        case .busy(let message):
            return message
        case .stageFailed(_, let message):
            return message
        }
    }
}

/// A required input that is not in the input folder, with a file whose name differs from it
/// only in letter case, when there is one (`Responses.csv` for `responses.csv`).
public struct MissingInput: Equatable, Sendable {
    public let name: String
    public let similar: String?

    public init(name: String, similar: String?) {
        self.name = name
        self.similar = similar
    }
}
