import Foundation

/// A Maven version, ordered as `org.apache.maven.artifact.versioning.ComparableVersion` does:
/// items split at `.`, `-` and digit/letter transitions into numbers, qualifiers and nested
/// lists; known qualifiers in the order alpha < beta < milestone < rc < snapshot < release < sp;
/// trailing "null" items (0, "", final, ga, release) dropped.
struct MavenVersion {
  indirect enum Item {
    case number(Substring)
    case qualifier(String)
    case list([Item])
  }

  let items: [Item]

  init(_ text: String) {
    items = Self.parse(text.lowercased())
  }

  func compare(to other: MavenVersion) -> Int {
    Self.compare(.list(items), .list(other.items))
  }

  private static let qualifiers = ["alpha", "beta", "milestone", "rc", "snapshot", "", "sp"]
  private static let aliases = ["ga": "", "final": "", "release": "", "cr": "rc"]

  private static func qualifierItem(_ text: Substring, followedByDigit: Bool) -> Item {
    var value = String(text)
    if followedByDigit && value.count == 1 {
      value = ["a": "alpha", "b": "beta", "m": "milestone"][value] ?? value
    }
    return .qualifier(aliases[value] ?? value)
  }

  /// The comparable form of a qualifier: its index among the known ones, or after them all.
  private static func comparable(_ qualifier: String) -> String {
    qualifiers.firstIndex(of: qualifier).map(String.init) ?? "\(qualifiers.count)-\(qualifier)"
  }

  private static func parse(_ version: String) -> [Item] {
    let chars = Array(version)
    var stack: [[Item]] = [[]]
    var isDigit = false
    var start = 0
    func item(_ text: Substring, digit: Bool, followedByDigit: Bool = false) -> Item {
      digit ? .number(text) : qualifierItem(text, followedByDigit: followedByDigit)
    }
    func text(_ from: Int, _ to: Int) -> Substring { Substring(String(chars[from..<to])) }
    func push() { stack.append([]) }
    for (index, character) in chars.enumerated() {
      if character == "." || character == "-" {
        stack[stack.count - 1].append(
          index == start ? .number("0") : item(text(start, index), digit: isDigit))
        start = index + 1
        if character == "-" { push() }
        isDigit = false
      } else if character.isASCIIDigit {
        if !isDigit && index > start {
          stack[stack.count - 1].append(
            item(text(start, index), digit: false, followedByDigit: true))
          start = index
          push()
        }
        isDigit = true
      } else {
        if isDigit && index > start {
          stack[stack.count - 1].append(item(text(start, index), digit: true))
          start = index
          push()
        }
        isDigit = false
      }
    }
    if chars.count > start {
      stack[stack.count - 1].append(item(text(start, chars.count), digit: isDigit))
    }
    // Close the nested lists innermost first, normalizing each as it closes.
    while stack.count > 1 {
      let inner = normalize(stack.removeLast())
      stack[stack.count - 1].append(.list(inner))
    }
    return normalize(stack[0])
  }

  private static func isNull(_ item: Item) -> Bool {
    switch item {
    case .number(let digits): digits.allSatisfy { $0 == "0" }
    case .qualifier(let value): comparable(value) == comparable("")
    case .list(let items): items.isEmpty
    }
  }

  /// Drops trailing null items, stopping at the first non-null item that is not a list. A
  /// release qualifier (`ga`, `final`, `release`) that only precedes a sub-list is dropped too,
  /// and the sub-list takes its place: the versioning spec makes `1-ga-1` equal `1-1`.
  private static func normalize(_ items: [Item]) -> [Item] {
    var items = items
    if items.count == 2, case .qualifier(let value) = items[0], isNull(items[0]), value == "",
      case .list(let inner) = items[1]
    {
      items = inner
    }
    var index = items.count - 1
    while index >= 0 {
      if isNull(items[index]) {
        items.remove(at: index)
      } else if case .list = items[index] {
        // keep looking before a non-null list
      } else {
        break
      }
      index -= 1
    }
    return items
  }

  /// ComparableVersion's `compareTo`, with nil for a missing item.
  private static func compare(_ lhs: Item?, _ rhs: Item?) -> Int {
    switch (lhs, rhs) {
    case (nil, nil): return 0
    case (nil, let right?): return -compare(right, nil)
    case (.number(let digits)?, nil): return digits.allSatisfy { $0 == "0" } ? 0 : 1
    case (.number(let left)?, .number(let right)?): return compareDigits(left, right)
    case (.number?, _): return 1
    case (.qualifier(let value)?, nil): return sign(comparable(value), comparable(""))
    case (.qualifier?, .number?): return -1
    case (.qualifier(let left)?, .qualifier(let right)?):
      return sign(comparable(left), comparable(right))
    case (.qualifier?, .list?): return -1
    case (.list(let items)?, nil): return items.first.map { compare($0, nil) } ?? 0
    case (.list?, .number?): return -1
    case (.list?, .qualifier?): return 1
    case (.list(let left)?, .list(let right)?):
      for index in 0..<max(left.count, right.count) {
        let result = compare(
          index < left.count ? left[index] : nil, index < right.count ? right[index] : nil)
        if result != 0 { return result }
      }
      return 0
    }
  }
}
