import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// The files of a folder on disk. Names are read as bytes (`readdir`), the walk never follows a
/// symbolic link, and a read follows one only while it stays inside the root: a link out of the
/// repository (`requirements.txt -> /proc/self/environ`) is refused with the link named.
///
/// Checking every folder on the way to a file with `realpath` costs a system call per folder;
/// folders found to be plain folders inside the root are remembered, so a tree of thousands of
/// files costs one check per folder and one `open` per file.
public final class WorkTreeSource: FileSource, @unchecked Sendable {
  /// The root as given, for messages.
  public let root: String
  /// The root with its links resolved, as raw bytes: every file read lies below it.
  private let realRoot: [UInt8]
  public let label: String
  private let lock = NSLock()
  /// Folders (as raw root-relative bytes) known to be plain folders below the root.
  private var plainFolders: Set<[UInt8]> = [[]]

  /// A source over a folder.
  /// - Parameters:
  ///   - root: the folder, absolute.
  ///   - label: what it is, for messages.
  public init(root: String, label: String = "the work tree") {
    self.root = root
    self.label = label
    realRoot = Self.realPath(Array(root.utf8)) ?? Array(root.utf8)
  }

  public func list(_ folder: SourcePath) -> [SourceEntry] {
    guard let directory = resolvedFolder(folder), let handle = opendir(Self.cString(directory))
    else { return [] }
    defer { closedir(handle) }
    let folderIsPlain = isPlain(folder)
    var entries: [SourceEntry] = []
    while let raw = readdir(handle) {
      let name = withUnsafeBytes(of: raw.pointee.d_name) { Array($0.prefix { $0 != 0 }) }
      guard let path = folder.appending(bytes: name) else { continue }
      // d_type saves a stat per folder; a file's size needs one anyway.
      if Int32(raw.pointee.d_type) == DT_DIR {
        if folderIsPlain { remember(path) }
        entries.append(SourceEntry(path: path, kind: .folder))
      } else if let entry = describe(path, at: Self.joined(directory, name)) {
        entries.append(entry)
      }
    }
    return entries.sorted { $0.path < $1.path }
  }

  public func entry(at path: SourcePath) -> SourceEntry? {
    if path.isRoot { return SourceEntry(path: .root, kind: .folder) }
    guard let folder = resolvedFolder(path.folder) else { return unresolved(path) }
    return describe(path, at: Self.joined(folder, Array(path.nameBytes)))
  }

