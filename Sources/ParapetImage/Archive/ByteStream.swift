#if canImport(Glibc)
  import Glibc
#endif

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
