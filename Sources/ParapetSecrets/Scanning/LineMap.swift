/// Turns byte offsets of a buffer into 1-based line and column numbers of the original file.
///
/// A buffer is either a whole file, or the added lines of a diff joined with `\n`, in which case
/// `originalLines[k]` is the file line of the buffer's k-th line. Newline offsets are found only
/// when the first position is asked for, so a clean buffer costs nothing here.
struct LineMap {
  private let originalLines: [Int]?
  private var newlines: [Int]?

  /// A map for a whole file.
  static let identity = LineMap(originalLines: nil)

  /// A map for joined lines.
  /// - Parameter originalLines: the file line of each buffer line.
  init(originalLines: [Int]?) {
    self.originalLines = originalLines
  }

  /// The line and column of a byte offset.
  /// - Parameters:
  ///   - offset: the offset in the buffer.
  ///   - bytes: the buffer.
  /// - Returns: 1-based line and column (columns count bytes).
  mutating func position(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (
    line: Int, column: Int
  ) {
    if newlines == nil {
      var found: [Int] = []
      for (index, byte) in bytes.enumerated() where byte == 10 { found.append(index) }
      newlines = found
    }
    let breaks = newlines ?? []
    var low = 0
    var high = breaks.count
    while low < high {
      let mid = (low + high) / 2
      if breaks[mid] < offset { low = mid + 1 } else { high = mid }
    }
    let lineStart = low == 0 ? 0 : breaks[low - 1] + 1
    let line = originalLines.map { low < $0.count ? $0[low] : ($0.last ?? 0) + 1 } ?? low + 1
    return (line, offset - lineStart + 1)
  }

  /// The byte range of the line that holds an offset.
  /// - Parameters:
  ///   - offset: the offset.
  ///   - bytes: the buffer.
  /// - Returns: from the line's first byte up to its newline (excluded).
  static func lineRange(around offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    var start = min(offset, bytes.count)
    while start > 0 && bytes[start - 1] != 10 { start -= 1 }
    var end = min(offset, bytes.count)
    while end < bytes.count && bytes[end] != 10 { end += 1 }
    return start..<end
  }
}
