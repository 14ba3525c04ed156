import Foundation
import ParapetCore

extension GatewayOptions {
  // Key paths are immutable values; the compiler only lacks their Sendable conformance.
  private nonisolated(unsafe) static let thresholdKeys:
    [(key: String, path: WritableKeyPath<GatewayThresholds, Int>)] =
      [
        ("hsts-min-age", \.hstsMinAge), ("cors-max-age", \.corsMaxAge),
        ("auth-requests-per-minute", \.authRequestsPerMinute), ("key-min-length", \.keyMinLength),
        ("verify-depth", \.verifyDepth), ("key-max-ttl", \.keyMaxTTL),
        ("jwt-max-expiration", \.jwtMaxExpiration),
      ]

  /// The keys of this job's section of `.parapet.toml`.
  public static var configKeys: Set<String> {
    Set(thresholdKeys.map(\.key)).union(["nginx-prefix", "formats", "ignore"])
  }

  /// Applies `.parapet.toml`'s `[gateway]` section; flags given on the command line win.
  /// - Parameters:
  ///   - config: the loaded configuration.
  ///   - baseDirectory: where a relative `nginx-prefix` resolves.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming the line of a bad key.
  public mutating func apply(_ config: ParapetConfig, baseDirectory: URL) throws {
    guard let document = config.document else { return }
    let section = config.section("gateway")
    try document.checkKeys(
      section,
      allowed: Self.configKeys,
      under: "[gateway]")
    if let prefix = section["nginx-prefix"]?.string {
      nginxPrefix = URL(fileURLWithPath: prefix, relativeTo: baseDirectory).standardizedFileURL
    }
    if let value = section["formats"] {
      let names = value.strings ?? []
      let chosen = names.compactMap(GatewayFormat.init(rawValue:))
      guard !names.isEmpty, chosen.count == names.count else {
        throw document.error(
          at: "formats", under: "[gateway]",
          "formats takes a list of: \(GatewayFormat.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      formats = Set(chosen)
    }
    for (key, path) in Self.thresholdKeys {
      guard let value = section[key] else { continue }
      guard let number = value.int, number >= 0 else {
        throw document.error(at: key, under: "[gateway]", "\(key) takes a whole number")
      }
      thresholds[keyPath: path] = number
    }
    for (index, value) in (section["ignore"]?.array ?? []).enumerated() {
      let header = "[[gateway.ignore]]"
      guard let table = value.table, let paths = table["paths"]?.strings, !paths.isEmpty,
        let reason = table["reason"]?.string, !reason.isEmpty
      else {
        throw document.error(
          at: "paths", under: header, occurrence: index,
          "each [[gateway.ignore]] needs 'paths' (a list of globs) and a 'reason'")
      }
      try document.checkKeys(
        table, allowed: ["paths", "rules", "reason"], under: header, occurrence: index)
      let rules = table["rules"]?.strings ?? []
      if let unknown = rules.first(where: { GatewayRules.byID[$0] == nil }) {
        throw document.error(
          at: "rules", under: header, occurrence: index, "no gateway rule '\(unknown)'")
      }
      ignores.append(PathIgnore(paths: paths, rules: rules, reason: reason))
    }
  }
}
