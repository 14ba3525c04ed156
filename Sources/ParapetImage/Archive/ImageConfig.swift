/// An image's configuration blob (the OCI image config, which docker's is a superset of): what
/// the container runs as and with, and how it was built.
public struct ImageConfig: Decodable, Sendable {
  public struct Runtime: Decodable, Sendable {
    public var user: String?
    public var env: [String]?
    public var labels: [String: String]?
    public var healthcheck: Healthcheck?
    public var entrypoint: [String]?
    public var cmd: [String]?

    enum CodingKeys: String, CodingKey {
      case user = "User"
      case env = "Env"
      case labels = "Labels"
      case healthcheck = "Healthcheck"
      case entrypoint = "Entrypoint"
      case cmd = "Cmd"
    }
  }

  public struct Healthcheck: Decodable, Sendable {
    public var test: [String]?

    enum CodingKeys: String, CodingKey {
      case test = "Test"
    }
  }

  public struct RootFS: Decodable, Sendable {
    /// The digests of the layers' uncompressed tars, bottom first.
    public var diffIDs: [String]

    enum CodingKeys: String, CodingKey {
      case diffIDs = "diff_ids"
    }
  }

  public struct Step: Decodable, Sendable {
    public var createdBy: String?
    /// A step that changed only the configuration (`ENV`, `USER`), with no layer.
    public var emptyLayer: Bool?

    enum CodingKeys: String, CodingKey {
      case createdBy = "created_by"
      case emptyLayer = "empty_layer"
    }
  }

  public var architecture: String?
  public var os: String?
  public var variant: String?
  public var config: Runtime?
  public var rootfs: RootFS
  public var history: [Step]?

  /// What the configuration says in words, one entry per line (`ENV NAME=value`, `LABEL k=v`,
  /// the history's build steps), so that the secrets job scans it like a file: `docker
  /// inspect` shows all of it to anyone who can pull the image.
  public var scannableText: String {
    var lines: [String] = []
    lines += (config?.env ?? []).map { "ENV \($0)" }
    lines += (config?.labels ?? [:]).sorted { $0.key < $1.key }.map {
      "LABEL \($0.key)=\($0.value)"
    }
    lines += (config?.entrypoint).map { ["ENTRYPOINT \($0.joined(separator: " "))"] } ?? []
    lines += (config?.cmd).map { ["CMD \($0.joined(separator: " "))"] } ?? []
    lines += (history ?? []).compactMap(\.createdBy)
    return lines.map { $0 + "\n" }.joined()
  }

  /// `os/architecture[/variant]`, when the configuration says.
  public var platform: String? {
    guard let os, let architecture else { return nil }
    return [os, architecture, variant].compactMap { $0 }.joined(separator: "/")
  }

  /// The build step that made each layer, bottom first (nil where the history does not say).
  public var layerSteps: [String?] {
    var steps = (history ?? []).filter { $0.emptyLayer != true }.map(\.createdBy)
    if steps.count != rootfs.diffIDs.count { steps = [] }
    return rootfs.diffIDs.indices.map { steps.indices.contains($0) ? steps[$0] : nil }
  }
}
