import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Where a report goes, checked before any job starts, and the one way every report, SBOM and
/// terminal stream is written:
/// - `-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` and `/proc/self/fd/N` (`>(...)`): the open
///   descriptor, written in place;
/// - a FIFO or a character device: opened and written in place, never replaced;
/// - a symbolic link: written through to its target;
/// - a regular file or a new path: a temporary file in the same folder, fsynced, then renamed
///   into place with the old file's mode, so a reader never sees half a report and a failed
///   run never leaves a truncated one.
public struct ReportSink: Hashable, Sendable {
  /// How the report is written.
  enum Kind: Hashable, Sendable {
    /// An open descriptor of this process.
    case descriptor(Int32)
    /// A FIFO or a device, opened for writing where it is.
    case inPlace(String)
    /// A regular file (or one to create) at this path, its links resolved.
    case replaced(String)
  }

  let kind: Kind
  /// The path as the user wrote it, for messages.
  public let shown: String

  /// Whether the report goes to standard output (the terminal summary then goes to standard
  /// error).
  public var isStandardOutput: Bool { kind == .descriptor(STDOUT_FILENO) }

  /// Checks a report path before any work is done.
  /// - Parameter path: the flag's value; `-` is standard output.
  /// - Returns: where the report will be written.
  /// - Throws: `ParapetReportError.invalidPath` when it cannot be: a folder, a folder that does
  ///   not exist or cannot be written, a closed descriptor.
  public static func check(_ path: String) throws -> ReportSink {
    if path == "-" { return ReportSink(kind: .descriptor(STDOUT_FILENO), shown: path) }
    if let descriptor = descriptor(named: path) {
      guard fcntl(descriptor, F_GETFD) != -1 else {
        throw ParapetReportError.invalidPath(path, "descriptor \(descriptor) is not open")
      }
      return ReportSink(kind: .descriptor(descriptor), shown: path)
    }
    var info = stat()
    if stat(path, &info) == 0 {
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        throw ParapetReportError.invalidPath(path, "is a folder; name a file")
      case S_IFIFO, S_IFCHR, S_IFSOCK:
        guard access(path, W_OK) == 0 else {
          throw ParapetReportError.invalidPath(path, "cannot be written (\(reason(errno)))")
        }
        return ReportSink(kind: .inPlace(path), shown: path)
      default:
        break
      }
    }
    // A link is written through: the file replaced is its target, in the target's folder.
    let target = resolvedTarget(of: path)
    let folder = (target as NSString).deletingLastPathComponent
    var folderInfo = stat()
    guard stat(folder.isEmpty ? "." : folder, &folderInfo) == 0,
      folderInfo.st_mode & S_IFMT == S_IFDIR
    else {
      throw ParapetReportError.invalidPath(path, "its folder \(folder) does not exist")
    }
    guard access(folder.isEmpty ? "." : folder, W_OK | X_OK) == 0 else {
      throw ParapetReportError.invalidPath(
        path, "its folder \(folder) cannot be written (\(reason(errno)))")
    }
    return ReportSink(kind: .replaced(target), shown: path)
  }

  /// Checks every report path of a run together: each on its own, and no two on one file.
  /// - Parameter paths: the flags and their values, such as `("--sarif", "r.sarif")`.
  /// - Returns: the sinks, in the order given.
  /// - Throws: `ParapetReportError.invalidPath` for the first bad path or repeated file.
  public static func check(_ paths: [(flag: String, path: String)]) throws -> [ReportSink] {
    var seen: [Kind: String] = [:]
    var sinks: [ReportSink] = []
    for (flag, path) in paths {
      let sink = try check(path)
      if let other = seen[sink.kind] {
        let what = sink.isStandardOutput ? "standard output" : "the same file"
        throw ParapetReportError.invalidPath(path, "\(other) and \(flag) both write to \(what)")
      }
      seen[sink.kind] = flag
      sinks.append(sink)
    }
    return sinks
  }

  /// Writes a report.
  /// - Parameter data: its bytes.
  /// - Throws: `ParapetReportError.cannotWrite` naming the path and the system's reason.
  public func write(_ data: Data) throws {
    switch kind {
    case .descriptor(let descriptor):
      try Self.writeAll(data, to: descriptor, shown: shown)
    case .inPlace(let path):
      let descriptor = open(path, O_WRONLY | O_CLOEXEC)
      guard descriptor >= 0 else { throw cannotWrite(errno) }
      defer { close(descriptor) }
      try Self.writeAll(data, to: descriptor, shown: shown)
    case .replaced(let path):
      try replace(path, with: data)
    }
  }

  /// Writes to a temporary file beside the target, then renames it over the target.
  private func replace(_ path: String, with data: Data) throws {
    var info = stat()
    let mode: mode_t
    if stat(path, &info) == 0 {
      mode = info.st_mode & 0o7777
    } else {
      let mask = umask(0)
      umask(mask)
      mode = 0o666 & ~mask
    }
    let folder = (path as NSString).deletingLastPathComponent
    var template = Array(
      ((folder.isEmpty ? "." : folder) + "/.parapet-report-XXXXXX").utf8CString)
    let descriptor = mkstemp(&template)
    guard descriptor >= 0 else { throw cannotWrite(errno) }
    let temporary = String(cString: template)
    var renamed = false
    defer {
      if !renamed { unlink(temporary) }
    }
    do {
      defer { close(descriptor) }
      try Self.writeAll(data, to: descriptor, shown: shown)
      guard fchmod(descriptor, mode) == 0, fsync(descriptor) == 0 else { throw cannotWrite(errno) }
    }
    guard rename(temporary, path) == 0 else { throw cannotWrite(errno) }
    renamed = true
  }

  private func cannotWrite(_ code: Int32) -> ParapetReportError {
    .cannotWrite(shown, Self.reason(code))
  }

  /// Writes every byte, retrying short writes and interruptions.
  static func writeAll(_ data: Data, to descriptor: Int32, shown: String) throws {
    try data.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let count = Glibc.write(descriptor, base + offset, buffer.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          throw ParapetReportError.cannotWrite(shown, reason(errno))
        }
        offset += count
      }
    }
  }

  /// The descriptor a path names: `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N`.
  private static func descriptor(named path: String) -> Int32? {
    switch path {
    case "/dev/stdout": return STDOUT_FILENO
    case "/dev/stderr": return STDERR_FILENO
    default:
      for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
        return Int32(path.dropFirst(prefix.count))
      }
      return nil
    }
  }

  /// The path a link leads to, followed link by link (a dangling link's target is created).
  private static func resolvedTarget(of path: String) -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count > 0 else { return current }
      let target = String(
        decoding: buffer.prefix(count).map { UInt8(bitPattern: $0) }, as: UTF8.self)
      current =
        target.hasPrefix("/")
        ? target
        : ((current as NSString).deletingLastPathComponent as NSString)
          .appendingPathComponent(target)
    }
    return current
  }

  static func reason(_ code: Int32) -> String {
    String(cString: strerror(code))
  }
}
