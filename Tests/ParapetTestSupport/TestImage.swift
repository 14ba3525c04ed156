import Foundation
import ParapetCore

/// Writes container images as `docker save` and the OCI image layout write them, for tests:
/// layer tars (plain, gzip or zstd), a configuration with the layers' diff ids, and manifests and
/// indexes naming blobs by their real digests.
public enum TestImage {
  /// One entry of a layer tar.
  public enum Entry: Sendable {
    case file(String, String, mode: Int = 0o644)
    case bytes(String, [UInt8], mode: Int = 0o644)
    case folder(String, mode: Int = 0o755)
    case symlink(String, to: String)
    case hardLink(String, to: String)
  }

  /// How layers are compressed, and the command that does it (`-n`/`-q`: no name or time, so
  /// the same bytes every run).
  public enum Compression: String, Sendable {
    case none
    case gzip
    case zstd

    fileprivate var mediaTypeSuffix: String { self == .none ? "" : "+" + rawValue }
  }

  /// What an image holds.
  public struct Image: Sendable {
    public var layers: [[Entry]]
    public var env: [String]
    public var user: String?
    public var healthcheck: [String]?
    /// How the layers are compressed.
    public var compression: Compression
    public var os: String
    public var architecture: String

    public init(
      layers: [[Entry]], env: [String] = [], user: String? = nil, healthcheck: [String]? = nil,
      compression: Compression = .none, os: String = "linux", architecture: String = "amd64"
    ) {
      self.layers = layers
      self.env = env
      self.user = user
      self.healthcheck = healthcheck
      self.compression = compression
      self.os = os
      self.architecture = architecture
    }
  }

  /// Writes `docker save`'s format: `manifest.json`, `<id>.json`, and `<id>/layer.tar`.
  public static func writeDockerArchive(_ image: Image, tag: String, to url: URL) throws {
    let layers = try image.layers.map { try blob(tar($0), compression: image.compression) }
    let config = configJSON(image, diffIDs: layers.map(\.diffID))
    let configID = Fingerprint.sha256Hex(config)
    var members: [Entry] = [.bytes("\(configID).json", config)]
    for (index, layer) in layers.enumerated() {
      members.append(.bytes("layer\(index)/layer.tar", layer.bytes))
    }
    let manifest: [[String: Any]] = [
      [
        "Config": "\(configID).json", "RepoTags": [tag],
        "Layers": layers.indices.map { "layer\($0)/layer.tar" },
      ]
    ]
    members.append(.bytes("manifest.json", json(manifest)))
    let archive = Data(tar(members))
    try archive.write(to: url)
    FuzzSeeds.keep(archive, named: "image.tar")
  }

  /// Writes an OCI image layout folder; several images make a multi-platform index.
  public static func writeOCILayout(_ images: [Image], to folder: URL) throws {
    for (name, bytes) in try ociFiles(images) {
      let file = folder.appendingPathComponent(name)
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(bytes).write(to: file)
    }
  }

  /// Writes an oci-archive: the layout's files in one tar.
  public static func writeOCIArchive(_ images: [Image], to url: URL) throws {
    let archive = Data(tar(try ociFiles(images).map { Entry.bytes($0.name, $0.bytes) }))
    try archive.write(to: url)
    FuzzSeeds.keep(archive, named: "image.tar")
  }

