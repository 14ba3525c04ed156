/// How much a finding matters, from `info` to `critical`; ordered so thresholds compare.
public enum Severity: String, CaseIterable, Codable, Comparable, Sendable {
  case info, low, medium, high, critical

  private var rank: Int {
    switch self {
    case .info: 0
    case .low: 1
    case .medium: 2
    case .high: 3
    case .critical: 4
    }
  }

  public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }

  /// The CVSS-like score GitHub code scanning reads from `properties.security-severity`.
  public var securityScore: String {
    switch self {
    case .info: "0.0"
    case .low: "3.0"
    case .medium: "5.5"
    case .high: "8.0"
    case .critical: "9.5"
    }
  }

  /// The SARIF `level` of a result with this severity.
  public var sarifLevel: String {
    switch self {
    case .info: "note"
    case .low, .medium: "warning"
    case .high, .critical: "error"
    }
  }
}
