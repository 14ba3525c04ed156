/// A Debian version, `[epoch:]upstream[-revision]`, ordered as dpkg does.
struct DebianVersion {
  let epoch: Substring
  let upstream: Substring
  let revision: Substring

  init(_ text: String) {
    let parts = EpochVersionRelease(Substring(text.trimmingCharacters(in: .whitespaces)))
    epoch = parts.epoch
    upstream = parts.version
    revision = parts.release ?? ""
  }

  func compare(to other: DebianVersion) -> Int {
    let result = compareDigits(epoch, other.epoch)
    if result != 0 { return result }
    let upstreamResult = Self.verrevcmp(Array(upstream.utf8), Array(other.upstream.utf8))
    if upstreamResult != 0 { return upstreamResult }
    return Self.verrevcmp(Array(revision.utf8), Array(other.revision.utf8))
  }

  /// dpkg's order of a non-digit character: `~` before everything, even the end; letters before
  /// other characters.
  private static func order(_ byte: UInt8?) -> Int {
    guard let byte else { return 0 }
    if byte == UInt8(ascii: "~") { return -1 }
    if byte >= 48 && byte <= 57 { return 0 }
    if (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { return Int(byte) }
    return Int(byte) + 256
  }

  private static func verrevcmp(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int {
    var i = 0
    var j = 0
    func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
    while i < lhs.count || j < rhs.count {
      var firstDifference = 0
      while (i < lhs.count && !isDigit(lhs[i])) || (j < rhs.count && !isDigit(rhs[j])) {
        let left = order(i < lhs.count ? lhs[i] : nil)
        let right = order(j < rhs.count ? rhs[j] : nil)
        if left != right { return sign(left, right) }
        i += 1
        j += 1
      }
      while i < lhs.count && lhs[i] == 48 { i += 1 }
      while j < rhs.count && rhs[j] == 48 { j += 1 }
      while i < lhs.count && isDigit(lhs[i]) && j < rhs.count && isDigit(rhs[j]) {
        if firstDifference == 0 { firstDifference = Int(lhs[i]) - Int(rhs[j]) }
        i += 1
        j += 1
      }
      if i < lhs.count && isDigit(lhs[i]) { return 1 }
      if j < rhs.count && isDigit(rhs[j]) { return -1 }
      if firstDifference != 0 { return firstDifference < 0 ? -1 : 1 }
    }
    return 0
  }
}
