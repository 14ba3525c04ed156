/// RPM's version ordering (Red Hat, Rocky Linux, AlmaLinux, Fedora, SUSE): `[epoch:]version[-release]`.
/// Epochs compare first (a missing one is 0), then versions, then releases, where a missing
/// release is older than any release, even an empty one. Versions and releases compare by rpm's
/// segment rule (`rpmvercmp`): characters other than ASCII letters, digits, `~` and `^` only
/// separate segments; a run of digits compares as a number and is newer than a run of letters;
/// `~` sorts before everything, even the end (`1.0~rc1 < 1.0`), and `^` after the end but before
/// anything else (`1.0 < 1.0^git1 < 1.0.1`); when one string runs out, the other is newer.
struct RPMVersion {
  private let epoch: Substring
  private let version: Substring
  private let release: Substring?

  init(_ text: String) {
    let parts = EpochVersionRelease(Substring(text))
    epoch = parts.epoch
    version = parts.version
    release = parts.release
  }

  func compare(to other: RPMVersion) -> Int {
    let byEpoch = compareDigits(epoch, other.epoch)
    if byEpoch != 0 { return byEpoch }
    let byVersion = Self.compareSegments(Array(version.utf8), Array(other.version.utf8))
    if byVersion != 0 { return byVersion }
    switch (release, other.release) {
    case (nil, nil): return 0
    case (nil, _): return -1
    case (_, nil): return 1
    case (let mine?, let theirs?): return Self.compareSegments(Array(mine.utf8), Array(theirs.utf8))
    }
  }

  private static let tilde = Int(UInt8(ascii: "~"))
  private static let caret = Int(UInt8(ascii: "^"))
  /// What `byte(at:)` gives past a string's end.
  private static let end = -1

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
  private static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
  }
  private static func isSeparator(_ byte: UInt8) -> Bool {
    !isDigit(byte) && !isLetter(byte) && Int(byte) != tilde && Int(byte) != caret
  }

  /// rpm's comparison of two versions or two releases.
  private static func compareSegments(_ one: [UInt8], _ two: [UInt8]) -> Int {
    if one == two { return 0 }
    var i = 0
    var j = 0
    while i < one.count || j < two.count {
      while i < one.count, isSeparator(one[i]) { i += 1 }
      while j < two.count, isSeparator(two[j]) { j += 1 }
      let a = i < one.count ? Int(one[i]) : end
      let b = j < two.count ? Int(two[j]) : end
      // A tilde is older than anything, the end included.
      if a == tilde || b == tilde {
        guard a == b else { return a == tilde ? -1 : 1 }
        i += 1
        j += 1
        continue
      }
      // A caret is newer than the end, older than anything else.
      if a == caret || b == caret {
        if a == b {
          i += 1
          j += 1
          continue
        }
        if a == caret { return b == end ? 1 : -1 }
        return a == end ? -1 : 1
      }
      guard a != end, b != end else { break }
      let numeric = isDigit(one[i])
      let belongs = numeric ? isDigit : isLetter
      let startI = i
      let startJ = j
      while i < one.count, belongs(one[i]) { i += 1 }
      while j < two.count, belongs(two[j]) { j += 1 }
      // The segments differ in kind: a number is newer than letters.
      guard j > startJ else { return numeric ? 1 : -1 }
      let left = one[startI..<i]
      let right = two[startJ..<j]
      let order =
        numeric
        ? compareDigits(
          String(decoding: left, as: UTF8.self), String(decoding: right, as: UTF8.self))
        : (left.lexicographicallyPrecedes(right) ? -1 : (left.elementsEqual(right) ? 0 : 1))
      if order != 0 { return order }
    }
    let oneLeft = i < one.count
    let twoLeft = j < two.count
    if !oneLeft && !twoLeft { return 0 }
    return oneLeft ? 1 : -1
  }
}
