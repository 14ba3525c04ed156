extension Array {
  /// The elements in groups: those with the same key together, in the order each group's first
  /// member comes; an element without a key stands alone, in its place. Reports group findings
  /// this way (one package's advisories, one setting missing from several blocks).
  /// - Parameter key: what elements that belong together share; nil for one that stands alone.
  /// - Returns: the groups, none empty.
  public func grouped(by key: (Element) -> String?) -> [[Element]] {
    var groups: [[Element]] = []
    var groupOf: [String: Int] = [:]
    for element in self {
      guard let key = key(element) else {
        groups.append([element])
        continue
      }
      if let index = groupOf[key] {
        groups[index].append(element)
      } else {
        groupOf[key] = groups.count
        groups.append([element])
      }
    }
    return groups
  }
}
