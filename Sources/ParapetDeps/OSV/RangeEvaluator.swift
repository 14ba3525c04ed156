/// Evaluates OSV `affected` entries against a version exactly as the OSV schema specifies:
/// explicit `versions`, and `SEMVER`/`ECOSYSTEM` ranges whose events are sorted and walked,
/// `introduced` opening, `fixed` and `last_affected` closing, `limit` bounding. `GIT` ranges
/// name commits, not versions, and are left to the explicit list.
enum RangeEvaluator {
  /// Whether `version` is affected, and the nearest fixed version above it.
  /// - Parameters:
  ///   - affected: one affected entry of a record.
  ///   - version: the installed version.
  ///   - scheme: the ecosystem's ordering (SEMVER ranges always use SemVer).
  /// - Returns: nil when not affected; else the smallest `fixed` above the version, if any.
  static func evaluate(
    _ affected: OSVRecord.Affected, version: String, scheme: VersionScheme
  ) -> (fixed: String?, affected: Bool) {
    var isAffected = affected.versions?.contains(version) ?? false
    var fixes: [(String, VersionScheme)] = []
    for range in affected.ranges ?? [] {
      let order: VersionScheme
      switch range.type {
      case "SEMVER": order = .semver
      case "ECOSYSTEM": order = scheme
      default: continue
      }
      if inRange(range, version: version, order: order) { isAffected = true }
      for event in range.events {
        if let fixed = event.fixed, order.compare(fixed, version) > 0 {
          fixes.append((fixed, order))
        }
      }
    }
    let nearest = fixes.min { $0.1.compare($0.0, $1.0) < 0 }?.0
    return (isAffected ? nearest : nil, isAffected)
  }

  private static func inRange(
    _ range: OSVRecord.Affected.Range, version: String, order: VersionScheme
  ) -> Bool {
    for event in range.events {
      if let limit = event.limit, limit != "*", order.compare(version, limit) >= 0 { return false }
    }
    let sorted = range.events.sorted { key($0, order: order, before: $1) }
    var vulnerable = false
    for event in sorted {
      if let introduced = event.introduced {
        if introduced == "0" || order.compare(version, introduced) >= 0 { vulnerable = true }
      } else if let fixed = event.fixed {
        if order.compare(version, fixed) >= 0 { vulnerable = false }
      } else if let last = event.lastAffected {
        if order.compare(version, last) > 0 { vulnerable = false }
      }
    }
    return vulnerable
  }

  /// Events sort by their version, `introduced: 0` first of all.
  private static func key(
    _ lhs: OSVRecord.Affected.Range.Event, order: VersionScheme,
    before rhs: OSVRecord.Affected.Range.Event
  ) -> Bool {
    let left = lhs.introduced ?? lhs.fixed ?? lhs.lastAffected ?? lhs.limit ?? ""
    let right = rhs.introduced ?? rhs.fixed ?? rhs.lastAffected ?? rhs.limit ?? ""
    if left == "0" && lhs.introduced != nil { return right != "0" || rhs.introduced == nil }
    if right == "0" && rhs.introduced != nil { return false }
    return order.compare(left, right) < 0
  }
}
