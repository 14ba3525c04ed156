import Foundation

/// A PEP 440 version, normalized as `packaging.version` does: case, alternate spellings
/// (`alpha`, `c`, `pre`, `preview`, `rev`, `r`), separators, implicit post-releases and a leading
/// `v`; ordered by epoch, release, pre, post, dev and local segments.
struct PEP440Version {
  var epoch = "0"
  var release: [Substring] = []
  /// (rank, number): a = 0, b = 1, rc = 2.
  var pre: (Int, Substring)?
  var post: Substring?
  var dev: Substring?
  var local: [Substring] = []
  /// Text that is not PEP 440 compares as text, before every valid version (as packaging's
  /// LegacyVersion did).
  var invalid: String?

  private static let pattern = try? NSRegularExpression(
    pattern:
      #"^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:(?:-(\d+))|(?:[-_.]?(post|rev|r)[-_.]?(\d+)?))?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$"#,
    options: [.caseInsensitive])

  init(_ text: String) {
    let lower = text.lowercased()
    let range = NSRange(lower.startIndex..., in: lower)
    guard let match = Self.pattern?.firstMatch(in: lower, range: range) else {
      invalid = lower
      return
    }
    func group(_ index: Int) -> Substring? {
      Range(match.range(at: index), in: lower).map { lower[$0] }
    }
    epoch = String(group(1) ?? "0")
    release = (group(2) ?? "0").split(separator: ".")
    while release.count > 1, release.last?.allSatisfy({ $0 == "0" }) == true {
      release.removeLast()
    }
    if let label = group(3) {
      let rank = label.hasPrefix("a") ? 0 : label.hasPrefix("b") ? 1 : 2
      pre = (rank, group(4) ?? "0")
    }
    if let implicit = group(5) {
      post = implicit
    } else if group(6) != nil {
      post = group(7) ?? "0"
    }
    if group(8) != nil { dev = group(9) ?? "0" }
    if let localText = group(10) {
      local = localText.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "_" })
    }
  }

  func compare(to other: PEP440Version) -> Int {
    if invalid != nil || other.invalid != nil {
      if let left = invalid, let right = other.invalid { return sign(left, right) }
      return invalid == nil ? 1 : -1
    }
    var result = compareDigits(epoch, other.epoch)
    if result != 0 { return result }
    for index in 0..<max(release.count, other.release.count) {
      result = compareDigits(
        index < release.count ? release[index] : "0",
        index < other.release.count ? other.release[index] : "0")
      if result != 0 { return result }
    }
    result = compareKey(preKey, other.preKey)
    if result != 0 { return result }
    result = compareKey(optionalKey(post, missing: -1), other.optionalKey(other.post, missing: -1))
    if result != 0 { return result }
    result = compareKey(optionalKey(dev, missing: 1), other.optionalKey(other.dev, missing: 1))
    if result != 0 { return result }
    return compareLocal(other)
  }

  /// A sort key: (-1 | 0 | 1 for before, present, after, then the numbers).
  private typealias Key = (Int, Int, Substring)

  /// A release with only a dev segment sorts before its pre-releases; without a pre-release it
  /// sorts after them.
  private var preKey: Key {
    if let pre { return (0, pre.0, pre.1) }
    if post == nil && dev != nil { return (-1, 0, "") }
    return (1, 0, "")
  }

  private func optionalKey(_ value: Substring?, missing: Int) -> Key {
    value.map { (0, 0, $0) } ?? (missing, 0, "")
  }

  private func compareKey(_ lhs: Key, _ rhs: Key) -> Int {
    if lhs.0 != rhs.0 { return sign(lhs.0, rhs.0) }
    if lhs.1 != rhs.1 { return sign(lhs.1, rhs.1) }
    return lhs.0 == 0 ? compareDigits(lhs.2, rhs.2) : 0
  }

  /// Local segments: numbers sort after strings and compare as numbers; strings compare as text;
  /// a shorter local version sorts first.
  private func compareLocal(_ other: PEP440Version) -> Int {
    if local.isEmpty != other.local.isEmpty { return local.isEmpty ? -1 : 1 }
    for (left, right) in zip(local, other.local) {
      let leftNumber = left.allSatisfy(\.isASCIIDigit)
      let rightNumber = right.allSatisfy(\.isASCIIDigit)
      let result =
        leftNumber && rightNumber
        ? compareDigits(left, right)
        : leftNumber != rightNumber ? (leftNumber ? 1 : -1) : sign(left, right)
      if result != 0 { return result }
    }
    return sign(local.count, other.local.count)
  }
}
