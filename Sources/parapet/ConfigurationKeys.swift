import ParapetCore
import ParapetDeps
import ParapetGateway
import ParapetLicenses
import ParapetSecrets
import ParapetSignatures

/// Every key `.parapet.toml` takes, by section (nil for the top level): what the
/// `PARAPET_<SECTION>_<KEY>` environment variables may set, and README's table of them.
enum ConfigurationKeys {
  static let bySection: [String?: Set<String>] = [
    nil: ["fail-on"],
    "rules": ParapetConfig.rulesKeys,
    "secrets": SecretsOptions.configKeys.union(ParapetConfig.sharedKeys),
    "deps": DepsOptions.configKeys.union(ParapetConfig.sharedKeys),
    "licenses": LicensePolicy.configKeys.union(ParapetConfig.sharedKeys),
    "signatures": SignaturePolicy.configKeys.union(ParapetConfig.sharedKeys),
    "gateway": GatewayOptions.configKeys.union(ParapetConfig.sharedKeys),
  ]
}
