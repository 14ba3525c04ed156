import ParapetCore

/// Checklist step 9 on a built image: who the container runs as, credentials in its
/// environment, setuid files, world-writable folders, package caches, and a health check.
struct ImageHardening {
  let image: ContainerImage

  /// Where configuration findings point: the configuration, as the secrets job names it.
  static let configPath = ContainerImage.configPath.description

  /// Folders anyone may write to by design.
  private static let scratchFolders = ["tmp", "var/tmp", "dev/shm", "run/lock", "var/lock"]

  /// Caches package managers leave, as folders whose content is the cache.
  private static let caches = [
    "var/lib/apt/lists", "var/cache/apt/archives", "var/cache/apk", "root/.cache/pip",
    "root/.npm/_cacache", "var/cache/yum", "var/cache/dnf",
  ]

  /// Every finding.
  func findings() -> [Finding] {
    user() + environment() + files() + packageCaches() + healthcheck()
  }

  private func user() -> [Finding] {
    let user = image.config.config?.user ?? ""
    let name = user.split(separator: ":", omittingEmptySubsequences: false).first.map(String.init)
    guard name == nil || name == "" || name == "0" || name == "root" else { return [] }
    let what = user.isEmpty ? "sets no User" : "sets User '\(user)'"
    return [finding("IMG-USER-001", "the image \(what): the container runs as root", path: nil)]
  }

  private func environment() -> [Finding] {
    (image.config.config?.env ?? []).compactMap { entry in
      let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      guard parts.count == 2, !parts[1].isEmpty else { return nil }
      guard CredentialNames.matches(String(parts[0])) else { return nil }
      return finding(
        "IMG-ENV-001", "Env '\(parts[0])' holds a credential in the image's configuration",
        path: nil, key: String(parts[0]))
    }
  }

  private func files() -> [Finding] {
    var found: [Finding] = []
    for (path, node) in image.files.tree.nodes.sorted(by: { $0.key < $1.key }) {
      switch node.kind {
      case .file where node.mode & 0o6000 != 0:
        let bits = [
          node.mode & 0o4000 != 0 ? "setuid" : nil, node.mode & 0o2000 != 0 ? "setgid" : nil,
        ]
        .compactMap { $0 }.joined(separator: " and ")
        found.append(
          finding("IMG-SUID-001", "'\(path)' is \(bits) (mode \(octal(node.mode)))", path: path))
      case .folder where node.mode & 0o002 != 0:
        guard !Self.scratchFolders.contains(path.description) else { continue }
        found.append(
          finding(
            "IMG-PERM-001", "'\(path)' is writable by every user (mode \(octal(node.mode)))",
            path: path))
      default:
        continue
      }
    }
    return found
  }

  private func packageCaches() -> [Finding] {
    Self.caches.compactMap { folder in
      guard let path = SourcePath(folder) else { return nil }
      let files = image.files.walk(from: path) { _ in true }
        .filter { $0.kind == .file && $0.path.name != "lock" && !$0.path.name.hasPrefix(".") }
      guard !files.isEmpty else { return nil }
      let bytes = files.reduce(0) { $0 + $1.size }
      return finding(
        "IMG-CACHE-001",
        "'\(folder)' keeps \(files.count) cached files (\(bytes / 1024) KiB) in the image",
        path: path)
    }
  }

  private func healthcheck() -> [Finding] {
    let test = image.config.config?.healthcheck?.test ?? []
    guard test.isEmpty || test == ["NONE"] else { return [] }
    return [finding("IMG-HEALTH-001", "the image defines no HEALTHCHECK", path: nil)]
  }

  private func finding(_ id: String, _ message: String, path: SourcePath?, key: String = "")
    -> Finding
  {
    let rule = ImageRules.rule(id)
    let location = path?.description ?? Self.configPath
    var properties: [String: PropertyValue] = ["step": .int(9), "image": .string(image.name)]
    if let path, let layer = image.files.entry(at: path)?.origin {
      properties["layer"] = .string(layer)
    }
    return Finding(
      job: "image", ruleId: id, severity: rule.severity, message: message,
      location: Location(path: location, startLine: 1, startColumn: 1, endLine: 1, endColumn: 1),
      fingerprint: Fingerprint.make(ruleId: id, path: location, contentDigest: key),
      properties: properties)
  }

  private func octal(_ mode: UInt32) -> String {
    "0" + String(mode, radix: 8)
  }
}
