import Foundation

/// Where an image's files are: the members of a tar archive (docker-archive, oci-archive), read
/// in place, or the files of an OCI layout folder. Names are archive-relative (`manifest.json`,
/// `blobs/sha256/<hex>`); nothing outside the archive or folder is ever opened.
enum BlobStore {
  case archive(ArchiveFile, members: [String: (offset: Int, size: Int)])
  case folder(String)

  /// Opens a tar archive or a folder.
  /// - Parameter path: as the user gave it.
  /// - Throws: `ImageError` when it is neither, or cannot be read.
  static func open(_ path: String) throws(ImageError) -> BlobStore {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
      throw .unreadable(path, reason: "no such file or folder")
    }
    if isFolder.boolValue { return .folder(path) }
    let file = try ArchiveFile(path: path)
    let reader = TarReader(file.stream(offset: 0, length: file.size, name: path))
    var members: [String: (offset: Int, size: Int)] = [:]
    do {
      while let entry = try reader.next() {
        guard entry.kind == .file else { continue }
        members[normalized(entry.displayPath)] = (entry.contentOffset, entry.size)
      }
    } catch {
      throw .notAnImage(path, reason: "not a tar archive: \(error)")
    }
    return .archive(file, members: members)
  }

  /// Whether a member exists.
  func contains(_ name: String) -> Bool {
    switch self {
    case .archive(_, let members): members[Self.normalized(name)] != nil
    case .folder(let root): FileManager.default.fileExists(atPath: Self.join(root, name))
    }
  }

  /// A member's bytes, for manifests and configurations.
  /// - Parameters:
  ///   - name: archive-relative.
  ///   - limit: refuse a larger member (a manifest is kilobytes).
  func bytes(_ name: String, limit: Int = 16 << 20) throws(ImageError) -> [UInt8] {
    let stream = try self.stream(name)
    let bytes = try stream.read(count: limit + 1)
    guard bytes.count <= limit else {
      throw .malformed(stream.name, reason: "larger than \(limit >> 20) MiB; not a manifest")
    }
    return bytes
  }

  /// A member as a stream.
  func stream(_ name: String) throws(ImageError) -> any ByteStream {
    switch self {
    case .archive(let file, let members):
      guard let member = members[Self.normalized(name)] else {
        throw .malformed(
          file.path, reason: "'\(name)' is named by the manifest but not in the archive")
      }
      return file.stream(offset: member.offset, length: member.size, name: "\(file.path): \(name)")
    case .folder(let root):
      guard !name.split(separator: "/").contains("..") else {
        throw .malformed(root, reason: "'\(name)' leads outside the layout folder; refused")
      }
      let path = Self.join(root, name)
      let file: ArchiveFile
      do {
        file = try ArchiveFile(path: path)
      } catch {
        throw .malformed(root, reason: "'\(name)' is named by the index but cannot be read")
      }
      return file.stream(offset: 0, length: file.size, name: path)
    }
  }

  /// What the store is, for messages.
  var name: String {
    switch self {
    case .archive(let file, _): file.path
    case .folder(let root): root
    }
  }

  /// The member holding a blob: `blobs/sha256/<hex>`.
  /// - Throws: for a digest that is not `sha256:` and 64 hex digits, which could name any path.
  static func blobName(_ digest: String, in store: String) throws(ImageError) -> String {
    let parts = digest.split(separator: ":", maxSplits: 1)
    guard parts.count == 2, parts[0] == "sha256", parts[1].count == 64,
      parts[1].allSatisfy({ $0.isHexDigit && !$0.isUppercase })
    else { throw .malformed(store, reason: "'\(digest)' is not a sha256 digest") }
    return "blobs/sha256/\(parts[1])"
  }

  /// A member name without `./` or `/` in front.
  private static func normalized(_ name: String) -> String {
    var name = Substring(name)
    while name.hasPrefix("./") || name.hasPrefix("/") {
      name = name.hasPrefix("/") ? name.dropFirst() : name.dropFirst(2)
    }
    return String(name)
  }

  /// A folder-relative name joined to the folder.
  private static func join(_ root: String, _ name: String) -> String {
    root.hasSuffix("/") ? root + name : root + "/" + name
  }
}
