/// How sure a secrets finding is to be a credential, from the rule's kind and the value's
/// surroundings. A finding below `--min-confidence` is reported at `info`, so that placeholder
/// noise neither fails a build nor buries the real findings, and stays in every report.
public enum Confidence: String, Sendable, Comparable, CaseIterable {
  case low, medium, high

  public static func < (lhs: Confidence, rhs: Confidence) -> Bool {
    allCases.firstIndex(of: lhs) ?? 0 < allCases.firstIndex(of: rhs) ?? 0
  }

  /// The confidence a rule gives its matches before their surroundings count: high for a
  /// checksummed token or a provider's own format (a fixed prefix or armor), medium for a value
  /// recognized by a provider's name beside it (a case-insensitive context pattern), low for a
  /// generic assignment.
  static func base(of rule: SecretRule) -> Confidence {
    if rule.validator == .base62CRC32 { return .high }
    if rule.generic { return .low }
    return rule.regex.hasPrefix("(?i)") ? .medium : .high
  }

  /// A finding's confidence: its rule's, lowered to low for a placeholder-like value, and by one
  /// level in a test, documentation or example path, or on a comment line.
  static func of(
    _ match: RawMatch, rule: SecretRule, path: String
  ) -> Confidence {
    if PlaceholderLikeness.isPlaceholderLike(match.secret) { return .low }
    let base = base(of: rule)
    guard match.inComment || ExamplePaths.contains(path) else { return base }
    return base == .high ? .medium : .low
  }

  /// The level one step down.
  var lowered: Confidence { self == .high ? .medium : .low }
}
