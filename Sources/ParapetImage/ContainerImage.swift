import ParapetCore
import ParapetDeps

/// A container image read from a docker-archive or oci-archive tar, or an OCI layout folder:
/// its configuration, its layers, and its files, merged (layers applied in order with their
/// whiteouts) and layer by layer. Layers are streamed from the archive once, decompressed and
/// checked against their digests as they are read; nothing is written to disk.
public struct ContainerImage: Sendable {
  /// One layer.
  public struct Layer: Sendable {
    /// The digest of its uncompressed tar (the config's `diff_ids`): the layer's identity.
    public let digest: String
    /// The build step that made it (`RUN apt-get install …`), when the history says.
    public let step: String?
    /// The layer's own files, whiteouts left out.
    public let source: ImageSource
  }

  /// The image's path as given.
  public let path: String
  /// Its name as the archive records it (`nginx:1.27`), when it does.
  public let reference: String?
  public let config: ImageConfig
  public let layers: [Layer]
  /// The file system a container of the image starts with.
  public let files: ImageSource
  /// The configuration as one file, `(image-config)` (a name no image's root holds in practice,
  /// and which reads as no real path), for the secrets job; hardening findings about the
  /// configuration point there too.
  public let configFile: ImageSource

  /// The path the configuration has as a file.
  public static let configPath = SourcePath("(image-config)")!

  /// The image's name for reports: its reference, or its path.
  public var name: String { reference ?? path }

  /// The distribution it is built on, from its os-release file.
  public var release: OSRelease? { OSRelease.read(from: files) }

  /// Whether OSV has advisories for its rpm packages: those of Red Hat, Rocky Linux and
  /// AlmaLinux; Fedora's, CentOS Stream's and the others' are listed, not audited.
  public var auditsRpmPackages: Bool { RpmDatabase.audited(release) != nil }

  /// The packages installed outside lockfiles, as lockfiles in the deps model, for the deps job
  /// and the SBOM: the OS packages its package databases list (one lockfile per database
  /// file), then the Python and npm packages installed in its file system.
  public func installedPackages() -> [Lockfile] {
    let release = self.release
    var lockfiles = Self.osPackages(in: files, release: release, licenses: true)
    // A package's layer is the lowest whose own copy of the database lists it at its version.
    let listed = layers.map { layer in
      Set(
        Self.osPackages(in: layer.source, release: release, licenses: false)
          .flatMap(\.packages).map(\.key))
    }
    for file in lockfiles.indices {
      for index in lockfiles[file].packages.indices {
        let key = lockfiles[file].packages[index].key
        lockfiles[file].packages[index].layer = listed.firstIndex { $0.contains(key) }
          .map { layers[$0].digest }
      }
    }
    return lockfiles + InstalledPackages.read(from: files)
  }

  /// The packages of the OS package databases in a file system.
  private static func osPackages(in source: ImageSource, release: OSRelease?, licenses: Bool)
    -> [Lockfile]
  {
    DpkgDatabase.read(from: source, release: release, licenses: licenses)
      + ApkDatabase.read(from: source, release: release)
      + RpmDatabase.read(from: source, release: release)
  }

  /// The platform chosen when none is asked for.
  public static let defaultPlatform = "linux/amd64"

  /// Reads an image.
  /// - Parameters:
  ///   - path: a tar archive or an OCI layout folder.
  ///   - platform: `os/architecture[/variant]`: the image to read from a multi-platform index,
  ///     and the platform a single image must be; nil for the default platform's image from an
  ///     index, and a single image whatever its platform.
  ///   - cancellation: stops between layer entries.
  /// - Throws: `ImageError`, naming the file and the entry or blob.
  public init(path: String, platform: String? = nil, cancellation: Cancellation)
    throws(ImageError)
  {
    let store = try BlobStore.open(path)
    let manifest = try ImageManifest.read(store, platform: platform ?? Self.defaultPlatform)
    let config: ImageConfig = try ImageManifest.decode(
      store, manifest.configName, digest: manifest.configDigest)
    if let platform, let own = config.platform, !Self.platform(own, satisfies: platform) {
      throw .noPlatform(path, asked: platform, available: [own])
    }
    let diffIDs = config.rootfs.diffIDs
    guard diffIDs.count == manifest.layers.count else {
      throw .malformed(
        "\(path): \(manifest.configName)",
        reason:
          "the configuration lists \(diffIDs.count) layers, the manifest \(manifest.layers.count)")
    }
    var merged = ImageTree()
    var layers: [Layer] = []
    let steps = config.layerSteps
    for (index, blob) in manifest.layers.enumerated() {
      let name = "\(path): layer \(index + 1) (\(diffIDs[index]))"
      let changes = try Self.read(
        blob, in: store, diffID: diffIDs[index], below: merged,
        reader: LayerReader(name: name, index: index), cancellation: cancellation)
      for hidden in changes.deleted { merged.remove(hidden) }
      for folder in changes.opaque { merged.removeContents(of: folder) }
      for (path, node) in changes.tree.nodes.sorted(by: { $0.key < $1.key }) {
        merged.insert(node, at: path)
      }
      layers.append(
        Layer(
          digest: diffIDs[index], step: steps[index],
          source: ImageSource(
            label: "layer \(index + 1) (\(diffIDs[index]))", tree: changes.tree,
            layerDigests: diffIDs)))
    }
    self.path = path
    reference = manifest.reference
    self.config = config
    self.layers = layers
    files = ImageSource(
      label: "image \(manifest.reference ?? path)", tree: merged, layerDigests: diffIDs)
    var configTree = ImageTree()
    let text = Array(config.scannableText.utf8)
    configTree.insert(
      ImageNode(kind: .file, mode: 0o644, size: text.count, content: .kept(text), layer: 0),
      at: Self.configPath)
    configFile = ImageSource(label: "image configuration", tree: configTree, layerDigests: [])
  }

  /// Whether an image's platform is the one asked for; an ask without a variant takes any.
  static func platform(_ own: String, satisfies asked: String) -> Bool {
    let (mine, wanted) = (own.split(separator: "/"), asked.split(separator: "/"))
    return wanted.count >= 2 && mine.count >= 2 && mine[0] == wanted[0] && mine[1] == wanted[1]
      && (wanted.count == 2 || (mine.count > 2 && mine[2] == wanted[2]))
  }

  /// Streams one layer: its blob checked against the manifest's digest, decompressed, its tar
  /// checked against the config's diff id, and read.
  private static func read(
    _ blob: ImageManifest.Layer, in store: BlobStore, diffID: String, below: ImageTree,
    reader: LayerReader, cancellation: Cancellation
  ) throws(ImageError) -> LayerReader.Changes {
    let raw = try store.stream(blob.name)
    let compressed = blob.digest.map { DigestCheckingStream(raw, digest: $0) }
    let head = try (compressed ?? raw).read(count: 4)
    let rest = PrefixedStream(head, compressed ?? raw)
    let tar: any ByteStream
    if GzipStream.isGzip(head) {
      tar = PrefetchingStream(try GzipStream(rest))
    } else if ZstdStream.isZstd(head) {
      tar = PrefetchingStream(try ZstdStream(rest))
    } else {
      tar = rest
    }
    let uncompressed = DigestCheckingStream(tar, digest: diffID)
    let changes = try reader.read(uncompressed, below: below, cancellation: cancellation)
    guard !cancellation.isCancelled else { return changes }
    try uncompressed.drain()
    try compressed?.drain()
    return changes
  }
}
