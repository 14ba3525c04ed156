/// Something the user must see that is not a finding: a skipped file, a failed job.
public struct Notice: Hashable, Codable, Sendable {
  public enum Level: String, Codable, Sendable {
    case note, warning, error
  }

  public var level: Level
  public var message: String
  /// The repo-relative path it concerns, when it concerns one.
  public var path: String?
  /// The 1-based line of `path` it concerns, when it concerns one.
  public var line: Int?

  /// Creates a notification.
  /// - Parameters:
  ///   - level: `note`, `warning` or `error`.
  ///   - message: one lowercase line.
  ///   - path: the repo-relative path it concerns.
  ///   - line: the line of that path.
  public init(_ level: Level, _ message: String, path: String? = nil, line: Int? = nil) {
    self.level = level
    self.message = message
    self.path = path
    self.line = line
  }

  /// `path:line: ` or `path: ` or nothing, for one-line output.
  public var place: String {
    guard let path else { return "" }
    return line.map { "\(path):\($0): " } ?? "\(path): "
  }
}
