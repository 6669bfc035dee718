import CSVKit
import Formats
import Statistics
import Values

/// What may leave the office (SPEC 11): the disclosure audit of a run gathered into one table,
/// and the release set — the public files of a finished result, copied to a new folder with a
/// data package that lists only them.
public enum ReleaseStage {
    /// Gathers the stages' audit tables (index, then survey) into `outputPath`, then fails (exit
    /// 65) naming the first exposed cell, if any.
    public static func gatherAudit(_ parts: [String], outputPath: String?) throws {
        var rows: [AuditRow] = []
        for part in parts { rows += try DisclosureAuditCSV.read(part) }
        let out = try CSVWriter(path: outputPath)
        try DisclosureAuditCSV.write(rows, to: out)
        try out.close()
        try DisclosureAuditCSV.check(rows, writtenTo: outputPath)
    }

    /// Copies the public files of the finished result `results` to the new folder `destination`
    /// and writes there a datapackage.json listing only them. Refused before anything is
    /// written when `results` has no disclosure audit or the audit names an exposed cell (exit
    /// 65), has no data package (exit 66), a public file is missing or differs from the hash the
    /// data package recorded (changed since the run: exit 65), or `destination` exists (exit 64:
    /// nothing is ever overwritten). The files are copied into a folder beside `destination`
    /// that is renamed to it at the end, so that `destination` holds the whole release or
    /// nothing. Returns the files copied.
    @discardableResult
    public static func release(results: String, destination: String) throws -> [String] {
        guard try Files.isDirectory(results) else {
            throw PipelineError.inputUnreadable(path: results, reason: "no such folder")
        }
        // The audit first: a failed run's folder (OUTPUT_DIR.failed) is refused for what it is.
        let audit = results + "/" + DataDictionary.disclosureAudit.file
        guard try Files.exists(audit) else {
            throw PipelineError.impossible(
                "\(audit): no disclosure audit: this result did not pass disclosure control (SPEC 11) or was not checked; run the annual run again")
        }
        try DisclosureAuditCSV.check(try DisclosureAuditCSV.read(audit), writtenTo: audit)
        let package = results + "/" + OutputFolder.packageFile
        guard try Files.exists(package) else {
            throw PipelineError.inputUnreadable(path: package, reason: "no data package: \(results) is not a finished result of the annual run")
        }
        guard let json = JSON.parse(try Files.read(package)), case .array(let resources)? = json["resources"] else {
            throw PipelineError.impossible("\(package): not the data package of a run (no resources)")
        }
        // Every file read once: its bytes hashed against the data package's record and, if
        // public, those very bytes copied.
        func verified(_ resource: JSON, _ path: String) throws -> [UInt8] {
            let file = results + "/" + path
            guard try Files.exists(file) else {
                throw PipelineError.impossible("\(file): listed in the data package but missing; nothing released")
            }
            guard let hash = resource["hash"]?.stringValue, hash.hasPrefix("sha256:") else {
                throw PipelineError.impossible("\(package): \(path) has no SHA-256; nothing released")
            }
            let bytes = try Files.read(file)
            var digest = SHA256()
            digest.update(bytes[...])
            let actual = digest.hexDigest()
            guard "sha256:" + actual == hash else {
                throw PipelineError.impossible(
                    "\(file): changed since the run (SHA-256 \(actual), the data package recorded \(hash.dropFirst(7))); nothing released")
            }
            return bytes
        }
        var kept: [JSON] = []
        var files: [(path: String, bytes: [UInt8])] = []
        for resource in resources {
            guard let path = resource["path"]?.stringValue, let confidentiality = resource["confidentiality"]?.stringValue
            else { throw PipelineError.impossible("\(package): a resource without path or confidentiality") }
            // The audit checked above is the one the run recorded.
            if path == DataDictionary.disclosureAudit.file { _ = try verified(resource, path) }
            // Only what this version classifies public leaves, whatever the file says.
            guard confidentiality == "public", DataDictionary.isPublic(path), !path.contains("..") else { continue }
            kept.append(resource)
            files.append((path, try verified(resource, path)))
        }
        guard case .object(var members) = json else { throw PipelineError.impossible("\(package): not a JSON object") }
        for k in members.indices where members[k].0 == "resources" { members[k].1 = .array(kept) }
        // The sources (the inputs' fingerprints and row balances) are the office's, as report.txt is.
        members.removeAll { $0.0 == "sources" }
        members.append(
            ("description_release", .string("The public files of the run: the disclosure audit passed (SPEC 11); microdata, the audit and the report stay with the office.")))

        let target = OutputFolder.resolve(destination)
        if case .none = try Files.entry(target) {} else {
            throw PipelineError.usage("DEST \(destination) exists; name a new folder (a release never overwrites)")
        }
        let resultsReal = OutputFolder.resolve(results)
        if target.hasPrefix(resultsReal + "/") {
            throw PipelineError.usage("DEST \(destination) lies inside OUTPUT_DIR \(results); name a folder outside it")
        }
        let parent = target.split(separator: "/").dropLast().joined(separator: "/")
        let name = target.split(separator: "/").last.map(String.init) ?? "release"
        let building = "/" + parent + "/." + name + ".release-building"
        guard try Files.makeNewDirectory(building) else {
            throw PipelineError.usage(
                "\(building) exists (another release into DEST, or one that was stopped); remove it and try again")
        }
        var written: [String] = []
        var folders: [String] = []
        do {
            for (path, bytes) in files {
                let parts = path.split(separator: "/")
                var folder = building
                for part in parts.dropLast() {
                    folder += "/" + part
                    if try Files.makeNewDirectory(folder) { folders.append(folder) }
                }
                // Listed before it is written, so that a half-written copy is removed too.
                written.append(building + "/" + path)
                let out = try CSVWriter(path: building + "/" + path)
                try out.raw(bytes)
                try out.close()
            }
            written.append(building + "/" + OutputFolder.packageFile)
            try Files.write(JSON.object(members).rendered(), to: building + "/" + OutputFolder.packageFile)
            guard try Files.renameIfAbsent(building, to: target) else {
                throw PipelineError.usage("DEST \(destination) exists; name a new folder (a release never overwrites)")
            }
        } catch {
            // Remove only what this release wrote; what cannot be removed is named, and the
            // first error is the one reported.
            var left: [String] = []
            for file in written.reversed() {
                do { if try Files.exists(file) { try Files.removeFile(file) } } catch { left.append(file) }
            }
            for folder in folders.reversed() + [building] {
                do { try Files.removeEmptyDirectory(folder) } catch { left.append(folder) }
            }
            if !left.isEmpty { Files.diagnose("cluster-publish: could not remove \(left.joined(separator: ", "))") }
            throw error
        }
        return files.map(\.path) + [OutputFolder.packageFile]
    }
}
