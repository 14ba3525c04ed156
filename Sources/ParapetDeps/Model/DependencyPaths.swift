/// How each package of a lockfile is reached from the project: one breadth-first walk from the
/// direct dependencies along the recorded edges, so that asking for every package's path costs
/// no more than asking for one.
public struct DependencyPaths: Sendable {
  private let byKey: [String: Package]
  /// The package each package was first reached from.
  private let parents: [String: String]
  private let reached: Set<String>

  /// Walks a lockfile's edges.
  /// - Parameter lockfile: the lockfile.
  public init(_ lockfile: Lockfile) {
    byKey = Dictionary(
      lockfile.packages.map { ($0.key, $0) }, uniquingKeysWith: { first, _ in first })
    var parents: [String: String] = [:]
    var queue = lockfile.packages.filter(\.direct).map(\.key)
    var seen = Set(queue)
    var head = 0
    while head < queue.count {
      let key = queue[head]
      head += 1
      for child in byKey[key]?.dependencies ?? [] where !seen.contains(child) {
        seen.insert(child)
        parents[child] = key
        queue.append(child)
      }
    }
    self.parents = parents
    reached = seen
  }

  /// The chain of packages from a direct dependency to `target`, shortest first found, when the
  /// lockfile records edges; `[target]` when it does not.
  /// - Parameter target: a package of the lockfile.
  /// - Returns: the path, direct dependency first.
  public func path(to target: Package) -> [Package] {
    guard reached.contains(target.key) else { return [target] }
    var chain = [target]
    var key = target.key
    while let parent = parents[key], let package = byKey[parent] {
      chain.insert(package, at: 0)
      key = parent
    }
    return chain
  }
}
