/// Errors of the core: configuration, baselines and ignore files.
public enum ParapetCoreError: Error, CustomStringConvertible, Equatable {
  /// A configuration file is malformed or names an unknown key.
  case invalidConfiguration(SourceLocation, String)
  /// A file could not be read or written.
  case io(path: String, String)
  /// A baseline file is not one Parapet wrote.
  case invalidBaseline(SourceLocation, String)

  public var description: String {
    switch self {
    case .invalidConfiguration(let location, let message): "\(location): \(message)"
    case .io(let path, let message): "\(path): \(message)"
    case .invalidBaseline(let location, let message): "\(location): \(message)"
    }
  }
}
