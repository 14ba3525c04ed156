import CGzip

/// zlib's inflate over bytes in memory, bounded by both ends: it stops where the input does,
/// and past a size limit.
enum Inflater {
  enum Format {
    /// A zlib stream (RFC 1950), as cargo-auditable compresses its dependency list.
    case zlib
    /// Raw deflate data (RFC 1951), as a zip archive stores an entry.
    case raw
  }

  /// The inflated bytes; nil for a damaged stream, one that ends before its end marker, or one
  /// that would inflate to more than `limit` bytes.
  static func inflate(_ compressed: ArraySlice<UInt8>, format: Format, limit: Int) -> [UInt8]? {
    var stream = z_stream()
    let started =
      format == .zlib ? parapet_inflate_init_zlib(&stream) : parapet_inflate_init_raw(&stream)
    guard started == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    var output: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 64 << 10)
    var input = Array(compressed)
    return input.withUnsafeMutableBufferPointer { source -> [UInt8]? in
      stream.next_in = source.baseAddress
      stream.avail_in = UInt32(source.count)
      while true {
        let (status, produced) = chunk.withUnsafeMutableBufferPointer { buffer in
          stream.next_out = buffer.baseAddress
          stream.avail_out = UInt32(buffer.count)
          let status = CGzip.inflate(&stream, Z_NO_FLUSH)
          return (status, buffer.count - Int(stream.avail_out))
        }
        output += chunk[..<produced]
        guard output.count <= limit else { return nil }
        switch status {
        case Z_STREAM_END: return output
        case Z_OK where produced > 0 || stream.avail_in > 0: continue
        default: return nil
        }
      }
    }
  }
}
