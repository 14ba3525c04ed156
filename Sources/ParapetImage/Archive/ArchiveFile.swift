#if canImport(Glibc)
  import Glibc
#endif

/// An archive file held open while its blobs are read.
final class ArchiveFile: @unchecked Sendable {
  let path: String
  let size: Int
  private let descriptor: Int32

  /// Opens a regular file.
  /// - Throws: `ImageError.unreadable` when it cannot be opened.
  init(path: String) throws(ImageError) {
    self.path = path
    descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
    guard descriptor >= 0 else {
      throw .unreadable(path, reason: String(cString: strerror(errno)))
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
      close(descriptor)
      throw .unreadable(path, reason: "not a regular file")
    }
    size = Int(info.st_size)
  }

  deinit {
    close(descriptor)
  }

  func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(ImageError) -> Int {
    while true {
      let count = pread(descriptor, buffer.baseAddress, buffer.count, off_t(offset))
      if count >= 0 { return count }
      if errno != EINTR { throw .unreadable(path, reason: String(cString: strerror(errno))) }
    }
  }

  /// A range of the file as a stream.
  func stream(offset: Int, length: Int, name: String) -> FileRangeStream {
    FileRangeStream(self, offset: offset, length: length, name: name)
  }
}
