internal import CMinizip
import Values

/// A zip archive read whole and written whole with minizip: the only code that touches its
/// handles. tables.xlsx uses it to amend one part libxlsxwriter cannot write (the Survey 1
/// chart's custom error bars); an entry keeps its name, date and attributes, so the same
/// entries give the same bytes.
public enum ZipArchive {
    /// One member of an archive, uncompressed.
    public struct Entry: Sendable {
        public let name: String
        public var bytes: [UInt8]
        let dosDate: UInt
        let internalAttributes: UInt
        let externalAttributes: UInt
    }

    /// An archive's largest member this reader takes (the workbooks it amends are far smaller).
    public static let largestEntry: UInt64 = 1 << 30

    /// Every entry of the archive at `path`, in the archive's order.
    public static func read(_ path: String) throws -> [Entry] {
        guard let file = unzOpen64(path) else { throw failure(path, "cannot be opened as a zip archive") }
        defer { unzClose(file) }
        var entries: [Entry] = []
        var status = unzGoToFirstFile(file)
        while status == UNZ_OK {
            var info = unz_file_info64()
            var name = [CChar](repeating: 0, count: 4096)
            try check(unzGetCurrentFileInfo64(file, &info, &name, UInt(name.count - 1), nil, 0, nil, 0), path, "reading an entry's header")
            guard info.uncompressed_size <= largestEntry else {
                throw failure(path, "an entry of \(info.uncompressed_size) bytes is larger than \(largestEntry)")
            }
            try check(unzOpenCurrentFile(file), path, "opening an entry")
            var bytes = [UInt8](repeating: 0, count: Int(info.uncompressed_size))
            var filled = 0
            while filled < bytes.count {
                let got = bytes.withUnsafeMutableBytes { buffer -> Int32 in
                    guard let base = buffer.baseAddress else { return 0 }
                    return unzReadCurrentFile(file, base + filled, UInt32(min(buffer.count - filled, 1 << 20)))
                }
                guard got > 0 else { throw failure(path, "an entry ends before its stated size (\(got))") }
                filled += Int(got)
            }
            // Closing checks the entry's CRC-32 against what was read.
            try check(unzCloseCurrentFile(file), path, "checking an entry's CRC")
            let text = name.withUnsafeBufferPointer { String(decoding: $0.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) }
            entries.append(
                Entry(name: text, bytes: bytes, dosDate: info.dosDate, internalAttributes: info.internal_fa,
                      externalAttributes: info.external_fa))
            status = unzGoToNextFile(file)
        }
        guard status == UNZ_END_OF_LIST_OF_FILE else { throw failure(path, "the list of entries is broken (\(status))") }
        return entries
    }

    /// Writes `entries` as a new archive at `path` (replacing what was there), each deflated.
    public static func write(_ entries: [Entry], to path: String) throws {
        guard let file = zipOpen64(path, APPEND_STATUS_CREATE) else { throw failure(path, "cannot be created") }
        var open = true
        defer { if open { zipClose(file, nil) } }
        for entry in entries {
            var info = zip_fileinfo()
            info.dosDate = entry.dosDate
            info.internal_fa = entry.internalAttributes
            info.external_fa = entry.externalAttributes
            try check(
                zipOpenNewFileInZip64(file, entry.name, &info, nil, 0, nil, 0, nil, Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0),
                path, "adding \(entry.name)")
            var written = 0
            while written < entry.bytes.count {
                let chunk = min(entry.bytes.count - written, 1 << 20)
                let status = entry.bytes.withUnsafeBytes { buffer -> Int32 in
                    guard let base = buffer.baseAddress else { return ZIP_PARAMERROR }
                    return zipWriteInFileInZip(file, base + written, UInt32(chunk))
                }
                try check(status, path, "writing \(entry.name)")
                written += chunk
            }
            try check(zipCloseFileInZip(file), path, "closing \(entry.name)")
        }
        open = false
        try check(zipClose(file, nil), path, "finishing the archive")
    }

    static func check(_ status: Int32, _ path: String, _ doing: String) throws {
        if status != 0 { throw failure(path, "\(doing): minizip status \(status)") }
    }

    static func failure(_ path: String, _ message: String) -> PipelineError {
        .library(name: "minizip", message: "\(path): \(message)")
    }
}
