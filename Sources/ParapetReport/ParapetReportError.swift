/// Errors of the report writers and readers.
public enum ParapetReportError: Error, CustomStringConvertible {
  /// A report given to `report merge` is not one parapet wrote.
  case invalidReport(path: String, String)
  /// A report path that cannot be written, found before any job starts.
  case invalidPath(String, String)
  /// A report could not be written.
  case cannotWrite(String, String)

  public var description: String {
    switch self {
    case .invalidReport(let path, let message): "\(path): \(message)"
    case .invalidPath(let path, let message): "\(path): \(message)"
    case .cannotWrite(let path, let message): "\(path): cannot write the report: \(message)"
    }
  }
}
