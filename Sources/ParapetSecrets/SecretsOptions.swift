import Foundation

/// Everything the secrets job needs to know, resolved from flags and `.parapet.toml`.
public struct SecretsOptions: Sendable {
  /// What to scan.
  public enum Mode: Sendable, Equatable {
    /// Tracked and untracked-not-ignored files (every file when the root is not a repository).
    case workTree
    /// The index against HEAD: added lines only.
    case staged
    /// Every commit reachable from any ref.
    case history
    /// The commits of `A..B`.
    case range(String)
    /// Every file under the root, git or not.
    case noGit
    /// Standard input, already read.
    case standardInput([UInt8])
  }

  public var mode: Mode = .workTree
  /// Leave out commits older than this (seconds since 1970), in history and range modes.
  public var since: Int64?
  public var maxFileSize = 10 * 1024 * 1024
  /// How many leading characters of a secret reports show; nil shows it whole.
  public var redact: Int? = 4
  /// Findings less sure than this are reported at `info` (placeholders, generic assignments,
  /// fixtures in test and documentation paths).
  public var minConfidence = Confidence.medium
  /// A gitleaks config to load (its rules, allowlists and `[extend] useDefault`).
  public var gitleaksConfig: URL?
  /// Allowlists from `.parapet.toml` `[secrets.allowlist]`.
  public var allowlist = AllowlistSpec()
  /// A folder where history scans keep what they learned (`--cache`, `[secrets] cache`), so that
  /// the next scan of the repository reads only the commits after it.
  public var cacheDirectory: URL?
  /// Parapet's version line: a history cache written by another version is not used.
  public var toolVersion = ""
  /// Worker threads; both cores by default.
  public var workers = max(1, ProcessInfo.processInfo.activeProcessorCount)

  /// Options with every default.
  public init() {}
}
