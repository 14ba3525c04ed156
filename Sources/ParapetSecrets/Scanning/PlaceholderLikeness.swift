/// Values that look made up rather than generated: an ascending run (`123456`, `abcdef`), a short
/// unit repeated (`ZZZZZZZZ`, `TESTtestTESTtest`), or short words joined (`webpack-dev-server`,
/// `change_me1`, `user:pass`). A generated credential has none of these.
enum PlaceholderLikeness {
  /// The shortest ascending run that marks a placeholder.
  static let run = 6
  /// The longest word of a joined-words value; generated parts are longer.
  static let longestWord = 12

  static func isPlaceholderLike(_ secret: [UInt8]) -> Bool {
    let folded = secret.map(lowercase)
    return hasAscendingRun(folded) || isRepeated(folded) || isJoinedWords(folded)
  }

  private static func hasAscendingRun(_ value: [UInt8]) -> Bool {
    var length = 1
    for index in value.indices.dropFirst() {
      let current = value[index]
      let alphanumeric = isDigit(current) || isLetter(current)
      length = alphanumeric && current == value[index - 1] &+ 1 ? length + 1 : 1
      if length >= run { return true }
    }
    return false
  }

  /// A unit of at most 8 characters repeated to the end over at least 12 characters and two
  /// thirds of the value, whatever prefix a provider puts before it (`AKIAZZZZ…`,
  /// `sk_live_TESTtest…`).
  private static func isRepeated(_ value: [UInt8]) -> Bool {
    let needed = max(12, value.count * 2 / 3)
    guard value.count >= needed else { return false }
    return (1...8).contains { period in
      guard period < value.count else { return false }
      var length = period
      var index = value.count - 1 - period
      while index >= 0 && value[index] == value[index + period] {
        length += 1
        index -= 1
      }
      return length >= needed
    }
  }

  /// Two or more groups of letters joined by `-`, `_`, `.`, ` ` or `:`, each at most
  /// `longestWord` letters and up to four digits after them (`change_me1`,
  /// `prefix_helloworld380_testing`).
  private static func isJoinedWords(_ value: [UInt8]) -> Bool {
    let groups = value.split(whereSeparator: { [45, 95, 46, 32, 58].contains($0) })
    guard groups.count >= 2, groups.count * 2 > value.count / longestWord else { return false }
    return groups.allSatisfy { group in
      let letters = group.prefix(while: isLetter)
      let rest = group.dropFirst(letters.count)
      return !letters.isEmpty && letters.count <= longestWord && rest.count <= 4
        && rest.allSatisfy(isDigit)
    }
  }

  private static func lowercase(_ byte: UInt8) -> UInt8 {
    byte >= 65 && byte <= 90 ? byte + 32 : byte
  }

  private static func isLetter(_ byte: UInt8) -> Bool { byte >= 97 && byte <= 122 }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
}
