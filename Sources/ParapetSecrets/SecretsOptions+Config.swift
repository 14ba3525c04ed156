import Foundation
import ParapetCore

extension SecretsOptions {
  /// The keys of this job's section of `.parapet.toml`.
  public static let configKeys: Set<String> = [
    "max-file-size", "redact", "min-confidence", "gitleaks-config", "allowlist", "cache",
  ]

  /// Applies `.parapet.toml`'s `[secrets]` section; flags given on the command line win.
  /// - Parameters:
  ///   - config: the loaded configuration.
  ///   - baseDirectory: where relative paths in it resolve.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming the line of a bad key.
  public mutating func apply(_ config: ParapetConfig, baseDirectory: URL) throws {
    guard let document = config.document else { return }
    let section = config.section("secrets")
    try document.checkKeys(section, allowed: Self.configKeys, under: "[secrets]")
    if let value = section["max-file-size"] {
      guard let size = value.int, size > 0 else {
        throw document.error(
          at: "max-file-size", under: "[secrets]",
          "max-file-size must be a positive number of bytes")
      }
      maxFileSize = size
    }
    if let value = section["redact"] {
      guard let count = value.int, count >= 0 else {
        throw document.error(
          at: "redact", under: "[secrets]", "redact must be a number of characters (0 or more)")
      }
      redact = count
    }
    if let value = section["min-confidence"] {
      guard let level = value.string.flatMap(Confidence.init(rawValue:)) else {
        throw document.error(
          at: "min-confidence", under: "[secrets]", "min-confidence must be low, medium or high")
      }
      minConfidence = level
    }
    if let value = section["gitleaks-config"] {
      guard let path = value.string else {
        throw document.error(
          at: "gitleaks-config", under: "[secrets]", "gitleaks-config must be a path")
      }
      gitleaksConfig = URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL
    }
    if let value = section["cache"] {
      guard let path = value.string, !path.isEmpty else {
        throw document.error(at: "cache", under: "[secrets]", "cache must be a folder's path")
      }
      cacheDirectory = URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL
    }
    if let value = section["allowlist"] {
      allowlist.merge(
        try RuleFileLoader.decodeAllowlist(value, in: document, header: "[secrets.allowlist]"))
    }
  }
}
