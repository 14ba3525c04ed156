import CZstd

/// A zstd stream's decompressed bytes (BuildKit's `--compression zstd` layers), decompressed
/// piece by piece with libzstd; concatenated frames are read as one stream.
final class ZstdStream: ByteStream {
  let name: String
  private let context: OpaquePointer
  private var input: CompressedInput
  /// Whether the last frame read was complete: the stream may end only there.
  private var frameDone = true
  private var ended = false

  init(_ inner: any ByteStream) throws(ImageError) {
    input = CompressedInput(inner)
    name = inner.name
    guard let context = ZSTD_createDCtx() else {
      throw .malformed(name, reason: "libzstd could not start decompressing")
    }
    self.context = context
  }

  deinit {
    ZSTD_freeDCtx(context)
  }

  /// Whether bytes begin with zstd's frame magic number.
  static func isZstd(_ bytes: [UInt8]) -> Bool {
    bytes.starts(with: [0x28, 0xb5, 0x2f, 0xfd])
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
    guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
    while !ended {
      guard try input.refill() else {
        guard frameDone else { throw .malformed(name, reason: "the zstd stream ends early") }
        ended = true
        return 0
      }
      let (status, produced) = input.consume { bytes in
        var source = ZSTD_inBuffer(src: bytes.baseAddress, size: bytes.count, pos: 0)
        var destination = ZSTD_outBuffer(dst: base, size: buffer.count, pos: 0)
        let status = ZSTD_decompressStream(context, &destination, &source)
        return (source.pos, (status, destination.pos))
      }
      guard ZSTD_isError(status) == 0 else {
        throw .malformed(
          name, reason: "not valid zstd (\(String(cString: ZSTD_getErrorName(status))))")
      }
      // 0: a frame is complete and flushed.
      frameDone = status == 0
      if produced > 0 { return produced }
    }
    return 0
  }
}
