import Foundation

/// A SemVer 2.0 version, parsed leniently as the registries publish them: a leading `v`, missing
/// minor or patch (read as 0), and Go's `+incompatible`.
struct SemVer {
  let core: [Substring]
  let prerelease: [Substring]
  let build: [Substring]

  init(_ text: String) {
    var rest = Substring(text.trimmingCharacters(in: .whitespaces))
    if rest.first == "v" || rest.first == "V" { rest = rest.dropFirst() }
    var build: [Substring] = []
    if let plus = rest.firstIndex(of: "+") {
      build = rest[rest.index(after: plus)...].split(
        separator: ".", omittingEmptySubsequences: false)
      rest = rest[..<plus]
    }
    var prerelease: [Substring] = []
    if let dash = rest.firstIndex(of: "-") {
      prerelease = rest[rest.index(after: dash)...].split(
        separator: ".", omittingEmptySubsequences: false)
      rest = rest[..<dash]
    }
    core = rest.split(separator: ".", omittingEmptySubsequences: false)
    self.prerelease = prerelease
    self.build = build
  }

  /// SemVer precedence; with `orderingBuild`, build metadata orders too (pub).
  func compare(to other: SemVer, orderingBuild: Bool) -> Int {
    for index in 0..<max(3, max(core.count, other.core.count)) {
      let left = index < core.count ? core[index] : "0"
      let right = index < other.core.count ? other.core[index] : "0"
      let result = Self.compareIdentifier(left, right)
      if result != 0 { return result }
    }
    if prerelease.isEmpty != other.prerelease.isEmpty { return prerelease.isEmpty ? 1 : -1 }
    let pre = Self.compareIdentifiers(prerelease, other.prerelease)
    if pre != 0 || !orderingBuild { return pre }
    if build.isEmpty != other.build.isEmpty { return build.isEmpty ? -1 : 1 }
    return Self.compareIdentifiers(build, other.build)
  }

  private static func compareIdentifiers(_ lhs: [Substring], _ rhs: [Substring]) -> Int {
    for (left, right) in zip(lhs, rhs) {
      let result = compareIdentifier(left, right)
      if result != 0 { return result }
    }
    return sign(lhs.count, rhs.count)
  }

  /// Numeric identifiers compare as numbers and sort before alphanumeric ones, which compare in
  /// ASCII order.
  private static func compareIdentifier(_ lhs: Substring, _ rhs: Substring) -> Int {
    let leftNumeric = !lhs.isEmpty && lhs.allSatisfy(\.isASCIIDigit)
    let rightNumeric = !rhs.isEmpty && rhs.allSatisfy(\.isASCIIDigit)
    switch (leftNumeric, rightNumeric) {
    case (true, true): return compareDigits(lhs, rhs)
    case (true, false): return -1
    case (false, true): return 1
    case (false, false):
      return lhs == rhs ? 0 : (lhs.utf8.lexicographicallyPrecedes(rhs.utf8) ? -1 : 1)
    }
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}
