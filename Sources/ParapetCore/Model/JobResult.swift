/// Everything one job reports: findings, what it checked, what it could not, and how long it took.
public struct JobResult: Sendable {
  public enum Status: String, Codable, Sendable {
    /// Ran and covered what it was asked to.
    case complete
    /// Ran, but could not cover everything (see `coverage.skipped`).
    case incomplete
    /// Could not run; `notifications` says why.
    case failed
    /// Not run, on purpose (signatures in CI without a trust policy); a note says how to turn
    /// it on. It never fails a run.
    case skipped
    /// Stopped at its `--job-timeout`, with the coverage it reached.
    case timedOut = "timed-out"
    /// Stopped by SIGINT or SIGTERM, with the coverage it reached.
    case cancelled

    /// The order in which merged results keep the worse status.
    public var rank: Int {
      switch self {
      case .skipped: 0
      case .complete: 1
      case .incomplete: 2
      case .cancelled: 3
      case .timedOut: 4
      case .failed: 5
      }
    }

    /// Whether the job ran to its end (complete or not).
    public var ranToEnd: Bool {
      self == .complete || self == .incomplete
    }
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
  /// Facts about the run of the job as a whole (the deps job's database and its age), written
  /// to the JSON report.
  public var properties: [String: PropertyValue] = [:]

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
  /// The commits a job was asked to read, as people name them (`1a2b3c4d5e6f..4d5e6f7a8b9c`,
  /// `all refs`), with the event that chose them; nil for a job that reads no commits.
  public var range: String?
  /// Reason → count, such as `binary` → 3.
  public var skipped: [String: Int] = [:]

  /// Creates an empty coverage record.
  public init() {}

  /// Counts one skipped unit under a reason.
  /// - Parameter reason: a short kebab-case reason.
  public mutating func skip(_ reason: String) {
    skipped[reason, default: 0] += 1
  }

  /// Adds another record's counts (the range is this one's).
  /// - Parameter other: what another part of the work covered.
  public mutating func add(_ other: Coverage) {
    files += other.files
    commits += other.commits
    bytes += other.bytes
    skipped.merge(other.skipped, uniquingKeysWith: +)
  }

  /// What was counted after an earlier reading of this record.
  /// - Parameter earlier: the record as it was.
  /// - Returns: the counts added since, reasons with none left out.
  public func counted(since earlier: Coverage) -> Coverage {
    var added = Coverage()
    added.files = files - earlier.files
    added.commits = commits - earlier.commits
    added.bytes = bytes - earlier.bytes
    added.skipped = skipped.merging(earlier.skipped.mapValues { -$0 }, uniquingKeysWith: +)
      .filter { $0.value != 0 }
    return added
  }
}
