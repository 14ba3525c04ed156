/// The lines of a new version that do not occur anywhere in the old one, with their line numbers.
///
/// A secrets scan needs the content a change brings, not an edit script: a line that was already
/// in the old version (moved, or duplicated) was scanned when it first appeared. A set of line
/// hashes gives exactly that in one linear pass over each version, where a text diff would align
/// the two versions first.
enum LineSetDifference {
  /// The new lines of `new` against `old`.
  /// - Parameters:
  ///   - old: the previous content.
  ///   - new: the current content.
  /// - Returns: the new lines joined with `\n`, and the 1-based line number of each in `new`.
  static func newLines(old: UnsafeRawBufferPointer, new: UnsafeRawBufferPointer) -> AddedLines {
    var seen = Set<UInt64>(minimumCapacity: old.count / 32)
    forEachLine(old) { range, _ in seen.insert(hash(old, range)) }
    var added = AddedLines()
    forEachLine(new) { range, number in
      guard !seen.contains(hash(new, range)) else { return }
      added.bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: new[range]))
      added.bytes.append(10)
      added.lineNumbers.append(number)
    }
    return added
  }

  private static func forEachLine(_ bytes: UnsafeRawBufferPointer, _ body: (Range<Int>, Int) -> Void) {
    var start = 0
    var number = 1
    while start < bytes.count {
      var end = start
      while end < bytes.count && bytes[end] != 10 { end += 1 }
      var stop = end
      if stop > start && bytes[stop - 1] == 13 { stop -= 1 }  // CRLF and LF lines are the same line
      body(start..<stop, number)
      number += 1
      start = end + 1
    }
  }

  /// FNV-1a, 64-bit: fast, and collisions only risk treating a new line as old.
  private static func hash(_ bytes: UnsafeRawBufferPointer, _ range: Range<Int>) -> UInt64 {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    for index in range {
      value = (value ^ UInt64(bytes[index])) &* 0x0000_0100_0000_01b3
    }
    return value
  }
}
