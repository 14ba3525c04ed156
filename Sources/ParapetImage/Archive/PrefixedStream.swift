/// A stream whose first bytes were already read (to tell how it is compressed), put back in
/// front of the rest.
final class PrefixedStream: ByteStream {
  private var prefix: [UInt8]
  private let rest: any ByteStream

  init(_ prefix: [UInt8], _ rest: any ByteStream) {
    self.prefix = prefix
    self.rest = rest
  }

  var name: String { rest.name }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
    guard !prefix.isEmpty else { return try rest.read(into: buffer) }
    let count = min(buffer.count, prefix.count)
    buffer.copyBytes(from: prefix[..<count])
    prefix.removeFirst(count)
    return count
  }
}
