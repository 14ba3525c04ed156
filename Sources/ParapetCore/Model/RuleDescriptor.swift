/// What reports say about a rule: SARIF's `tool.driver.rules` and `parapet rules explain`.
public struct RuleDescriptor: Hashable, Codable, Sendable {
  public var id: String
  public var title: String
  public var description: String
  public var severity: Severity
  /// Plain-text remediation advice.
  public var help: String
  public var references: [String]
  public var tags: [String]

  /// Creates a rule descriptor.
  /// - Parameters:
  ///   - id: the rule id findings carry.
  ///   - title: a short lowercase title.
  ///   - description: what the rule detects.
  ///   - severity: the default severity of its findings.
  ///   - help: what to do about a finding.
  ///   - references: documentation URLs.
  ///   - tags: labels such as `security` and `secret`.
  public init(
    id: String, title: String, description: String, severity: Severity, help: String,
    references: [String], tags: [String]
  ) {
    self.id = id
    self.title = title
    self.description = description
    self.severity = severity
    self.help = help
    self.references = references
    self.tags = tags
  }
}
