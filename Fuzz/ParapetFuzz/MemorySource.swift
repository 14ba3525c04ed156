import ParapetCore

/// A file source of files held in memory, so that a job reads a fuzz input as it would read a
/// repository's file, without a write to disk per input.
struct MemorySource: FileSource {
  let label = "fuzz input"
  private let files: [SourcePath: [UInt8]]

  /// - Parameter files: contents by repo-relative path; the paths must be valid.
  init(_ files: [String: [UInt8]]) {
    var byPath: [SourcePath: [UInt8]] = [:]
    for (path, bytes) in files {
      if let path = SourcePath(path) { byPath[path] = bytes }
    }
    self.files = byPath
  }

  func walk(from folder: SourcePath, descend: (SourcePath) -> Bool) -> [SourceEntry] {
    files.keys.sorted().filter { $0.parts.starts(with: folder.parts) }.compactMap(entry)
  }

  func list(_ folder: SourcePath) -> [SourceEntry] {
    files.keys.sorted().filter { $0.folder == folder }.compactMap(entry)
  }

  func entry(at path: SourcePath) -> SourceEntry? {
    if path.isRoot { return SourceEntry(path: path, kind: .folder) }
    guard let bytes = files[path] else { return nil }
    return SourceEntry(path: path, kind: .file, size: bytes.count)
  }

  func read(_ path: SourcePath, limit: Int) throws(FileSourceError) -> [UInt8] {
    guard let bytes = files[path] else { throw .notFound(path) }
    guard bytes.count <= limit else { throw .tooLarge(path, size: bytes.count, limit: limit) }
    return bytes
  }
}
