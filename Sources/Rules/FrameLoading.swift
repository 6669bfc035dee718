import CSVKit
import Values

extension Ingest {
    /// participants.csv read for its frame: the same rules and decisions as `participants`
    /// (a repeated number with an identical row merged, with another row rejected), keeping
    /// only the numbers and projects.
    /// `keep` gets every kept participant in file order (the ingest stage writes them out).
    public static func frame(
        _ path: String?, file: String, settings: IngestSettings, rejects: RejectLog,
        keep: ((Participant) throws -> Void)? = nil
    ) throws -> (frame: Frame, report: IngestReport) {
        var members: [(id: UInt64, project: UInt32)] = []
        var projects: [String] = []
        var projectIndex: [String: UInt32] = [:]
        var digests = IDMap()
        var keyPosition = 0
        let report = try RecordLoop.run(
            path: path, file: file, settings: settings, rejects: rejects,
            bind: { header in
                keyPosition = try header.require("enterprise_id")
                let kind = InputKind.participants
                return (try ParticipantRules(header: header), Set(kind.requiredColumns + kind.optionalColumns))
            },
            accept: { _, p in
                let digest = Digest.of(p.name, p.project, p.region)
                if let earlier = digests[p.id.value] {
                    if earlier == digest { return .merged }
                    return .rejected(Fault(column: keyPosition, reason: .conflictingDuplicate, value: p.id.description))
                }
                digests.set(p.id.value, digest)
                let k = projectIndex[p.project] ?? UInt32(projects.count)
                if k == UInt32(projects.count) {
                    projectIndex[p.project] = k
                    projects.append(p.project)
                }
                members.append((p.id.value, k))
                try keep?(p)
                return .kept
            })
        digests = IDMap()
        return (Frame(coded: members, projects: projects), report)
    }
}

extension Ingest {
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
enum Digest {
    static func of(_ first: String, _ rest: String...) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func add(_ field: String) {
            var field = field
            field.withUTF8 { bytes in
                for b in bytes {
                    h ^= UInt64(b)
                    h = h &* 0x100_0000_01b3
                }
            }
        }
        add(first)
        for field in rest {
            h ^= 0x1F
            h = h &* 0x100_0000_01b3
            add(field)
        }
        return h
    }
}
