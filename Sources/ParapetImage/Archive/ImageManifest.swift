import Foundation
import ParapetCore

/// Which blobs make an image, found from docker's `manifest.json` or an OCI `index.json` (with
/// nested indexes, and one manifest chosen by platform).
struct ImageManifest {
  /// One layer blob.
  struct Layer {
    /// Archive-relative member name.
    var name: String
    /// The digest that names the blob (of its compressed bytes), when the format gives one.
    var digest: String?
    /// The OCI media type, when given (`…tar+gzip`, `…tar+zstd`).
    var mediaType: String?
  }

  /// The image's name as the archive records it (`nginx:1.27`), when it does.
  var reference: String?
  var configName: String
  var configDigest: String?
  var layers: [Layer]

  /// Reads the manifest of the store's image.
  /// - Parameters:
  ///   - store: the archive or layout folder.
  ///   - platform: `os/architecture[/variant]`, to choose in a multi-platform index.
  /// - Throws: `ImageError` for a missing or malformed manifest, or no such platform.
  static func read(_ store: BlobStore, platform: String) throws(ImageError) -> ImageManifest {
    if store.contains("manifest.json") { return try docker(store) }
    if store.contains("index.json") {
      return try oci(store, index: "index.json", digest: nil, platform: platform, depth: 0)
    }
    throw .notAnImage(store.name, reason: "it holds neither manifest.json nor index.json")
  }

  private struct DockerEntry: Decodable {
    var config: String
    var repoTags: [String]?
    var layers: [String]

    enum CodingKeys: String, CodingKey {
      case config = "Config"
      case repoTags = "RepoTags"
      case layers = "Layers"
    }
  }

  /// `docker save`'s format: a list of images, each with its config and layer member names
  /// (`<id>/layer.tar`, or `blobs/sha256/<hex>` since Docker 25).
  private static func docker(_ store: BlobStore) throws(ImageError) -> ImageManifest {
    let entries: [DockerEntry] = try decode(store, "manifest.json")
    guard let first = entries.first else {
      throw .malformed("\(store.name): manifest.json", reason: "it lists no image")
    }
    return ImageManifest(
      reference: first.repoTags?.first, configName: first.config,
      configDigest: digest(inName: first.config),
      layers: first.layers.map { Layer(name: $0, digest: digest(inName: $0), mediaType: nil) })
  }

  private struct Descriptor: Decodable {
    struct Platform: Decodable {
      var os: String
      var architecture: String
      var variant: String?

      var name: String { [os, architecture, variant].compactMap { $0 }.joined(separator: "/") }
    }

    var mediaType: String?
    var digest: String
    var platform: Platform?
    var annotations: [String: String]?
  }

  private struct Index: Decodable {
    var mediaType: String?
    var manifests: [Descriptor]?
    var config: Descriptor?
    var layers: [Descriptor]?
  }

  /// An OCI index or manifest (the same reader: an index has `manifests`, a manifest `config`
  /// and `layers`).
  private static func oci(
    _ store: BlobStore, index name: String, digest: String?, platform: String, depth: Int
  ) throws(ImageError) -> ImageManifest {
    guard depth < 8 else { throw .malformed(store.name, reason: "indexes nest too deeply") }
    let document: Index = try decode(store, name, digest: digest)
    if let config = document.config, let layers = document.layers {
      return ImageManifest(
        reference: nil, configName: try BlobStore.blobName(config.digest, in: store.name),
        configDigest: config.digest,
        layers: try layers.map { layer throws(ImageError) in
          Layer(
            name: try BlobStore.blobName(layer.digest, in: store.name), digest: layer.digest,
            mediaType: layer.mediaType)
        })
    }
    // Build attestations sit beside the images as `unknown/unknown`.
    let candidates = (document.manifests ?? []).filter { $0.platform?.os != "unknown" }
    guard !candidates.isEmpty else {
      throw .malformed("\(store.name): \(name)", reason: "it lists no manifest")
    }
    let chosen: Descriptor
    if candidates.count == 1 {
      chosen = candidates[0]
    } else if let match = candidates.first(where: { matches($0.platform, platform) }) {
      chosen = match
    } else {
      throw .noPlatform(
        store.name, asked: platform, available: candidates.compactMap { $0.platform?.name })
    }
    var image = try oci(
      store, index: try BlobStore.blobName(chosen.digest, in: store.name), digest: chosen.digest,
      platform: platform, depth: depth + 1)
    image.reference =
      image.reference ?? chosen.annotations?["io.containerd.image.name"]
      ?? chosen.annotations?["org.opencontainers.image.ref.name"]
    return image
  }

  /// Whether a descriptor's platform is the one asked for (`linux/arm64`, `linux/arm/v7`); a
  /// request without a variant takes any variant.
  private static func matches(_ platform: Descriptor.Platform?, _ asked: String) -> Bool {
    guard let platform else { return false }
    let parts = asked.split(separator: "/").map(String.init)
    guard parts.count >= 2, parts[0] == platform.os, parts[1] == platform.architecture else {
      return false
    }
    return parts.count == 2 || parts[2] == platform.variant
  }

  /// The digest a member name carries (`blobs/sha256/<hex>`), to check the member against.
  private static func digest(inName name: String) -> String? {
    let parts = name.split(separator: "/")
    guard parts.count == 3, parts[0] == "blobs", parts[1] == "sha256", parts[2].count == 64 else {
      return nil
    }
    return "sha256:\(parts[2])"
  }

  /// Decodes a JSON member, checking its digest when it has one.
  static func decode<T: Decodable>(_ store: BlobStore, _ name: String, digest: String? = nil)
    throws(ImageError) -> T
  {
    let bytes = try store.bytes(name)
    if let digest {
      let actual = Fingerprint.sha256Hex(bytes)
      guard digest == "sha256:" + actual else {
        throw .digestMismatch("\(store.name): \(name)", expected: digest, actual: actual)
      }
    }
    do {
      return try JSONDecoder().decode(T.self, from: Data(bytes))
    } catch {
      throw .malformed("\(store.name): \(name)", reason: "cannot be read: \(Self.reason(error))")
    }
  }

  /// A decoding error in one line.
  private static func reason(_ error: any Error) -> String {
    switch error {
    case DecodingError.keyNotFound(let key, _): "the key '\(key.stringValue)' is missing"
    case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
      "unexpected value at '\(context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: "."))'"
    default: "not JSON"
    }
  }
}
