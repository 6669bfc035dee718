import CSVKit
import Values

extension Ingest {
    /// participants.csv read for its frame: the same rules and decisions as `participants`
    /// (a repeated number with an identical row merged, with another row rejected), keeping
    /// only the numbers and projects.
    /// `keep` gets every kept participant in file order (the ingest stage writes them out);
    /// without it no participant's name or region is made into text.
    public static func frame(
        _ path: String?, file: String, settings: IngestSettings, rejects: RejectLog,
        keep: ((Participant) throws -> Void)? = nil
    ) throws -> (frame: Frame, report: IngestReport) {
        if let keep {
            return try loadFrame(
                path, file: file, settings: settings, rejects: rejects, bind: { $0 },
                row: { p in (p.id, p.project, p.region, Digest.of(p.name, p.project, p.region)) }, keep: keep)
        }
        return try loadFrame(
            path, file: file, settings: settings, rejects: rejects, bind: { ParticipantFrameRules(rules: $0) },
            row: { ($0.id, $0.project, $0.region, $0.digest) }, keep: nil)
    }

    /// The frame's loop over rows of either rule set.
    private static func loadFrame<Rules: RecordRules>(
        _ path: String?, file: String, settings: IngestSettings, rejects: RejectLog,
        bind: @escaping (ParticipantRules) -> Rules,
        row describe: @escaping (Rules.Row) -> (id: CorporateNumber, project: String, region: String, digest: UInt64),
        keep: ((Rules.Row) throws -> Void)?
    ) throws -> (frame: Frame, report: IngestReport) {
        // One table, number → position in file order: it tells repeats apart (by the digest
        // kept per member) and becomes the frame's project map and set of numbers.
        // Sized for rows of about 64 bytes (a file of shorter rows grows its table once or twice).
        // At most 4 million rows ahead (a table of 128 MB); a larger frame grows it.
        var index = IDMap(capacity: min(rowEstimate(path, bytesPerRow: 64), 1 << 22))
        var numbers: [UInt64] = []
        var coded: [UInt32] = []
        var digests: [UInt64] = []
        var projects = Frame.Coding()
        var regions = Frame.Coding()
        var regionCodes: [UInt32] = []
        var keyPosition = 0
        let report = try RecordLoop.run(
            path: path, file: file, settings: settings, rejects: rejects,
            bind: { header in
                keyPosition = try header.require("enterprise_id")
                let kind = InputKind.participants
                return (bind(try ParticipantRules(header: header)), Set(kind.requiredColumns + kind.optionalColumns))
            },
            accept: { _, row in
                let p = describe(row)
                if let earlier = index.insertIfAbsent(p.id.value, UInt64(numbers.count)) {
                    if digests[Int(earlier)] == p.digest { return .merged }
                    return .rejected(Fault(column: keyPosition, reason: .conflictingDuplicate, value: p.id.description))
                }
                numbers.append(p.id.value)
                coded.append(projects.code(p.project))
                regionCodes.append(regions.code(p.region))
                digests.append(p.digest)
                try keep?(row)
                return .kept
            })
        digests = []
        let frame = Frame(
            index: index, numbers: numbers, projects: coded, names: projects.names, regions: regionCodes,
            regionNames: regions.names)
        return (frame, report)
    }
}

extension Ingest {
    /// A guess at the rows of the file at `path` from its size, for sizing a table: 0 for
    /// standard input or a size that cannot be read (reading the file then says why).
    static func rowEstimate(_ path: String?, bytesPerRow: Int) -> Int {
        guard let path, path != "-" else { return 0 }
        do { return try Files.size(path) / bytesPerRow } catch { return 0 }
    }

    /// The codebook and the frame that responses are checked against, read with the same rules
    /// but silently (their own rejects are listed when those files are ingested themselves).
    public static func surveyReferences(codebook codebookPath: String, participants participantsPath: String) throws
        -> (codebook: Codebook, frame: Frame)
    {
        let settings = IngestSettings(encoding: .auto, maxRejectRate: 1)
        let quiet = try RejectLog(writer: nil)
        let items = try codebook(codebookPath, file: Files.baseName(codebookPath), settings: settings, rejects: quiet)
        try quiet.requireNone(in: Files.baseName(codebookPath))
        let (frame, _) = try frame(participantsPath, file: Files.baseName(participantsPath), settings: settings, rejects: quiet)
        return (Codebook(items: items.rows), frame)
    }
}

/// FNV-1a over text fields separated by U+001F: equal rows, equal digests.
struct Digest {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    private var fields = 0

    mutating func add<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        if fields > 0 { mix(0x1F) }
        fields += 1
        for b in bytes { mix(b) }
    }

    @inline(__always)
    private mutating func mix(_ b: UInt8) {
        value ^= UInt64(b)
        value = value &* 0x100_0000_01b3
    }

    static func of(_ fields: String...) -> UInt64 {
        var digest = Digest()
        for field in fields { digest.add(field.utf8) }
        return digest.value
    }
}
