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

  /// The bytes of a file, or why they are skipped: a link is not followed (its target, when it
  /// is in the tree, is scanned as itself).
  /// - Parameters:
  ///   - path: root-relative.
  ///   - source: the files.
  ///   - maxSize: larger files are skipped.
  /// - Returns: the content or the reason it is skipped.
  static func load(_ path: SourcePath, from source: any FileSource, maxSize: Int) -> Result<
    [UInt8], SkipError
  > {
    guard let entry = source.entry(at: path) else {
      return .failure(SkipError(.unreadable, detail: "no such file"))
    }
    switch entry.kind {
    case .link: return .failure(SkipError(.symlink))
    case .linkOutside: return .failure(SkipError(.symlinkOutside))
    case .folder, .special: return .failure(SkipError(.notRegular))
    case .file: break
    }
    guard entry.size <= maxSize else { return .failure(SkipError(.tooLarge)) }
    let bytes: [UInt8]
    do {
      bytes = try source.read(path, limit: maxSize)
    } catch .tooLarge {
      return .failure(SkipError(.tooLarge))
    } catch .binary {
      return .failure(SkipError(.binary))
    } catch {
      return .failure(SkipError(.unreadable, detail: error.detail))
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

    init(_ reason: Skip, detail: String? = nil) {
      self.reason = reason
      self.detail = detail
    }
  }
}
