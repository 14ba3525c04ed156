/// Where a finding is: a repo-relative path, 1-based lines and columns, and in history modes the
/// commit that introduced it.
public struct Location: Hashable, Codable, Sendable {
  public var path: String
  public var startLine: Int
  public var endLine: Int
  public var startColumn: Int
  public var endColumn: Int
  public var commit: String?
  public var author: String?
  /// ISO 8601, UTC.
  public var date: String?

  /// Creates a location.
  /// - Parameters:
  ///   - path: the path relative to the scanned root, with `/` separators.
  ///   - startLine: 1-based line of the first character.
  ///   - startColumn: 1-based column (in bytes) of the first character.
  ///   - endLine: 1-based line of the last character.
  ///   - endColumn: 1-based column just past the last character.
  ///   - commit: the commit that introduced it, in history modes.
  ///   - author: that commit's author, `Name <email>`.
  ///   - date: that commit's date, ISO 8601.
  public init(
    path: String, startLine: Int, startColumn: Int, endLine: Int, endColumn: Int,
    commit: String? = nil, author: String? = nil, date: String? = nil
  ) {
    self.path = path
    self.startLine = startLine
    self.startColumn = startColumn
    self.endLine = endLine
    self.endColumn = endColumn
    self.commit = commit
    self.author = author
    self.date = date
  }
}
