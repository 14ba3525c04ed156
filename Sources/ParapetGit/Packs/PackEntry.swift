import CGzip

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
    // One byte more than the size, so that a stream longer than its header says is caught.
    guard let result = inflate(in: pack, capacity: size + 1, flush: Z_FINISH),
      result.status == Z_STREAM_END, result.bytes.count == size
    else { return nil }
    return (result.bytes, result.consumed)
  }

  /// The first bytes of the entry's data inflated, for a delta's sizes.
  func inflatePrefix(in pack: UnsafeRawBufferPointer, count: Int) -> [UInt8]? {
    guard let result = inflate(in: pack, capacity: min(count, size), flush: Z_SYNC_FLUSH),
      [Z_OK, Z_STREAM_END, Z_BUF_ERROR].contains(result.status)
    else { return nil }
    return result.bytes
  }

  /// Inflates the stream until `capacity` bytes are out, it ends, or it cannot go on.
  private func inflate(
    in pack: UnsafeRawBufferPointer, capacity: Int, flush: Int32
  ) -> (bytes: [UInt8], status: Int32, consumed: Int)? {
    var stream = z_stream()
    guard parapet_inflate_init_zlib(&stream) == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    stream.next_in = UnsafeMutablePointer(
      mutating: pack.baseAddress!.advanced(by: dataStart).assumingMemoryBound(to: UInt8.self))
    stream.avail_in = UInt32(min(pack.count - PackIndex.idSize - dataStart, Int(UInt32.max)))
    var status = Z_OK
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      stream.next_out = buffer.baseAddress
      stream.avail_out = UInt32(buffer.count)
      repeat {
        status = CGzip.inflate(&stream, flush)
      } while status == Z_OK && stream.avail_out > 0
      initialized = buffer.count - Int(stream.avail_out)
    }
    return (bytes, status, Int(stream.total_in))
  }
}
