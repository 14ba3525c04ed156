#if canImport(Glibc)
  import Glibc
#endif

/// The set of a file version's line hashes, to find what a later version brings.
///
/// A secrets scan needs the content a change brings, not an edit script: a line that was already
/// in the old version (moved or duplicated) was scanned when it first appeared. Comparing line
/// hashes gives exactly that in one linear pass over each version, where a text diff would align
/// the versions first; and a history scan can keep the set of the last version it saw of each
/// path, so the old blob of a change never has to be read again.
///
/// This is on the hot path of a history scan (every version of every file is hashed), hence a
/// word-at-a-time hash and a flat open-addressing table instead of `Set`, which would rehash
/// every already-mixed value with SipHash.
public struct LineHashes: Sendable {
  /// Open addressing, linear probing; 0 marks an empty slot (hashes are never 0).
  private var slots: [UInt64]
  private var mask: Int

  /// The line hashes of a file's content.
  /// - Parameter bytes: the content.
  public init(_ bytes: [UInt8]) {
    self.init(capacityFor: bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      Self.forEachLine(buffer) { range, _ in insert(Self.hash(buffer, range)) }
    }
  }

  private init(capacityFor byteCount: Int) {
    var capacity = 64
    while capacity < byteCount / 8 + 16 { capacity <<= 1 }
    slots = [UInt64](repeating: 0, count: capacity)
    mask = capacity - 1
    count = 0
  }

  private var count: Int

  /// The lines of `bytes` whose hash is not in this set.
  /// - Parameter bytes: the later version.
  /// - Returns: those lines, by number and byte range.
  public func newLines(in bytes: [UInt8]) -> AddedLines {
    advanced(to: bytes).added
  }

  /// The lines of `bytes` whose hash is not in this set, and the set of `bytes` itself, in one
  /// pass: a history scan moves from each version of a file to the next this way.
  /// - Parameter bytes: the later version.
  /// - Returns: its new lines, and its line hashes.
  public func advanced(to bytes: [UInt8]) -> (added: AddedLines, next: LineHashes) {
    var added = AddedLines()
    var next = LineHashes(capacityFor: bytes.count)
    bytes.withUnsafeBufferPointer { buffer in
      Self.forEachLine(buffer) { range, number in
        let hash = Self.hash(buffer, range)
        next.insert(hash)
        guard !contains(hash) else { return }
        added.lineNumbers.append(number)
        added.ranges.append(range)
      }
    }
    return (added, next)
  }

  /// Whether a line (without its line break) is in the set.
  /// - Parameter line: the line's bytes.
  /// - Returns: true when a line with the same hash is.
  public func contains(line: ArraySlice<UInt8>) -> Bool {
    Array(line).withUnsafeBufferPointer { contains(Self.hash($0, 0..<$0.count)) }
  }

  private func contains(_ hash: UInt64) -> Bool {
    slots.withUnsafeBufferPointer { table in
      var index = Int(truncatingIfNeeded: hash) & mask
      while table[index] != 0 {
        if table[index] == hash { return true }
        index = (index + 1) & mask
      }
      return false
    }
  }

  private mutating func insert(_ hash: UInt64) {
    if (count + 1) * 2 > slots.count { grow() }
    let mask = self.mask
    let inserted = slots.withUnsafeMutableBufferPointer { table -> Bool in
      var index = Int(truncatingIfNeeded: hash) & mask
      while table[index] != 0 {
        if table[index] == hash { return false }
        index = (index + 1) & mask
      }
      table[index] = hash
      return true
    }
    if inserted { count += 1 }
  }

  private mutating func grow() {
    let old = slots
    slots = [UInt64](repeating: 0, count: old.count * 2)
    mask = slots.count - 1
    count = 0
    for hash in old where hash != 0 { insert(hash) }
  }

  private static func forEachLine(
    _ bytes: UnsafeBufferPointer<UInt8>, _ body: (Range<Int>, Int) -> Void
  ) {
    guard let base = bytes.baseAddress else { return }
    var start = 0
    var number = 1
    while start < bytes.count {
      // memchr is vectorized; a byte loop here was a tenth of a history scan.
      let end =
        memchr(base + start, 10, bytes.count - start)
        .map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
      var stop = end
      if stop > start && bytes[stop - 1] == 13 { stop -= 1 }  // a CRLF line equals its LF form
      body(start..<stop, number)
      number += 1
      start = end + 1
    }
  }

  /// A 64-bit hash of a line, eight bytes at a time; never 0. A collision only makes a new line
  /// look old, and 64 bits make that vanishingly rare within one file.
  private static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    var value = UInt64(truncatingIfNeeded: range.count) &* multiplier
    var index = range.lowerBound
    let raw = UnsafeRawBufferPointer(bytes)
    while index + 8 <= range.upperBound {
      let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
      value = (value ^ word) &* multiplier
      value ^= value >> 29
      index += 8
    }
    var tail: UInt64 = 0
    var shift: UInt64 = 0
    while index < range.upperBound {
      tail |= UInt64(bytes[index]) << shift
      shift += 8
      index += 1
    }
    value = (value ^ tail) &* multiplier
    value ^= value >> 32
    value = value &* 0xD6E8_FEB8_6659_FD93
    value ^= value >> 32
    return value == 0 ? 1 : value
  }
}
