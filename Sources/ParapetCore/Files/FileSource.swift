/// Where a job's files come from: the work tree, a git tree at a commit, the staged index, or an
/// image's merged file system. Jobs list and read files only through a source, so containment is
/// enforced here, once: a path that resolves outside the source's root (a symbolic link, an
/// include, a parent reference) is never read, and the job is told why.
public protocol FileSource: Sendable {
  /// What the source is, for messages: `the work tree`, `commit 1a2b3c4d5e6f`.
  var label: String { get }

  /// The entries below a folder, depth first in path order (`FileSource`'s extension walks
  /// through `list`).
  /// - Parameters:
  ///   - folder: where to start; `.root` for everything.
  ///   - descend: whether to enter a folder (given its path); the walk never enters `.git`.
  /// - Returns: every file, link and special file found (folders themselves are not listed).
  func walk(from folder: SourcePath, descend: (SourcePath) -> Bool) -> [SourceEntry]

  /// The entries directly in one folder.
  /// - Parameter folder: the folder.
  /// - Returns: its files, links, special files and subfolders, in name order; empty when it is
  ///   not a folder.
  func list(_ folder: SourcePath) -> [SourceEntry]

  /// What a path is, without following a link at its end (a link is a `.link` or
  /// `.linkOutside` entry); a path through a folder link that leaves the root is `.linkOutside`.
  /// - Parameter path: the path.
  /// - Returns: its entry, or nil when nothing is there.
  func entry(at path: SourcePath) -> SourceEntry?

  /// The bytes of a regular file, following links only while they stay inside the root.
  /// - Parameters:
  ///   - path: the file.
  ///   - limit: refuse a larger file without reading it.
  /// - Returns: the content.
  /// - Throws: `FileSourceError` saying why it was not read.
  func read(_ path: SourcePath, limit: Int) throws(FileSourceError) -> [UInt8]
}

extension FileSource {
  /// The walk every source shares: depth first through `list`.
  public func walk(from folder: SourcePath, descend: (SourcePath) -> Bool) -> [SourceEntry] {
    var found: [SourceEntry] = []
    var pending = [folder]
    while let next = pending.popLast() {
      var children: [SourcePath] = []
      for entry in list(next) {
        guard entry.kind == .folder else {
          found.append(entry)
          continue
        }
        if !entry.path.nameBytes.elementsEqual(gitFolder), descend(entry.path) {
          children.append(entry.path)
        }
      }
      // Depth first, in path order: the popped folder is the smallest still pending.
      pending += children.reversed()
    }
    return found.sorted { $0.path < $1.path }
  }

  /// The bytes of a file, with no size limit but the largest file any job reads.
  /// - Parameter path: the file.
  /// - Returns: the content.
  /// - Throws: `FileSourceError` saying why it was not read.
  public func read(_ path: SourcePath) throws(FileSourceError) -> [UInt8] {
    try read(path, limit: FileSourceError.largestReadable)
  }

  /// The text of a file when it can be read and is valid UTF-8; nil otherwise.
  /// - Parameter path: the file.
  /// - Returns: its text, or nil.
  public func text(_ path: SourcePath) -> String? {
    guard let bytes = try? read(path) else { return nil }
    return String(validating: bytes, as: UTF8.self)
  }

  /// Whether a regular file (or a link inside the root to one) is at a path.
  public func isFile(_ path: SourcePath) -> Bool {
    followed(path)?.kind == .file
  }

  /// Whether a folder (or a link inside the root to one) is at a path.
  public func isFolder(_ path: SourcePath) -> Bool {
    followed(path)?.kind == .folder
  }

  /// What a path is once a link inside the root is followed to its (resolved) target.
  private func followed(_ path: SourcePath) -> SourceEntry? {
    guard let entry = entry(at: path) else { return nil }
    if case .link(let target) = entry.kind { return self.entry(at: target) }
    return entry
  }
}

/// One thing in a source.
public struct SourceEntry: Hashable, Sendable {
  /// What it is.
  public enum Kind: Hashable, Sendable {
    case file
    case folder
    /// A symbolic link whose target lies inside the root: the target's path.
    case link(SourcePath)
    /// A symbolic link that leaves the root (or leads nowhere): its target as written.
    case linkOutside(String)
    /// A FIFO, socket or device: never read.
    case special
  }

  public let path: SourcePath
  public let kind: Kind
  /// The size in bytes, for regular files; 0 otherwise.
  public let size: Int
  /// Where the file comes from when that is not the source itself: a commit id, an image
  /// layer's digest.
  public let origin: String?

  /// Creates an entry.
  /// - Parameters:
  ///   - path: where it is.
  ///   - kind: what it is.
  ///   - size: its size, for a file.
  ///   - origin: the commit or layer it comes from.
  public init(path: SourcePath, kind: Kind, size: Int = 0, origin: String? = nil) {
    self.path = path
    self.kind = kind
    self.size = size
    self.origin = origin
  }
}

/// Why a source did not read a file.
public enum FileSourceError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Nothing is at the path.
  case notFound(SourcePath)
  /// The path leads out of the root (a symbolic link, or a link on the way to it).
  case outsideRoot(SourcePath, target: String)
  /// A folder, FIFO, socket or device.
  case notRegular(SourcePath)
  /// Larger than the caller's limit.
  case tooLarge(SourcePath, size: Int, limit: Int)
  /// A binary file whose bytes the source does not keep (an image's executables).
  case binary(SourcePath)
  /// The system refused: the reason it gave.
  case unreadable(SourcePath, reason: String)

  /// The largest file any job reads whole (a lockfile or configuration many times this is
  /// generated garbage, and reading it would cost gigabytes of memory).
  public static let largestReadable = 128 * 1_048_576

  /// A short kebab-case reason, as coverage counts skipped files.
  public var reason: String {
    switch self {
    case .notFound: "not-found"
    case .outsideRoot: "symlink-outside-repository"
    case .notRegular: "not-a-regular-file"
    case .tooLarge: "too-large"
    case .binary: "binary"
    case .unreadable: "unreadable"
    }
  }

  /// The one-line message, naming the path.
  public var description: String {
    switch self {
    case .notFound(let path), .outsideRoot(let path, _), .notRegular(let path),
      .tooLarge(let path, _, _), .binary(let path), .unreadable(let path, _):
      "\(path) \(detail)"
    }
  }

  /// What went wrong, as a predicate without the path, for a notice that names the file itself
  /// (`lockfile leads outside the scanned root (to /etc/shadow); not read`).
  public var detail: String {
    switch self {
    case .notFound: "does not exist"
    case .outsideRoot(_, let target): "leads outside the scanned root (to \(target)); not read"
    case .notRegular: "is not a regular file; not read"
    case .tooLarge(_, let size, let limit):
      "is \(Self.mebibytes(size)), larger than the \(Self.mebibytes(limit)) parapet reads; not read"
    case .binary: "is binary; not read"
    case .unreadable(_, let reason): "cannot be read: \(reason)"
    }
  }

  private static func mebibytes(_ bytes: Int) -> String {
    bytes >= 1_048_576 ? "\(bytes / 1_048_576) MiB" : "\(bytes) bytes"
  }
}

/// The folder a walk never enters.
private let gitFolder = Array(".git".utf8)
