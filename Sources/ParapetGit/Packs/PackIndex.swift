import Foundation

/// A pack's index (`.idx`, version 2), read in place: the object ids in sorted order, each with
/// the offset of its entry in the pack. Every read is checked against the index's size, so a
/// damaged or hostile index finds nothing rather than reading past its end.
struct PackIndex {
  private static let magic: [UInt8] = [0xFF, 0x74, 0x4F, 0x63]
  private static let headerSize = 8
  private static let fanoutSize = 256 * 4
  static let idSize = 20

  let bytes: UnsafeRawBufferPointer
  /// How many objects the pack holds.
  let count: Int
  private let offsetsStart: Int
  private let largeOffsetsStart: Int
  private let largeOffsetCount: Int

  /// The index, when `bytes` are a well-formed version 2 index; nil otherwise.
  init?(_ bytes: UnsafeRawBufferPointer) {
    let tablesStart = Self.headerSize + Self.fanoutSize
    guard bytes.count >= tablesStart + 2 * Self.idSize,
      zip(bytes.prefix(4), Self.magic).allSatisfy({ $0 == $1 }),
      Self.word(bytes, at: 4) == 2
    else { return nil }
    var previous: UInt32 = 0
    for bucket in 0..<256 {
      let total = Self.word(bytes, at: Self.headerSize + bucket * 4)
      guard total >= previous else { return nil }
      previous = total
    }
    count = Int(previous)
    // ids (20 bytes each), CRCs (4), offsets (4), then 8-byte offsets, then two checksums.
    offsetsStart = tablesStart + count * (Self.idSize + 4)
    largeOffsetsStart = offsetsStart + count * 4
    let trailing = bytes.count - largeOffsetsStart - 2 * Self.idSize
    guard trailing >= 0, trailing % 8 == 0 else { return nil }
    largeOffsetCount = trailing / 8
    self.bytes = bytes
  }

  /// Where the object's entry starts in the pack; nil when the pack does not hold it.
  func offset(of id: UnsafeRawBufferPointer) -> Int? {
    guard id.count == Self.idSize, let position = position(of: id) else { return nil }
    return offset(at: position)
  }

  /// The pack offset of the object at a position of the sorted list; nil when the index points
  /// outside itself.
  func offset(at position: Int) -> Int? {
    let small = Self.word(bytes, at: offsetsStart + position * 4)
    guard small & 0x8000_0000 != 0 else { return Int(small) }
    let large = Int(small & 0x7FFF_FFFF)
    guard large < largeOffsetCount else { return nil }
    let value = UInt64(
      bigEndian: bytes.loadUnaligned(
        fromByteOffset: largeOffsetsStart + large * 8, as: UInt64.self))
    return value <= UInt64(Int.max) ? Int(value) : nil
  }

  /// The id at a position of the sorted list.
  func id(at position: Int) -> UnsafeRawBufferPointer {
    let start = Self.headerSize + Self.fanoutSize + position * Self.idSize
    return UnsafeRawBufferPointer(rebasing: bytes[start..<start + Self.idSize])
  }

  /// Binary search within the id's fanout bucket.
  private func position(of key: UnsafeRawBufferPointer) -> Int? {
    let first = Int(key[0])
    var low = first == 0 ? 0 : Int(Self.word(bytes, at: Self.headerSize + (first - 1) * 4))
    var high = Int(Self.word(bytes, at: Self.headerSize + first * 4))
    while low < high {
      let middle = (low + high) / 2
      let order = memcmp(id(at: middle).baseAddress!, key.baseAddress!, Self.idSize)
      if order == 0 { return middle }
      if order < 0 { low = middle + 1 } else { high = middle }
    }
    return nil
  }

  private static func word(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> UInt32 {
    UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
  }
}
