import Foundation
import ParapetCore

/// Reads a work-tree file for scanning, or says why it is skipped.
enum FileContent {
  /// Why a file is not scanned; the raw value is the reason reports count.
  enum Skip: String {
    case binary
    case tooLarge = "too-large"
    case lfsPointer = "lfs-pointer"
    case symlink
    case symlinkOutside = "symlink-outside-repository"
    case unreadable
    case notRegular = "not-a-regular-file"
  }

  private static let lfsHeader = Array("version https://git-lfs.github.com/spec/v1".utf8)

  /// The bytes of `root/path`, or why they are skipped.
  /// - Parameters:
  ///   - path: repo-relative.
  ///   - root: the scanned root, absolute and standardized.
  ///   - maxSize: larger files are skipped.
  /// - Returns: the content or the reason it is skipped.
  static func load(_ path: String, root: String, maxSize: Int) -> Result<[UInt8], SkipError> {
    let full = root + "/" + path
    var info = stat()
    guard lstat(full, &info) == 0 else { return .failure(SkipError(.unreadable, errno: errno)) }
    if info.st_mode & S_IFMT == S_IFLNK {
      guard let resolved = realpath(full, nil) else { return .failure(SkipError(.symlinkOutside)) }
      let target = String(cString: resolved)
      free(resolved)
      return .failure(SkipError(target.hasPrefix(root + "/") ? .symlink : .symlinkOutside))
    }
    guard info.st_mode & S_IFMT == S_IFREG else { return .failure(SkipError(.notRegular)) }
    guard Int(info.st_size) <= maxSize else { return .failure(SkipError(.tooLarge)) }
    let bytes: [UInt8]
    do {
      bytes = try FileBytes.read(full)
    } catch {
      return .failure(SkipError(.unreadable, errno: error.code))
    }
    if let skip = classify(bytes) { return .failure(SkipError(skip)) }
    return .success(bytes)
  }

  /// Whether content is binary or an LFS pointer.
  /// - Parameter bytes: the content.
  /// - Returns: the reason to skip it, or nil to scan it.
  static func classify(_ bytes: [UInt8]) -> Skip? {
    if bytes.starts(with: lfsHeader) { return .lfsPointer }
    if bytes.prefix(8000).contains(0) { return .binary }
    return nil
  }

  struct SkipError: Error {
    let reason: Skip
    let detail: String?

    init(_ reason: Skip, errno code: Int32? = nil) {
      self.reason = reason
      detail = code.map { String(cString: strerror($0)) }
    }
  }
}
