import Foundation
import ParapetCore

/// Where a scan's rules come from: Parapet's embedded defaults, a gitleaks config, or both.
public enum RuleCatalog {
  /// The embedded default rules and their global allowlist.
  /// - Returns: the rules in file order.
  /// - Throws: when an embedded file is malformed (a build that passed its tests never does).
  public static func defaults() throws -> (rules: [SecretRule], allowlist: AllowlistSpec) {
    var rules: [SecretRule] = []
    var allowlist = AllowlistSpec()
    for file in EmbeddedRules.files {
      let loaded = try RuleFileLoader.load(try TOMLDocument(text: file.text, path: file.path))
      rules += loaded.rules
      allowlist.merge(loaded.allowlist)
    }
    return (rules, allowlist)
  }

  /// Builds the rule set a scan runs.
  /// - Parameters:
  ///   - gitleaksConfig: a gitleaks config to load, if any.
  ///   - allowlist: the user's extra allowlist.
  ///   - displayPath: the gitleaks config's name in error messages (its path by default).
  /// - Returns: the compiled set.
  /// - Throws: configuration errors naming file and line.
  public static func ruleSet(
    gitleaksConfig: URL?, allowlist: AllowlistSpec, displayPath: String? = nil
  ) throws -> RuleSet {
    var rules: [SecretRule]
    var combined: AllowlistSpec
    if let gitleaksConfig {
      let imported = try GitleaksConfig.load(
        gitleaksConfig, displayPath: displayPath ?? gitleaksConfig.path)
      if imported.useDefault {
        let base = try defaults()
        let replaced = Set(imported.rules.map(\.id))
        rules =
          base.rules.filter { !replaced.contains($0.id) && !imported.disabledRules.contains($0.id) }
          + imported.rules
        combined = base.allowlist
      } else {
        rules = imported.rules
        combined = AllowlistSpec()
      }
      combined.merge(imported.allowlist)
      let set = try RuleSet(rules: rules, allowlist: merged(combined, allowlist))
      try set.validatePatterns(ids: Set(imported.rules.map(\.id)))
      return set
    }
    (rules, combined) = try defaults()
    return try RuleSet(rules: rules, allowlist: merged(combined, allowlist))
  }

  private static func merged(_ base: AllowlistSpec, _ extra: AllowlistSpec) -> AllowlistSpec {
    var result = base
    result.merge(extra)
    return result
  }
}
