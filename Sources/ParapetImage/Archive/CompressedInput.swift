/// The compressed bytes a decompressor has read from its stream and not yet consumed, refilled
/// from the stream when they run out.
struct CompressedInput {
  private let stream: any ByteStream
  private var buffer = [UInt8](repeating: 0, count: 65_536)
  private var start = 0
  private var end = 0

  init(_ stream: any ByteStream) {
    self.stream = stream
  }

  /// Makes sure some bytes are waiting.
  /// - Returns: false at the stream's end.
  mutating func refill() throws(ImageError) -> Bool {
    guard start == end else { return true }
    end = try stream.read(into: &buffer, at: 0, count: buffer.count)
    start = 0
    return end > 0
  }

  /// The next waiting byte, after `refill` said there is one.
  var first: UInt8 { buffer[start] }

  /// Gives the decompressor the waiting bytes.
  /// - Parameter body: decompresses from them and returns how many it consumed, and its result.
  mutating func consume<Result>(_ body: (UnsafeRawBufferPointer) -> (consumed: Int, result: Result))
    -> Result
  {
    let (consumed, result) = buffer.withUnsafeBytes { bytes in
      body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
    }
    start += consumed
    return result
  }

  /// Passes over one waiting byte.
  mutating func skipByte() {
    start += 1
  }
}
