/// One problem a job found. It holds redacted text only: a clear secret never reaches a finding.
public struct Finding: Hashable, Codable, Sendable {
  public var job: String
  public var ruleId: String
  public var severity: Severity
  /// Lowercase, no final period, quoting the offending (redacted) value.
  public var message: String
  public var location: Location?
  /// Stable across unrelated edits: see `Fingerprint`.
  public var fingerprint: String
  public var properties: [String: PropertyValue]
  /// The unit checked that this finding fails (a JUnit test case): its location's path when
  /// nil; a job whose units are not files (a package, a commit) names it.
  public var unit: String?

  /// The unit this finding fails: `unit`, else the location's path.
  public var failedUnit: String? { unit ?? location?.path }

  /// Where the finding is now: the last of `properties.paths` for a secret carried through
  /// renames (its location names the oldest path), else its location's path. Code scanning and
  /// test reports point here, at a file that exists.
  public var currentPath: String? {
    if case .strings(let paths)? = properties["paths"], let last = paths.last { return last }
    return location?.path
  }

  /// Creates a finding.
  /// - Parameters:
  ///   - job: the job's name, such as `secrets`.
  ///   - ruleId: the id of the rule that fired.
  ///   - severity: how much it matters.
  ///   - message: the one-line message.
  ///   - location: where it is, if it has a place.
  ///   - fingerprint: the stable identity used by baselines and ignore files.
  ///   - properties: typed extra facts, such as the redacted secret.
  ///   - unit: the unit checked it fails, when that is not its location's path.
  public init(
    job: String, ruleId: String, severity: Severity, message: String, location: Location?,
    fingerprint: String, properties: [String: PropertyValue] = [:], unit: String? = nil
  ) {
    self.job = job
    self.ruleId = ruleId
    self.severity = severity
    self.message = message
    self.location = location
    self.fingerprint = fingerprint
    self.properties = properties
    self.unit = unit
  }
}

extension Finding {
  /// The order every report uses: path, line, column, rule.
  public static func reportOrder(_ lhs: Finding, _ rhs: Finding) -> Bool {
    let left = (
      lhs.location?.path ?? "", lhs.location?.startLine ?? 0,
      lhs.location?.startColumn ?? 0, lhs.ruleId, lhs.fingerprint
    )
    let right = (
      rhs.location?.path ?? "", rhs.location?.startLine ?? 0,
      rhs.location?.startColumn ?? 0, rhs.ruleId, rhs.fingerprint
    )
    return left < right
  }
}