  public func read(_ path: SourcePath, limit: Int) throws(FileSourceError) -> [UInt8] {
    guard let full = resolved(path) else {
      if case .linkOutside(let target)? = unresolved(path)?.kind {
        throw .outsideRoot(path, target: target)
      }
      throw .notFound(path)
    }
    // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
    let descriptor = open(Self.cString(full), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK)
    guard descriptor >= 0 else {
      let code = errno
      if code == ENOENT { throw .notFound(path) }
      throw .unreadable(path, reason: String(cString: strerror(code)))
    }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      throw .unreadable(path, reason: String(cString: strerror(errno)))
    }
    guard info.st_mode & S_IFMT == S_IFREG else { throw .notRegular(path) }
    let size = Int(info.st_size)
    guard size <= limit else { throw .tooLarge(path, size: size, limit: limit) }
    do {
      return try FileBytes.read(descriptor: descriptor, sizeHint: size)
    } catch {
      throw .unreadable(path, reason: error.reason)
    }
  }

  /// The absolute path of a root-relative path with every link resolved, or nil when it does not
  /// exist or leads outside the root.
  private func resolved(_ path: SourcePath) -> [UInt8]? {
    if path.isRoot { return realRoot }
    guard let folder = resolvedFolder(path.folder) else { return nil }
    let full = Self.joined(folder, Array(path.nameBytes))
    var info = stat()
    guard lstat(Self.cString(full), &info) == 0 else { return nil }
    guard info.st_mode & S_IFMT == S_IFLNK else { return full }
    return inside(Self.realPath(full))
  }

  /// What stands at a path that does not resolve inside the root: a link leading out (or
  /// nowhere), or nothing.
  private func unresolved(_ path: SourcePath) -> SourceEntry? {
    guard let folder = resolvedFolder(path.folder) else {
      // A folder on the way leads out: name the first such link.
      var walked = SourcePath.root
      for part in path.parts {
        guard let next = walked.appending(bytes: part) else { return nil }
        if let entry = describe(next, at: Self.joined(realRoot, next.bytes)),
          case .linkOutside = entry.kind
        {
          return SourceEntry(path: path, kind: entry.kind)
        }
        walked = next
      }
      return nil
    }
    return describe(path, at: Self.joined(folder, Array(path.nameBytes)))
  }

  /// The absolute path of a folder with its links resolved, when it lies inside the root.
  private func resolvedFolder(_ folder: SourcePath) -> [UInt8]? {
    let direct = Self.joined(realRoot, folder.bytes)
    if isPlain(folder) { return direct }
    guard let real = inside(Self.realPath(direct)) else { return nil }
    if real == direct { remember(folder) }
    return real
  }

  /// An entry for what `lstat` finds at a path, or nil when nothing is there.
  private func describe(_ path: SourcePath, at full: [UInt8]) -> SourceEntry? {
    var info = stat()
    guard lstat(Self.cString(full), &info) == 0 else { return nil }
    let format = info.st_mode & S_IFMT
    if format == S_IFREG { return SourceEntry(path: path, kind: .file, size: Self.size(info)) }
    if format == S_IFDIR { return SourceEntry(path: path, kind: .folder) }
    guard format == S_IFLNK else { return SourceEntry(path: path, kind: .special) }
    guard let target = inside(Self.realPath(full)) else {
      return SourceEntry(path: path, kind: .linkOutside(Self.linkText(full)))
    }
    let relative = target.count > realRoot.count ? Array(target[(realRoot.count + 1)...]) : []
    return SourceEntry(path: path, kind: .link(SourcePath(uncheckedBytes: relative)))
  }

  /// The path when it is the root or below it.
  private func inside(_ real: [UInt8]?) -> [UInt8]? {
    guard let real else { return nil }
    if real == realRoot { return real }
    let base = realRoot.last == UInt8(ascii: "/") ? realRoot : realRoot + [UInt8(ascii: "/")]
    return real.starts(with: base) ? real : nil
  }

  private func isPlain(_ folder: SourcePath) -> Bool {
    lock.lock()
    defer { lock.unlock() }
    return plainFolders.contains(folder.bytes)
  }

  private func remember(_ folder: SourcePath) {
    lock.lock()
    plainFolders.insert(folder.bytes)
    lock.unlock()
  }

  /// A base path and a relative one, joined by one `/`.
  private static func joined(_ base: [UInt8], _ relative: [UInt8]) -> [UInt8] {
    guard !relative.isEmpty else { return base }
    return (base.last == UInt8(ascii: "/") ? base : base + [UInt8(ascii: "/")]) + relative
  }

  private static func cString(_ bytes: [UInt8]) -> [CChar] {
    bytes.map { CChar(bitPattern: $0) } + [0]
  }

  private static func realPath(_ path: [UInt8]) -> [UInt8]? {
    guard let resolved = realpath(cString(path), nil) else { return nil }
    defer { free(resolved) }
    return Array(UnsafeBufferPointer(start: resolved, count: strlen(resolved)))
      .map { UInt8(bitPattern: $0) }
  }

  /// A link's target as written, for the message that names it.
  private static func linkText(_ path: [UInt8]) -> String {
    var buffer = [CChar](repeating: 0, count: 4096)
    let count = readlink(cString(path), &buffer, buffer.count - 1)
    guard count > 0 else { return "nowhere" }
    return SourcePath.display(buffer.prefix(count).map { UInt8(bitPattern: $0) }[...])
  }

  private static func size(_ info: stat) -> Int {
    info.st_mode & S_IFMT == S_IFREG ? Int(info.st_size) : 0
  }
}
