/// apk's version ordering (Alpine, Wolfi, Chainguard), as apk-tools 2 (every Alpine 3.x
/// release) orders versions: a version is read as a sequence of
/// tokens, each of a kind that may only follow certain others: numbers separated by `.`, one
/// lowercase letter after a number, `_suffix` words with optional numbers (`alpha`, `beta`,
/// `pre` and `rc` before the release, `cvs`, `svn`, `git`, `hg` and `p` after it), and a
/// `-rN` revision. Two versions are compared token by token; at the first difference in kind,
/// the one that goes on is newer, unless what follows is a pre-release suffix. Text that breaks
/// the grammar ends a version as invalid, which orders after every valid kind. (apk-tools 3
/// orders some malformed versions, such as `1-ruff` against `1`, the other way.)
struct AlpineVersion {
  /// Token kinds, in the order apk ranks them when one version ends where the other goes on.
  private enum Kind: Int, Comparable {
    case invalid = -1
    case digitOrZero = 0
    case digit
    case letter
    case suffix
    case suffixNumber
    case revision
    case end

    static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
  }

  private static let preReleaseSuffixes = ["alpha", "beta", "pre", "rc"].map { Array($0.utf8) }
  private static let postReleaseSuffixes = ["cvs", "svn", "git", "hg", "p"].map { Array($0.utf8) }

  private let bytes: [UInt8]

  init(_ text: String) {
    bytes = Array(text.utf8)
  }

  /// A reader over one version's bytes.
  private struct Reader {
    let bytes: [UInt8]
    var index = 0
    var kind = Kind.digit

    var remaining: Int { bytes.count - index }

    /// The value of the token of the current kind, moving to the kind of the next one.
    mutating func token() -> Int {
      guard remaining > 0 else {
        kind = .end
        return 0
      }
      var value = 0
      var length = 0
      var nextKind: Kind?
      switch kind {
      case .digitOrZero where bytes[index] == UInt8(ascii: "0"):
        // Leading zeros count against the number: `1.01` sorts before `1.1`.
        while index + length < bytes.count, bytes[index + length] == UInt8(ascii: "0") {
          length += 1
        }
        value = -length
        nextKind = .digit
      case .digitOrZero, .digit, .suffixNumber, .revision:
        while index + length < bytes.count, Self.isDigit(bytes[index + length]) {
          let digit = Int(bytes[index + length] - UInt8(ascii: "0"))
          value = value > (Int.max - digit) / 10 ? Int.max : value * 10 + digit
          length += 1
        }
      case .letter:
        value = Int(bytes[index])
        length = 1
      case .suffix:
        let rest = bytes[index...]
        if let rank = AlpineVersion.preReleaseSuffixes.firstIndex(where: rest.starts(with:)) {
          value = rank - AlpineVersion.preReleaseSuffixes.count
          length = AlpineVersion.preReleaseSuffixes[rank].count
        } else if let rank = AlpineVersion.postReleaseSuffixes.firstIndex(where: rest.starts(with:))
        {
          value = rank
          length = AlpineVersion.postReleaseSuffixes[rank].count
        } else {
          kind = .invalid
          return -1
        }
      case .invalid, .end:
        kind = .invalid
        return -1
      }
      index += length
      if remaining == 0 {
        kind = .end
      } else if let nextKind {
        kind = nextKind
      } else {
        advance()
      }
      return value
    }

    /// Reads the separator (if any) before the next token, and sets the next token's kind.
    private mutating func advance() {
      var next = Kind.invalid
      let byte = bytes[index]
      if (kind == .digit || kind == .digitOrZero) && Self.isLower(byte) {
        next = .letter
      } else if kind == .letter && Self.isDigit(byte) {
        next = .digit
      } else if kind == .suffix && Self.isDigit(byte) {
        next = .suffixNumber
      } else {
        switch byte {
        case UInt8(ascii: "."): next = .digitOrZero
        case UInt8(ascii: "_"): next = .suffix
        case UInt8(ascii: "-") where remaining > 1 && bytes[index + 1] == UInt8(ascii: "r"):
          next = .revision
          index += 1
        default: next = .invalid
        }
        index += 1
      }
      // A kind may not go back in the grammar, but for a number after a letter or a dot, and a
      // suffix after a suffix's number.
      if next < kind
        && !((next == .digitOrZero && kind == .digit) || (next == .suffix && kind == .suffixNumber)
          || (next == .digit && kind == .letter))
      {
        next = .invalid
      }
      kind = next
    }

    static func isDigit(_ byte: UInt8) -> Bool { (48...57).contains(byte) }
    static func isLower(_ byte: UInt8) -> Bool { (97...122).contains(byte) }
  }

  /// Compares two versions.
  /// - Parameter other: another version.
  /// - Returns: -1, 0 or 1.
  func compare(to other: AlpineVersion) -> Int {
    var left = Reader(bytes: bytes)
    var right = Reader(bytes: other.bytes)
    var leftValue = 0
    var rightValue = 0
    while left.kind == right.kind && left.kind != .end && left.kind != .invalid
      && leftValue == rightValue
    {
      leftValue = left.token()
      rightValue = right.token()
    }
    if leftValue != rightValue { return leftValue < rightValue ? -1 : 1 }
    if left.kind == right.kind { return 0 }
    // Equal so far: the one that goes on is newer, unless it goes on with a pre-release.
    if left.kind == .suffix {
      var peek = left
      if peek.token() < 0 { return -1 }
    }
    if right.kind == .suffix {
      var peek = right
      if peek.token() < 0 { return 1 }
    }
    return left.kind > right.kind ? -1 : 1
  }
}
