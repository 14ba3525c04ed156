import ParapetCore

/// One secret-detection rule, decoded from data and validated.
public struct SecretRule: Sendable {
  public let id: String
  public let title: String
  public let description: String
  public let severity: Severity
  /// PCRE2 syntax, matched against raw bytes.
  public let regex: String
  /// The capture group that is the secret; nil means the first non-empty group, or the whole
  /// match when the regex has no group (gitleaks' behaviour, so imported rules keep theirs).
  public let secretGroup: Int?
  /// Lowercase; the rule runs only on buffers that contain one of them (all buffers when empty).
  public let keywords: [String]
  /// Minimum Shannon entropy of the secret, in bits per byte.
  public let entropy: Double?
  let validator: Validator?
  /// A PCRE2 regex the repo-relative path must match for the rule to apply.
  public let pathRegex: String?
  /// A generic rule (an assignment to a secret-looking name) yields to a specific rule that
  /// matches the same text.
  public let generic: Bool
  public let allowlist: AllowlistSpec
  public let help: String
  public let references: [String]
  public let examples: [RuleExample]
  /// Where the rule is written.
  public let source: SourceLocation

  /// The rule as reports describe it.
  public var descriptor: RuleDescriptor {
    RuleDescriptor(
      id: id, title: title, description: description, severity: severity, help: help,
      references: references, tags: ["security", "secret"] + (generic ? ["generic"] : []))
  }
}

/// A sample a rule must flag (or must not), written as a generator template.
public struct RuleExample: Sendable {
  /// The template, such as `token = "ghp_{{base62-crc32}}"`; `↓` marks where the finding starts.
  public let template: String
  /// True when the example must produce no finding.
  public let expectClean: Bool
  /// Where the example is written.
  public let source: SourceLocation
}

/// What a rule or a configuration allows through: paths, secret regexes, stop-words, commits.
public struct AllowlistSpec: Sendable {
  public var paths: [String] = []
  public var regexes: [String] = []
  /// Matched case-insensitively as substrings of the secret.
  public var stopwords: [String] = []
  public var commits: [String] = []

  /// Creates an empty allowlist.
  public init() {}

  /// Merges another allowlist into this one.
  /// - Parameter other: the allowlist to add.
  public mutating func merge(_ other: AllowlistSpec) {
    paths += other.paths
    regexes += other.regexes
    stopwords += other.stopwords
    commits += other.commits
  }
}
