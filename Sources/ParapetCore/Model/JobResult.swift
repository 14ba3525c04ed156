/// Everything one job reports: findings, what it checked, what it could not, and how long it took.
public struct JobResult: Sendable {
  public enum Status: String, Codable, Sendable {
    /// Ran and covered what it was asked to.
    case complete
    /// Ran, but could not cover everything (see `coverage.skipped`).
    case incomplete
    /// Could not run; `notifications` says why.
    case failed
  }

  public var job: String
  public var status: Status
  public var findings: [Finding]
  public var notifications: [Notice]
  /// The units checked (files, paths, packages, commits), for JUnit test cases.
  public var checked: [String]
  /// What a job says of each unit it checked, passing or not (a commit's signature letter and
  /// reason); written to the JSON report, keyed by unit.
  public var unitProperties: [String: [String: PropertyValue]]
  public var rules: [RuleDescriptor]
  public var coverage: Coverage
  public var durationMs: Int

  /// Creates a job result.
  /// - Parameters:
  ///   - job: the job's name.
  ///   - status: whether it covered everything.
  ///   - findings: what it found.
  ///   - notifications: what the user must see besides findings.
  ///   - checked: the units checked.
  ///   - unitProperties: facts about each unit, by unit.
  ///   - rules: the rules it ran.
  ///   - coverage: what was scanned and skipped.
  ///   - durationMs: wall time in milliseconds.
  public init(
    job: String, status: Status = .complete, findings: [Finding] = [],
    notifications: [Notice] = [], checked: [String] = [],
    unitProperties: [String: [String: PropertyValue]] = [:], rules: [RuleDescriptor] = [],
    coverage: Coverage = Coverage(), durationMs: Int = 0
  ) {
    self.job = job
    self.status = status
    self.findings = findings
    self.notifications = notifications
    self.checked = checked
    self.unitProperties = unitProperties
    self.rules = rules
    self.coverage = coverage
    self.durationMs = durationMs
  }
}

/// What a job covered: counts, and every kind of thing it skipped with how many.
public struct Coverage: Hashable, Codable, Sendable {
  public var files = 0
  public var commits = 0
  public var bytes = 0
  /// Reason → count, such as `binary` → 3.
  public var skipped: [String: Int] = [:]

  /// Creates an empty coverage record.
  public init() {}

  /// Counts one skipped unit under a reason.
  /// - Parameter reason: a short kebab-case reason.
  public mutating func skip(_ reason: String) {
    skipped[reason, default: 0] += 1
  }
}
