/// Reads one CSV input to the end with the checks every file shares: the header, a field
/// count per record, malformed stretches as rejects, and the running row balance.
final class RecordLoop {
    let file: String
    let rejects: RejectLog
    private(set) var report: IngestReport
    private(set) var header: Header?

    init(file: String, rejects: RejectLog) {
        self.file = file
        self.rejects = rejects
        self.report = IngestReport(file: file)
    }

    var balance: RowBalance {
        get { report.balance }
        set { report.balance = newValue }
    }

    /// Runs the loop. `onHeader` binds the columns (and may throw a missing column) and returns
    /// the names its rules read; `onRecord` gets each record with the right number of fields.
    func run(
        path: String?, settings: IngestSettings,
        onHeader: (Header) throws -> Set<String>, onRecord: (CSVRecord) throws -> Void
    ) throws {
        let reader = try CSVReader(path: path, encoding: settings.encoding)
        let file = self.file
        let progress = settings.progress.map { callback in { (bytes: Int) in callback(file, bytes) } }
        try reader.read(progress: progress) { event in
            switch event {
            case .malformed(let bad):
                guard header != nil else {
                    throw PipelineError.malformedHeader(path: file, line: bad.line, message: bad.kind.rawValue)
                }
                report.balance.read += 1
                report.balance.rejected += 1
                let reason: RejectReason = bad.kind == .strayQuote ? .malformedQuotes : .unterminatedQuote
                try rejects.add(Reject(file: file, line: bad.line, column: "", reason: reason, value: bad.excerpt))
            case .record(let record):
                guard let bound = header else {
                    let parsed = try Header(record: record, file: file)
                    header = parsed
                    let known = try onHeader(parsed)
                    report.unknownColumns = parsed.unknown(known: known)
                    return
                }
                report.balance.read += 1
                guard record.count == bound.count else {
                    report.balance.rejected += 1
                    try rejects.add(
                        Reject(
                            file: file, line: record.line, column: "", reason: .wrongFieldCount,
                            value: "\(record.count) fields, header has \(bound.count)"))
                    return
                }
                try onRecord(record)
            }
        }
        guard header != nil else { throw PipelineError.noHeader(path: file) }
        report.encoding = reader.encoding
        report.sawBOM = reader.sawBOM
        report.bytes = reader.bytesRead
    }

    /// Records a fault as a reject.
    func reject(_ fault: Fault, line: Int) throws {
        report.balance.rejected += 1
        let column = header.map { fault.column < $0.names.count ? $0.names[fault.column] : "" } ?? ""
        try rejects.add(Reject(file: file, line: line, column: column, reason: fault.reason, value: fault.value))
    }
}
