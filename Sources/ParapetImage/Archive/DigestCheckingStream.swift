import ParapetCore

/// Passes a blob's bytes through while hashing them, and fails at the end when they do not match
/// the digest that names the blob: a layer is checked as it streams, in the same pass that
/// reads it. Skipping reads too (through `ByteStream`'s default), as every byte is hashed.
final class DigestCheckingStream: ByteStream {
  private let inner: any ByteStream
  private let expected: String
  private let hasher = StreamingSHA256()
  private var finished = false

  /// - Parameters:
  ///   - inner: the blob.
  ///   - digest: `sha256:<hex>`; other algorithms are not checked.
  init(_ inner: any ByteStream, digest: String) {
    self.inner = inner
    expected = digest
  }

  var name: String { inner.name }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
    guard buffer.count > 0 else { return 0 }
    let count = try inner.read(into: buffer)
    if count > 0 {
      hasher.update(UnsafeRawBufferPointer(rebasing: buffer[..<count]))
    } else if !finished {
      finished = true
      let actual = hasher.finish()
      guard expected == "sha256:" + actual else {
        throw .digestMismatch(name, expected: expected, actual: actual)
      }
    }
    return count
  }

  /// Reads what is left, so that the digest is checked even when the reader stopped early
  /// (a tar's end-of-archive blocks before the blob's padding).
  func drain() throws(ImageError) {
    while try skip(1 << 20) > 0 {}
  }
}
