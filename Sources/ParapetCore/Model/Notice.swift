/// Something the user must see that is not a finding: a skipped file, a failed job.
public struct Notice: Hashable, Codable, Sendable {
  public enum Level: String, Codable, Sendable {
    case note, warning, error
  }

  public var level: Level
  public var message: String
  /// The repo-relative path it concerns, when it concerns one.
  public var path: String?

  /// Creates a notification.
  /// - Parameters:
  ///   - level: `note`, `warning` or `error`.
  ///   - message: one lowercase line.
  ///   - path: the repo-relative path it concerns.
  public init(_ level: Level, _ message: String, path: String? = nil) {
    self.level = level
    self.message = message
    self.path = path
  }
}
