import CGzip

/// A gzip stream's decompressed bytes, inflated piece by piece with zlib. Concatenated gzip
/// members (which `pigz` writes) are read as one stream.
final class GzipStream: ByteStream {
  let name: String
  private let inner: any ByteStream
  private var zlib = z_stream()
  private var input = [UInt8](repeating: 0, count: 65_536)
  private var inputStart = 0
  private var inputEnd = 0
  private var ended = false

  init(_ inner: any ByteStream) throws(ImageError) {
    self.inner = inner
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
      if inputStart == inputEnd {
        let count = try inner.read(into: &input, at: 0, count: input.count)
        guard count > 0 else {
          throw .malformed(name, reason: "the gzip stream ends early")
        }
        inputStart = 0
        inputEnd = count
      }
      let (status, consumed, produced) = input.withUnsafeMutableBufferPointer { bytes in
        zlib.next_in = bytes.baseAddress! + inputStart
        zlib.avail_in = UInt32(inputEnd - inputStart)
        zlib.next_out = base.assumingMemoryBound(to: UInt8.self)
        zlib.avail_out = UInt32(min(buffer.count, Int(UInt32.max)))
        let status = inflate(&zlib, Z_NO_FLUSH)
        return (
          status, inputEnd - inputStart - Int(zlib.avail_in),
          min(buffer.count, Int(UInt32.max)) - Int(zlib.avail_out)
        )
      }
      inputStart += consumed
      switch status {
      case Z_OK,
        Z_BUF_ERROR where produced > 0 || consumed > 0:
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
      if inputStart == inputEnd {
        let count = try inner.read(into: &input, at: 0, count: input.count)
        if count == 0 {
          ended = true
          return
        }
        inputStart = 0
        inputEnd = count
      }
      if input[inputStart] == 0 {
        inputStart += 1
        continue
      }
      inflateReset(&zlib)
      return
    }
  }
}
