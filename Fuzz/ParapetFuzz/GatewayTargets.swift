import ParapetGateway

/// The gateway job run whole over one file, one format at a time: nginx's parser and include
/// loader, and the YAML and TOML loaders of Kubernetes, Kong, Traefik and Envoy, each followed by
/// its checks, the suppression comments and the embedded-secret checks; and Dockerfiles.
enum GatewayTargets {
  static let all = [
    target("nginx", file: "nginx.conf", format: .nginx) { $0.hasSuffix(".conf") },
    target("kubernetes", file: "manifest.yaml", format: .kubernetes, seeds: isYAML),
    target("kong", file: "kong.yaml", format: .kong, seeds: isYAML),
    target("traefik", file: "traefik.yaml", format: .traefik, seeds: isYAML),
    target("traefik-toml", file: "traefik.toml", format: .traefik) {
      $0.hasSuffix(".toml") && !$0.hasPrefix(".")
    },
    target("envoy", file: "envoy.yaml", format: .envoy, seeds: isYAML),
    target("dockerfile", file: "Dockerfile", format: .dockerfile) {
      $0 == "Dockerfile" || $0.hasSuffix(".Dockerfile")
    },
  ]

  @Sendable private static func isYAML(_ name: String) -> Bool {
    name.hasSuffix(".yaml") || name.hasSuffix(".yml")
  }

  private static func target(
    _ name: String, file: String, format: GatewayFormat,
    seeds: @escaping @Sendable (String) -> Bool
  ) -> FuzzTarget {
    var options = GatewayOptions()
    options.formats = [format]
    let job = GatewayJob(options: options)
    return FuzzTarget(name, seeds: seeds) { bytes in runToEnd(job, files: [file: bytes]) }
  }
}
