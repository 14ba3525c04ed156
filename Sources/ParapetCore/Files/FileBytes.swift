#if canImport(Glibc)
  import Glibc
#endif

/// Reads a whole file with `open` and `read`: the jobs read many small files, and Foundation's
/// `FileManager.contents(atPath:)` costs more per file than the reading does. Files a job scans
/// are read through a `FileSource`, which checks where a path leads first; this reads files the
/// user named (configuration, key files, reports to merge).
public enum FileBytes {
  /// Why a file could not be read: the `errno` of the failed call.
  public struct Failure: Error {
    public let code: Int32
    /// The system's description of the error (`No such file or directory`).
    public var reason: String { String(cString: strerror(code)) }
  }

  /// The bytes of a file.
  /// - Parameter path: the file's path.
  /// - Returns: its content.
  /// - Throws: `Failure` when it cannot be opened or read.
  public static func read(_ path: String) throws(Failure) -> [UInt8] {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { throw Failure(code: errno) }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else { throw Failure(code: errno) }
    return try read(descriptor: descriptor, sizeHint: Int(info.st_size))
  }

  /// The bytes left in an open file.
  /// - Parameters:
  ///   - descriptor: an open file descriptor, left open.
  ///   - sizeHint: the expected size: a file that grows or shrinks while read is read to its end.
  /// - Returns: the content.
  /// - Throws: `Failure` when a read fails.
  public static func read(descriptor: Int32, sizeHint: Int) throws(Failure) -> [UInt8] {
    // One spare byte lets the read that finds the end fit without growing the buffer.
    var bytes = [UInt8](repeating: 0, count: max(0, sizeHint) + 1)
    var filled = 0
    while true {
      if filled == bytes.count { bytes += [UInt8](repeating: 0, count: bytes.count) }
      let count = bytes.withUnsafeMutableBytes { buffer -> Int in
        guard let base = buffer.baseAddress else { return 0 }
        return Glibc.read(descriptor, base + filled, buffer.count - filled)
      }
      if count < 0 {
        if errno == EINTR { continue }
        throw Failure(code: errno)
      }
      if count == 0 { break }
      filled += count
    }
    bytes.removeLast(bytes.count - filled)
    return bytes
  }
}
