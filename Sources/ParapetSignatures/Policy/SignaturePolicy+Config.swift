import Foundation
import ParapetCore

extension SignaturePolicy {
  /// The keys of this job's section of `.parapet.toml`.
  public static let configKeys: Set<String> = [
    "allowed-signers", "revoked-keys", "openpgp-keys", "require-since",
    "signer-must-match-committer", "forge-committers", "path",
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
    if !section.isEmpty {
      configuredAt = SourceLocation(
        path: ParapetConfig.fileName, line: document.headerLine("[signatures]") ?? 1)
    }
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
    if let value = section["forge-committers"] {
      guard let emails = value.array?.compactMap(\.string), emails.count == value.array?.count
      else {
        throw document.error(
          at: "forge-committers", under: "[signatures]", "forge-committers takes a list of emails")
      }
      forgeCommitters = emails
    }
    for (index, value) in (section["path"]?.array ?? []).enumerated() {
      let header = "[[signatures.path]]"
      guard let table = value.table, let paths = table["paths"]?.array?.compactMap(\.string),
        let signers = table["signers"]?.array?.compactMap(\.string), !paths.isEmpty,
        !signers.isEmpty
      else {
        throw document.error(
          at: "paths", under: header, occurrence: index,
          "each [[signatures.path]] needs 'paths' and 'signers', lists of strings")
      }
      try document.checkKeys(
        table, allowed: ["paths", "signers"], under: header, occurrence: index)
      pathRules.append(PathRule(paths: paths, signers: signers))
    }
  }
}
