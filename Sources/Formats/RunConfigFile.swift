import CSVKit
import Values

extension RunConfig {
    /// Reads and parses the run.conf at `path`, keeping its SHA-256.
    public static func load(_ path: String) throws -> RunConfig {
        let bytes = try Files.read(path)
        var config = try parse(bytes, path: path)
        var hash = SHA256()
        hash.update(bytes)
        config.sha256 = hash.hexDigest()
        return config
    }
}
