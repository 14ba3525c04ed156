import CGzip

/// A gzip stream's decompressed bytes, inflated piece by piece with zlib. Concatenated gzip
/// members (which `pigz` writes) are read as one stream.
final class GzipStream: ByteStream {
  let name: String
  private var zlib = z_stream()
  private var input: CompressedInput
  private var ended = false

  init(_ inner: any ByteStream) throws(ImageError) {
    input = CompressedInput(inner)
    name = inner.name
    guard parapet_inflate_init_gzip(&zlib) == Z_OK else {
      throw .malformed(name, reason: "zlib could not start inflating")
    }
  }

  deinit {
    inflateEnd(&zlib)
  }

  /// Whether bytes begin with gzip's magic number.
  static func isGzip(_ bytes: [UInt8]) -> Bool {
    bytes.count >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
    while !ended {
      guard try input.refill() else { throw .malformed(name, reason: "the gzip stream ends early") }
      let capacity = min(buffer.count, Int(UInt32.max))
      let (status, produced) = input.consume { bytes in
        zlib.next_in = UnsafeMutablePointer(
          mutating: bytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
        zlib.avail_in = UInt32(bytes.count)
        zlib.next_out = base.assumingMemoryBound(to: UInt8.self)
        zlib.avail_out = UInt32(capacity)
        let status = inflate(&zlib, Z_NO_FLUSH)
        let consumed = bytes.count - Int(zlib.avail_in)
        return (consumed, (status, capacity - Int(zlib.avail_out)))
      }
      switch status {
      case Z_OK,
        Z_BUF_ERROR where produced > 0:
        break
      case Z_STREAM_END:
        try nextMember()
      default:
        throw .malformed(name, reason: "not valid gzip (zlib error \(status))")
      }
      if produced > 0 { return produced }
    }
    return 0
  }

  /// After one gzip member: another follows, or the stream ends (trailing zero padding, which
  /// some tools write, is allowed).
  private func nextMember() throws(ImageError) {
    while true {
      guard try input.refill() else {
        ended = true
        return
      }
      if input.first == 0 {
        input.skipByte()
        continue
      }
      inflateReset(&zlib)
      return
    }
  }
}
