/// Bytes read front to back: a blob in an archive, a decompressed layer. Image layers are
/// streamed through these, never unpacked to disk nor held whole.
protocol ByteStream: AnyObject {
  /// What the bytes are, for errors: `image.tar: blobs/sha256/1a2b…`.
  var name: String { get }
  /// Reads up to `buffer.count` bytes.
  /// - Returns: how many were read; 0 only at the end.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int
  /// Passes over bytes without keeping them.
  /// - Parameter count: how many.
  /// - Returns: how many there were (fewer at the end).
  func skip(_ count: Int) throws(ImageError) -> Int
}

extension ByteStream {
  func skip(_ count: Int) throws(ImageError) -> Int {
    var scratch = [UInt8](repeating: 0, count: min(count, 65_536))
    var skipped = 0
    while skipped < count {
      let read = try read(into: &scratch, at: 0, count: min(scratch.count, count - skipped))
      if read == 0 { break }
      skipped += read
    }
    return skipped
  }

  /// Reads `count` bytes, or fewer at the end, into a buffer not zeroed first (zeroing every
  /// file's buffer cost more than reading into it).
  func read(count: Int) throws(ImageError) -> [UInt8] {
    var failure: ImageError?
    let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
      var filled = 0
      do throws(ImageError) {
        while filled < count {
          let read = try self.read(
            into: UnsafeMutableRawBufferPointer(
              UnsafeMutableBufferPointer(rebasing: buffer[filled..<count])))
          if read == 0 { break }
          filled += read
        }
      } catch {
        failure = error
      }
      initialized = filled
    }
    if let failure { throw failure }
    return bytes
  }

  /// Reads up to `count` bytes into an array from `start` (Array's closure APIs rethrow
  /// untyped errors, so the typed one is carried out in a `Result`).
  func read(into bytes: inout [UInt8], at start: Int, count: Int) throws(ImageError) -> Int {
    try bytes.withUnsafeMutableBytes { buffer in
      Result { () throws(ImageError) -> Int in
        try self.read(
          into: UnsafeMutableRawBufferPointer(rebasing: buffer[start..<(start + count)]))
      }
    }.get()
  }
}
