/// A place in a user's file, for errors: prints as `path:line:col`.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public var path: String
  /// 1-based.
  public var line: Int
  /// 1-based.
  public var column: Int

  /// Creates a source location.
  /// - Parameters:
  ///   - path: the file, as the user named it or repo-relative.
  ///   - line: 1-based line.
  ///   - column: 1-based column.
  public init(path: String, line: Int, column: Int = 1) {
    self.path = path
    self.line = line
    self.column = column
  }

  public var description: String { "\(path):\(line):\(column)" }
}
