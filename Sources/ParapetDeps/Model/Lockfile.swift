/// What one lockfile says: its packages, with the edges it records.
public struct Lockfile: Sendable {
  /// Repo-relative path.
  public var path: String
  /// The lockfile's kind, such as `package-lock.json v3`.
  public var kind: String
  public var packages: [Package]
  /// Entries the parser could not turn into packages (an unpinned requirement, say), with why.
  public var notices: [(line: Int, message: String)]

  /// Creates a lockfile record.
  /// - Parameters:
  ///   - path: repo-relative.
  ///   - kind: its format and version.
  ///   - packages: its packages.
  ///   - notices: what could not be read, with lines.
  public init(
    path: String, kind: String, packages: [Package], notices: [(line: Int, message: String)] = []
  ) {
    self.path = path
    self.kind = kind
    self.packages = packages
    self.notices = notices
  }

  /// The shortest dependency paths of this lockfile, computed once for every package.
  public var dependencyPaths: DependencyPaths { DependencyPaths(self) }
}
