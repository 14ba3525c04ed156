import Foundation

/// Composer's ordering: PHP's `version_compare` after canonicalization (a leading `v` dropped,
/// `-`, `_` and `+` read as `.`, a `.` inserted between digits and letters). Special forms order
/// dev < alpha = a < beta = b < RC = rc < number < pl = p, and any other word before them all.
enum PackagistVersion {
  static func compare(_ lhs: String, _ rhs: String) -> Int {
    compareParts(canonical(lhs), canonical(rhs))
  }

  private static func canonical(_ text: String) -> [Substring] {
    var version = Substring(text.trimmingCharacters(in: .whitespaces))
    if version.first == "v" || version.first == "V" { version = version.dropFirst() }
    var out = ""
    var last: Character?
    for character in version {
      let isDigit = character.isASCIIDigit
      // `#` stays: it is the special form a number compares equal to.
      let isWord = character.isLetter || character == "#"
      if character == "-" || character == "_" || character == "+"
        || !(isWord || isDigit || character == ".")
      {
        if out.last != "." { out.append(".") }
      } else if let previous = last, previous != ".", character != ".",
        previous.isASCIIDigit != isDigit,
        previous.isLetter || previous == "#" || previous.isASCIIDigit
      {
        if out.last != "." { out.append(".") }
        out.append(character)
      } else {
        out.append(character)
      }
      last = character
    }
    return out.split(separator: ".", omittingEmptySubsequences: true)
  }

  private static let forms: [(String, Int)] = [
    ("dev", 0), ("alpha", 1), ("a", 1), ("beta", 2), ("b", 2), ("RC", 3), ("rc", 3), ("#", 4),
    ("pl", 5), ("p", 5),
  ]

  private static func formOrder(_ text: Substring) -> Int {
    forms.first { text.hasPrefix($0.0) }?.1 ?? -1
  }

  private static func compareParts(_ lhs: [Substring], _ rhs: [Substring]) -> Int {
    for (left, right) in zip(lhs, rhs) {
      let leftDigit = left.allSatisfy(\.isASCIIDigit)
      let rightDigit = right.allSatisfy(\.isASCIIDigit)
      let result: Int
      switch (leftDigit, rightDigit) {
      case (true, true): result = compareDigits(left, right)
      case (false, false): result = sign(formOrder(left), formOrder(right))
      case (true, false): result = sign(formOrder("#"), formOrder(right))
      case (false, true): result = sign(formOrder(left), formOrder("#"))
      }
      if result != 0 { return result }
    }
    // The longer version's rest is compared with a number ("#N#" in PHP's source), whole.
    if lhs.count > rhs.count {
      let rest = Array(lhs[rhs.count...])
      return rest[0].allSatisfy(\.isASCIIDigit) ? 1 : compareParts(rest, ["#N"])
    }
    if rhs.count > lhs.count {
      let rest = Array(rhs[lhs.count...])
      return rest[0].allSatisfy(\.isASCIIDigit) ? -1 : compareParts(["#N"], rest)
    }
    return 0
  }
}
