/// One path of an image's file system, as a layer left it.
struct ImageNode: Sendable {
  enum Kind: Sendable {
    case file
    case folder
    /// A symbolic link: its target as written (absolute targets are inside the image).
    case link([UInt8])
    /// A device or FIFO.
    case special
  }

  /// What is kept of a file's bytes: text files up to `ImageNode.keptLimit`, which every job
  /// reads, and not binaries or larger files, which no job but secrets scans (and secrets skips
  /// them as binary or too large wherever it reads).
  enum Content: Sendable {
    case kept([UInt8])
    case binary
    case tooLarge
    case none
  }

  var kind: Kind
  /// The permission bits, with setuid, setgid and sticky.
  var mode: UInt32
  var size: Int
  var content: Content
  /// The index of the layer that wrote it, bottom first.
  var layer: Int
  /// The module list of a Go executable.
  var goBuildInfo: GoBuildInfo?
  /// The Maven artifacts of a Java archive.
  var javaArtifacts: [JavaArchive.Artifact] = []
  /// The crates a Rust executable built with `cargo auditable` lists.
  var rustCrates: [CargoAuditable.Crate]?
  /// The packages of an rpm database file.
  var rpmDatabase: RpmDatabase.Contents?

  /// The largest file whose bytes are kept.
  static let keptLimit = 8 << 20
}
