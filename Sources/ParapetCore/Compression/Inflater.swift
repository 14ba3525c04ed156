import CGzip

/// zlib's inflate over bytes in memory, bounded at both ends: it reads no further than its
/// input and writes no more than a given capacity. Git's pack entries, a jar's entries and
/// cargo-auditable's dependency list all inflate through it.
public enum Inflater {
  public enum Format: Sendable {
    /// A zlib stream (RFC 1950), as git packs an object and cargo-auditable its list.
    case zlib
    /// Raw deflate data (RFC 1951), as a zip archive stores an entry.
    case raw
  }

  /// What an inflate gave.
  public struct Output {
    /// The bytes inflated, at most the capacity asked for.
    public let bytes: [UInt8]
    /// Whether the stream reached its end marker within the input and the capacity.
    public let ended: Bool
    /// How many bytes of the input the stream took.
    public let consumed: Int
  }

  /// Inflates from the start of `input` until the stream ends, `capacity` bytes are out, or the
  /// input runs out.
  /// - Returns: what was inflated; nil for a damaged stream.
  public static func inflate(
    _ input: UnsafeRawBufferPointer, format: Format, capacity: Int
  ) -> Output? {
    var stream = z_stream()
    let started =
      format == .zlib ? parapet_inflate_init_zlib(&stream) : parapet_inflate_init_raw(&stream)
    guard started == Z_OK else { return nil }
    defer { inflateEnd(&stream) }
    stream.next_in = UnsafeMutablePointer(
      mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
    stream.avail_in = UInt32(min(input.count, Int(UInt32.max)))
    var status = Z_OK
    let bytes = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      stream.next_out = buffer.baseAddress
      stream.avail_out = UInt32(buffer.count)
      // Each call that returns Z_OK made progress; one that cannot returns Z_BUF_ERROR.
      repeat {
        status = CGzip.inflate(&stream, Z_FINISH)
      } while status == Z_OK && stream.avail_out > 0
      initialized = buffer.count - Int(stream.avail_out)
    }
    guard [Z_OK, Z_STREAM_END, Z_BUF_ERROR].contains(status) else { return nil }
    return Output(bytes: bytes, ended: status == Z_STREAM_END, consumed: Int(stream.total_in))
  }

  /// Inflates all of a stream that must inflate to exactly `size` bytes.
  /// - Returns: the bytes and how many input bytes the stream took; nil for a damaged stream,
  ///   or one that ends early, goes on past `size` or is cut short.
  public static func inflate(
    _ input: UnsafeRawBufferPointer, format: Format, size: Int
  ) -> (bytes: [UInt8], consumed: Int)? {
    // One byte more than the size, so that a stream longer than it says is caught.
    guard let output = inflate(input, format: format, capacity: size + 1), output.ended,
      output.bytes.count == size
    else { return nil }
    return (output.bytes, output.consumed)
  }
}
