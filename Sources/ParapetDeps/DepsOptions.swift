import Foundation

/// Everything the deps job needs to know, resolved from flags and `.parapet.toml`.
public struct DepsOptions: Sendable {
  /// An accepted vulnerability, until a date.
  public struct Ignore: Sendable {
    public var id: String
    public var reason: String
    /// `YYYY-MM-DD`; after it the vulnerability is reported again, with a notice.
    public var until: String?

    /// Creates an ignore entry.
    /// - Parameters:
    ///   - id: an advisory id or alias.
    ///   - reason: why it is accepted.
    ///   - until: when the acceptance ends.
    public init(id: String, reason: String, until: String?) {
      self.id = id
      self.reason = reason
      self.until = until
    }
  }

  /// The OSV database folder; nil for `PARAPET_DB` or `~/.cache/parapet/osv`.
  public var database: URL?
  /// A database older than this many days is reported as stale.
  public var maxDatabaseAgeDays = 7
  /// Whether a stale database leaves the job incomplete (in CI), rather than only warning. A
  /// missing one always does, unless the user accepts it (`--allow-missing-db`, which sets this
  /// and `databaseOptional`).
  public var databaseRequired = false
  /// Whether a missing database is accepted with a warning (`--allow-missing-db`).
  public var databaseOptional = false
  /// Scan lockfiles in `node_modules`, `vendor`, `testdata` and fixture folders too.
  public var includeFixtures = false
  /// Leave out dev, optional and peer packages.
  public var prodOnly = false
  /// Leave out advisories no version fixes yet (trivy's `--ignore-unfixed`).
  public var ignoreUnfixed = false
  public var ignores: [Ignore] = []

  /// Options with every default.
  public init() {}

  /// Where the database is when no flag names it.
  public static func defaultDatabase(
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL {
    if let path = environment["PARAPET_DB"], !path.isEmpty { return URL(fileURLWithPath: path) }
    return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(
      ".cache/parapet/osv")
  }
}
