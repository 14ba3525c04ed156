import ParapetCore

/// Reads one layer's tar into the changes it makes: the paths it writes (with the bytes kept of
/// each file) and the paths its whiteouts delete from the layers below.
struct LayerReader {
  /// What one layer does to the file system below it.
  struct Changes {
    /// The layer's own files, as a tree (whiteouts left out).
    var tree = ImageTree()
    /// `.wh.<name>`: the path deleted from below.
    var deleted: [SourcePath] = []
    /// `.wh..wh..opq`: folders whose contents below are hidden.
    var opaque: [SourcePath] = []
  }

  /// The layer's name for messages: `image.tar: layer 2 (sha256:1a2b…)`.
  let name: String
  let index: Int

  private static let whiteoutPrefix = Array(".wh.".utf8)
  private static let opaqueMarker = Array(".wh..wh..opq".utf8)

  /// Reads the layer.
  /// - Parameters:
  ///   - stream: the layer's uncompressed tar.
  ///   - below: the file system so far, for hard links to files of lower layers.
  ///   - cancellation: stops between entries.
  /// - Throws: `ImageError` for a damaged tar, or an entry or hard link leaving the root.
  func read(_ stream: any ByteStream, below: ImageTree, cancellation: Cancellation)
    throws(ImageError)
    -> Changes
  {
    var changes = Changes()
    let reader = TarReader(stream)
    while let entry = try reader.next() {
      if cancellation.isCancelled { break }
      let path = try self.path(entry.path, entry: entry)
      guard !path.isRoot else { continue }
      let fileName = Array(path.nameBytes)
      if fileName == Self.opaqueMarker {
        changes.opaque.append(path.folder)
        continue
      }
      if fileName.starts(with: Self.whiteoutPrefix) {
        if let hidden = path.folder.appending(bytes: fileName.dropFirst(Self.whiteoutPrefix.count))
        {
          changes.deleted.append(hidden)
        }
        continue
      }
      changes.tree.insert(
        try node(entry, at: path, reader: reader, changes: changes, below: below),
        at: path)
    }
    return changes
  }

  /// The node an entry makes.
  private func node(
    _ entry: TarEntry, at place: SourcePath, reader: TarReader, changes: Changes, below: ImageTree
  )
    throws(ImageError) -> ImageNode
  {
    let mode = entry.mode & 0o7777
    switch entry.kind {
    case .folder:
      return ImageNode(kind: .folder, mode: mode, size: 0, content: .none, layer: index)
    case .symbolicLink:
      return ImageNode(
        kind: .link(entry.linkTarget), mode: mode, size: 0, content: .none, layer: index)
    case .special:
      return ImageNode(kind: .special, mode: mode, size: 0, content: .none, layer: index)
    case .hardLink:
      // The target is an earlier entry of this layer, or a file of the layers below.
      let target = try path(entry.linkTarget, entry: entry)
      guard var node = changes.tree[target] ?? below[target], case .file = node.kind else {
        throw .malformed(
          name, reason: "hard link '\(entry.displayPath)' names '\(target)', which is not a file")
      }
      node.layer = index
      return node
    case .file:
      // Executables, Java archives and rpm's database are read even when too large to keep,
      // for the packages they list: a Go or Rust binary's, a jar's Maven artifacts.
      let executable = mode & 0o111 != 0
      let java = JavaArchive.isArchive(place.name)
      let rpm = RpmDatabase.isDatabase(place)
      let inspected =
        (executable && entry.size <= GoBuildInfo.largestBinary)
        || (java && entry.size <= JavaArchive.largestArchive)
        || (rpm && entry.size <= RpmDatabase.largestDatabase)
      guard entry.size <= ImageNode.keptLimit || inspected else {
        return ImageNode(
          kind: .file, mode: mode, size: entry.size, content: .tooLarge, layer: index)
      }
      let bytes = try reader.content()
      let binary = bytes.prefix(8000).contains(0)
      let content: ImageNode.Content =
        entry.size > ImageNode.keptLimit ? .tooLarge : binary ? .binary : .kept(bytes)
      var node = ImageNode(
        kind: .file, mode: mode, size: entry.size, content: content, layer: index)
      if executable && binary {
        node.goBuildInfo = GoBuildInfo(bytes)
        node.rustCrates = CargoAuditable.crates(in: bytes)
      }
      if java { node.javaArtifacts = JavaArchive.artifacts(in: bytes, named: place.name) }
      if rpm { node.rpmDatabase = RpmDatabase.contents(of: bytes) }
      return node
    }
  }

  /// An entry's path inside the image: leading `/` and `./` dropped, `..` never above the root.
  private func path(_ raw: [UInt8], entry: TarEntry) throws(ImageError) -> SourcePath {
    var bytes = raw[...]
    while bytes.first == UInt8(ascii: "/") || bytes.starts(with: [46, 47]) {
      bytes = bytes.first == UInt8(ascii: "/") ? bytes.dropFirst() : bytes.dropFirst(2)
    }
    guard let path = SourcePath.root.resolving(Array(bytes)) else {
      throw .escapesRoot(layer: name, entry: SourcePath.display(raw[...]))
    }
    return path
  }
}
