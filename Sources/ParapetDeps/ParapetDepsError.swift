import ParapetCore

/// Errors of the dependency audit.
public enum ParapetDepsError: Error, CustomStringConvertible {
  /// The OSV database cannot be read.
  case database(String)
  /// A lockfile is malformed; the location names file and line.
  case malformedLockfile(SourceLocation, String)

  public var description: String {
    switch self {
    case .database(let message): message
    case .malformedLockfile(let location, let message): "\(location): \(message)"
    }
  }
}
