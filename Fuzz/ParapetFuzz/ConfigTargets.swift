import Foundation
import ParapetDeps
import ParapetGateway
import ParapetLicenses
import ParapetSignatures

@testable import ParapetCore
@testable import ParapetSecrets

/// `.parapet.toml`, read and applied to every job's options as `parapet scan` does, and a gitleaks
/// config, translated, compiled and run over a line of text, so that fuzzed patterns are matched.
enum ConfigTargets {
  static let all = [
    FuzzTarget("parapet-toml", seeds: { $0.hasSuffix("parapet.toml") }, run: readParapetConfig),
    FuzzTarget("gitleaks-toml", seeds: { $0.hasSuffix("gitleaks.toml") }, run: readGitleaksConfig),
  ]

  private static let folder = URL(fileURLWithPath: "/fuzz")

  @Sendable private static func readParapetConfig(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self),
      let document = try? TOMLDocument(text: text, path: ".parapet.toml")
    else { return }
    var config = ParapetConfig()
    guard (try? config.read(document)) != nil else { return }
    var deps = DepsOptions()
    try? deps.apply(config, baseDirectory: folder)
    var gateway = GatewayOptions()
    try? gateway.apply(config, baseDirectory: folder)
    var secrets = SecretsOptions()
    try? secrets.apply(config, baseDirectory: folder)
    var licenses = LicensePolicy()
    try? licenses.apply(config)
    var signatures = SignaturePolicy()
    try? signatures.apply(config, baseDirectory: folder)
  }

  /// Text the compiled rules run over: a line of each shape rules look for.
  private static let sample = Array(
    "api_key = \"sk_live_0123456789abcdefABCDEF\"\npassword: hunter2hunter2\n".utf8)

  @Sendable private static func readGitleaksConfig(_ bytes: [UInt8]) {
    guard let text = String(validating: bytes, as: UTF8.self),
      let document = try? TOMLDocument(text: text, path: ".gitleaks.toml"),
      let imported = try? GitleaksConfig.read(document),
      let ruleSet = try? RuleSet(rules: imported.rules, allowlist: imported.allowlist),
      (try? ruleSet.validatePatterns()) != nil
    else { return }
    var state = ScanState(ruleSet: ruleSet)
    state.scan(sample, path: "sample.env", lineMap: .identity)
  }
}
