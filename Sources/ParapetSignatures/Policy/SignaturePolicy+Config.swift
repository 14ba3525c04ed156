import Foundation
import ParapetCore

extension SignaturePolicy {
  static let configKeys: Set<String> = [
    "allowed-signers", "revoked-keys", "openpgp-keys", "require-since",
    "signer-must-match-committer",
  ]

  /// Applies `.parapet.toml`'s `[signatures]` section; paths are relative to the repository, so a
  /// policy file can live in it. Flags given on the command line win.
  /// - Parameters:
  ///   - config: the loaded configuration.
  ///   - baseDirectory: where relative paths resolve.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming the line of a bad key.
  public mutating func apply(_ config: ParapetConfig, baseDirectory: URL) throws {
    guard let document = config.document else { return }
    let section = config.section("signatures")
    try document.checkKeys(section, allowed: Self.configKeys, under: "[signatures]")
    func url(_ path: String) -> URL {
      URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL
    }
    if let path = section["allowed-signers"]?.string { allowedSigners = url(path) }
    if let path = section["revoked-keys"]?.string { revokedKeys = url(path) }
    if let value = section["openpgp-keys"] {
      let paths = value.string.map { [$0] } ?? value.array?.compactMap(\.string) ?? []
      guard !paths.isEmpty else {
        throw document.error(
          at: "openpgp-keys", under: "[signatures]", "openpgp-keys takes a path or a list of paths")
      }
      openPGPKeys = paths.map(url)
    }
    if let value = section["require-since"]?.string { requireSince = value }
    if let value = section["signer-must-match-committer"]?.bool {
      signerMustMatchCommitter = value
    }
  }
}