  /// The files of an OCI layout, by layout-relative name.
  private static func ociFiles(_ images: [Image]) throws -> [(name: String, bytes: [UInt8])] {
    var files: [(name: String, bytes: [UInt8])] = [
      ("oci-layout", json(["imageLayoutVersion": "1.0.0"]))
    ]
    var manifests: [[String: Any]] = []
    for image in images {
      let layers = try image.layers.map { try blob(tar($0), compression: image.compression) }
      let config = configJSON(image, diffIDs: layers.map(\.diffID))
      files.append(("blobs/sha256/" + Fingerprint.sha256Hex(config), config))
      for layer in layers {
        files.append(("blobs/sha256/" + layer.digest.dropFirst(7), layer.bytes))
      }
      let manifest = json([
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": [
          "mediaType": "application/vnd.oci.image.config.v1+json",
          "digest": "sha256:" + Fingerprint.sha256Hex(config), "size": config.count,
        ],
        "layers": layers.map { layer in
          [
            "mediaType": "application/vnd.oci.image.layer.v1.tar"
              + image.compression.mediaTypeSuffix,
            "digest": layer.digest, "size": layer.bytes.count,
          ] as [String: Any]
        },
      ])
      files.append(("blobs/sha256/" + Fingerprint.sha256Hex(manifest), manifest))
      manifests.append([
        "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "digest": "sha256:" + Fingerprint.sha256Hex(manifest), "size": manifest.count,
        "platform": ["os": image.os, "architecture": image.architecture],
        "annotations": ["org.opencontainers.image.ref.name": "test:1"],
      ])
    }
    files.append(("index.json", json(["schemaVersion": 2, "manifests": manifests])))
    return files
  }

  /// A layer blob: its bytes as stored, their digest, and the uncompressed tar's (diff id).
  private static func blob(_ tar: [UInt8], compression: Compression) throws -> (
    bytes: [UInt8], digest: String, diffID: String
  ) {
    let bytes = compression == .none ? tar : try compress(tar, with: compression)
    return (bytes, "sha256:" + Fingerprint.sha256Hex(bytes), "sha256:" + Fingerprint.sha256Hex(tar))
  }

  private static func configJSON(_ image: Image, diffIDs: [String]) -> [UInt8] {
    var runtime: [String: Any] = ["Env": image.env]
    if let user = image.user { runtime["User"] = user }
    if let healthcheck = image.healthcheck { runtime["Healthcheck"] = ["Test": healthcheck] }
    return json([
      "architecture": image.architecture, "os": image.os, "config": runtime,
      "rootfs": ["type": "layers", "diff_ids": diffIDs],
      "history": diffIDs.indices.map { ["created_by": "COPY layer\($0) /"] },
    ])
  }

  private static func json(_ value: Any) -> [UInt8] {
    Array(try! JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]))
  }

  /// Compresses with the system's `gzip -n` or `zstd -q` (CI installs both).
  private static func compress(_ bytes: [UInt8], with compression: Compression) throws -> [UInt8] {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("layer.tar")
    try Data(bytes).write(to: file)
    let (tool, suffix) = compression == .gzip ? ("gzip", "gz") : ("zstd", "zst")
    _ = try Command.run(
      URL(fileURLWithPath: "/usr/bin/env"), [tool, compression == .gzip ? "-n" : "-q", file.path])
    return Array(try Data(contentsOf: file.appendingPathExtension(suffix)))
  }

  /// A POSIX ustar archive of the entries, with GNU long-name records for paths over 100 bytes.
  public static func tar(_ entries: [Entry]) -> [UInt8] {
    var out: [UInt8] = []
    for entry in entries {
      switch entry {
      case .file(let path, let text, let mode):
        append(&out, path: path, type: "0", mode: mode, content: Array(text.utf8))
      case .bytes(let path, let bytes, let mode):
        append(&out, path: path, type: "0", mode: mode, content: bytes)
      case .folder(let path, let mode):
        append(&out, path: path, type: "5", mode: mode, content: [])
      case .symlink(let path, let target):
        append(&out, path: path, type: "2", mode: 0o777, content: [], link: target)
      case .hardLink(let path, let target):
        append(&out, path: path, type: "1", mode: 0o644, content: [], link: target)
      }
    }
    return out + [UInt8](repeating: 0, count: 1024)
  }

  private static func append(
    _ out: inout [UInt8], path: String, type: Character, mode: Int, content: [UInt8],
    link: String = ""
  ) {
    let name = Array(path.utf8)
    if name.count > 100 {
      append(&out, path: "././@LongLink", type: "L", mode: 0, content: name + [0])
    }
    var header = [UInt8](repeating: 0, count: 512)
    func put(_ bytes: [UInt8], at offset: Int, width: Int) {
      for (index, byte) in bytes.prefix(width).enumerated() { header[offset + index] = byte }
    }
    func octal(_ value: Int, width: Int) -> [UInt8] {
      Array(String(format: "%0\(width - 1)o", value).utf8) + [0]
    }
    put(Array(name.prefix(100)), at: 0, width: 100)
    put(octal(mode, width: 8), at: 100, width: 8)
    put(octal(0, width: 8), at: 108, width: 8)
    put(octal(0, width: 8), at: 116, width: 8)
    put(octal(content.count, width: 12), at: 124, width: 12)
    put(octal(0, width: 12), at: 136, width: 12)
    header[156] = type.asciiValue!
    put(Array(link.utf8), at: 157, width: 100)
    put(Array("ustar\u{0}00".utf8), at: 257, width: 8)
    put([UInt8](repeating: 32, count: 8), at: 148, width: 8)
    let sum = header.reduce(0) { $0 + Int($1) }
    put(Array(String(format: "%06o", sum).utf8) + [0, 32], at: 148, width: 8)
    out += header + content
    out += [UInt8](repeating: 0, count: (512 - content.count % 512) % 512)
  }
}
