import ParapetCore

/// One entry of a pack's data: a header (type, inflated size, and for a delta its base), then
/// a zlib stream. Read in place, every read checked against the pack's bounds.
struct PackEntry {
  /// The four object types, as a pack numbers them.
  enum ObjectType: Int {
    case commit = 1, tree, blob, tag
  }

  /// What a delta is applied to.
  enum Base {
    /// The entry at this earlier offset of the same pack.
    case offset(Int)
    /// The object with this id, wherever it is.
    case id(UnsafeRawBufferPointer)
  }

  /// A whole object's type, or nil for a delta.
  let type: ObjectType?
  /// A delta's base, or nil for a whole object.
  let base: Base?
  /// The size of the inflated data: the object, or the delta's instructions.
  let size: Int
  /// Where the zlib stream starts.
  let dataStart: Int

  /// The largest object (or delta) read in place; a larger one is left to libgit2. A header
  /// claims any size it likes, so nothing is allocated from it unchecked.
  static let sizeLimit = 256 << 20
  /// deflate shrinks data at most about 1,032 to 1.
  private static let deflateRatio = 1032

  /// The header at `offset`, when it is well formed and its data lies within the pack's data
  /// (before the trailing 20-byte checksum).
  init?(in pack: UnsafeRawBufferPointer, at offset: Int) {
    let end = pack.count - PackIndex.idSize
    guard offset >= 12, offset < end else { return nil }
    var position = offset
    var byte = pack[position]
    let code = Int(byte >> 4) & 7
    var size = Int(byte & 0x0F)
    var shift = 4
    while byte & 0x80 != 0 {
      position += 1
      guard position < end, shift <= 53 else { return nil }
      byte = pack[position]
      size |= Int(byte & 0x7F) << shift
      shift += 7
    }
    position += 1
    switch code {
    case 1...4:
      type = ObjectType(rawValue: code)
      base = nil
    case 6:
      guard position < end else { return nil }
      byte = pack[position]
      var distance = Int(byte & 0x7F)
      while byte & 0x80 != 0 {
        position += 1
        guard position < end, distance < 1 << 48 else { return nil }
        byte = pack[position]
        distance = ((distance + 1) << 7) | Int(byte & 0x7F)
      }
      position += 1
      guard distance > 0, distance <= offset - 12 else { return nil }
      type = nil
      base = .offset(offset - distance)
    case 7:
      guard position + PackIndex.idSize <= end else { return nil }
      type = nil
      base = .id(UnsafeRawBufferPointer(rebasing: pack[position..<position + PackIndex.idSize]))
      position += PackIndex.idSize
    default:
      return nil
    }
    guard position < end, size <= Self.sizeLimit,
      size <= (end - position) * Self.deflateRatio + 64
    else { return nil }
    self.size = size
    dataStart = position
  }

  /// The entry's data inflated, when the stream inflates to exactly `size` bytes.
  /// - Returns: the bytes, and how many bytes of the pack the stream took.
  func inflate(in pack: UnsafeRawBufferPointer) -> (bytes: [UInt8], consumed: Int)? {
    Inflater.inflate(stream(in: pack), format: .zlib, size: size)
  }

  /// The first bytes of the entry's data inflated, for a delta's sizes.
  func inflatePrefix(in pack: UnsafeRawBufferPointer, count: Int) -> [UInt8]? {
    Inflater.inflate(stream(in: pack), format: .zlib, capacity: min(count, size))?.bytes
  }

  /// The pack's bytes from the entry's stream up to the trailing checksum.
  private func stream(in pack: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
    UnsafeRawBufferPointer(rebasing: pack[dataStart..<pack.count - PackIndex.idSize])
  }
}
