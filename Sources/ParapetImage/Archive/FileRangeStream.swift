/// A range of an open file, read with `pread` so that several ranges of one archive can be
/// read independently.
final class FileRangeStream: ByteStream {
  let name: String
  private let file: ArchiveFile
  private var offset: Int
  private let end: Int

  init(_ file: ArchiveFile, offset: Int, length: Int, name: String) {
    self.file = file
    self.offset = offset
    end = offset + length
    self.name = name
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
    let wanted = min(buffer.count, end - offset)
    guard wanted > 0 else { return 0 }
    let count = try file.read(
      into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<wanted]), at: offset)
    offset += count
    return count
  }

  func skip(_ count: Int) throws(ImageError) -> Int {
    let skipped = min(count, end - offset)
    offset += skipped
    return skipped
  }
}
