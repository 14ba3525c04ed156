/// When findings fail a run: at or above a severity, or never (`--fail-on never`, for a report
/// that must not block).
public enum FailThreshold: Hashable, Sendable, CustomStringConvertible {
  case severity(Severity)
  case never

  /// Parses `never` or a severity name.
  /// - Parameter text: the flag's or key's value.
  /// Nil for anything else.
  public init?(_ text: String) {
    if text == "never" {
      self = .never
    } else if let severity = Severity(rawValue: text) {
      self = .severity(severity)
    } else {
      return nil
    }
  }

  /// Every value, as the flag and configuration accept them.
  public static let names = Severity.allCases.map(\.rawValue) + ["never"]

  /// Whether a finding of this severity fails the run.
  public func fails(_ severity: Severity) -> Bool {
    guard case .severity(let threshold) = self else { return false }
    return severity >= threshold
  }

  public var description: String {
    switch self {
    case .severity(let severity): severity.rawValue
    case .never: "never"
    }
  }
}
