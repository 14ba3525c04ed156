import ParapetGit

/// The hunks of a change: each run of added lines with up to `context` unchanged lines around
/// it, cut from the new version, as a diff shows them. Scanning hunk by hunk never joins lines
/// that stand apart in the file, so a finding always exists in the version it names; the context
/// lets a secret that spans the edge of a change match whole. A hunk that changes a line of a
/// PEM block reaches out to the block's `-----BEGIN` and `-----END` lines, so that a key whose
/// middle or end changed is matched whole.
enum AddedHunks {
  static let context = 3
  /// How far a hunk reaches for the ends of a PEM block (a 16 KiB key has about 280 lines).
  static let blockReach = 400

  struct Hunk: Equatable {
    /// The 1-based lines of the new version it holds.
    let lines: ClosedRange<Int>
    /// Those lines' bytes in the new version, line breaks between them included.
    let bytes: Range<Int>
  }

  private static let blockBegin = Array("-----BEGIN ".utf8)
  private static let blockEnd = Array("-----END ".utf8)

  /// Cuts the hunks of a change; hunks whose context would overlap are one hunk.
  /// - Parameters:
  ///   - added: the added lines.
  ///   - bytes: the new version.
  /// - Returns: the hunks, in file order.
  static func cut(_ added: AddedLines, from bytes: [UInt8]) -> [Hunk] {
    var hunks: [Hunk] = []
    var index = 0
    while index < added.lineNumbers.count {
      var last = index
      while last + 1 < added.lineNumbers.count
        && added.lineNumbers[last + 1] <= added.lineNumbers[last] + 2 * context + 1
      {
        last += 1
      }
      let inBlock = (index...last).contains { isBlockLine(bytes[added.ranges[$0]]) }
      let reach = inBlock ? blockReach : context
      var first = (line: added.lineNumbers[index], range: added.ranges[index])
      while added.lineNumbers[index] - first.line < reach,
        !(inBlock && bytes[first.range].starts(with: blockBegin)),
        let above = line(before: first.range, in: bytes)
      {
        first = (first.line - 1, above)
      }
      var final = (line: added.lineNumbers[last], range: added.ranges[last])
      while final.line - added.lineNumbers[last] < reach,
        !(inBlock && bytes[final.range].starts(with: blockEnd)),
        let below = line(after: final.range, in: bytes)
      {
        final = (final.line + 1, below)
      }
      hunks.append(
        Hunk(lines: first.line...final.line, bytes: first.range.lowerBound..<final.range.upperBound)
      )
      index = last + 1
    }
    return hunks
  }

  /// A line that may belong to a PEM block: an armor line, or a long run of base64.
  private static func isBlockLine(_ line: ArraySlice<UInt8>) -> Bool {
    if line.starts(with: blockBegin) || line.starts(with: blockEnd) { return true }
    return line.count >= 40
      && line.allSatisfy { byte in
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) || (byte >= 48 && byte <= 57)
          || byte == 43 || byte == 47 || byte == 61
      }
  }

  /// The line before another, without its line break; nil at the top of the file.
  private static func line(before range: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
    guard range.lowerBound > 0 else { return nil }
    var end = range.lowerBound - 1  // its line break
    var start = end
    while start > 0 && bytes[start - 1] != 10 { start -= 1 }
    if end > start && bytes[end - 1] == 13 { end -= 1 }
    return start..<end
  }

  /// The line after another, without its line break; nil at the end of the file. `range` may
  /// stop before a carriage return.
  private static func line(after range: Range<Int>, in bytes: [UInt8]) -> Range<Int>? {
    var index = range.upperBound
    while index < bytes.count && bytes[index] != 10 { index += 1 }
    guard index + 1 < bytes.count else { return nil }
    let start = index + 1
    var end = start
    while end < bytes.count && bytes[end] != 10 { end += 1 }
    if end > start && bytes[end - 1] == 13 { end -= 1 }
    return start..<end
  }
}
