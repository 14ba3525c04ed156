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

  /// The chain of packages from a direct dependency to `target`, shortest first found, when the
  /// lockfile records edges; `[target]` when it does not.
  /// - Parameter target: a package of this lockfile.
  /// - Returns: the path, direct dependency first.
  public func path(to target: Package) -> [Package] {
    let byKey = Dictionary(packages.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    var parents: [String: String] = [:]
    var queue = packages.filter(\.direct).map(\.key)
    var seen = Set(queue)
    var head = 0
    while head < queue.count {
      let key = queue[head]
      head += 1
      if key == target.key { break }
      for child in byKey[key]?.dependencies ?? [] where !seen.contains(child) {
        seen.insert(child)
        parents[child] = key
        queue.append(child)
      }
    }
    guard seen.contains(target.key) else { return [target] }
    var chain = [target]
    var key = target.key
    while let parent = parents[key], let package = byKey[parent] {
      chain.insert(package, at: 0)
      key = parent
    }
    return chain
  }
}
