import ParapetCore

/// Errors of the secrets job.
public enum ParapetSecretsError: Error, CustomStringConvertible {
  /// A rule or gitleaks config is malformed.
  case invalidRule(SourceLocation, String)
  /// A regex does not compile.
  case invalidRegex(SourceLocation, String)
  /// The scan mode needs a git repository and the path is not one.
  case notARepository(String)
  /// The scan could not start.
  case cannotScan(String)

  public var description: String {
    switch self {
    case .invalidRule(let location, let message): "\(location): \(message)"
    case .invalidRegex(let location, let message): "\(location): \(message)"
    case .notARepository(let path): "\(path): not a git repository"
    case .cannotScan(let message): message
    }
  }
}
