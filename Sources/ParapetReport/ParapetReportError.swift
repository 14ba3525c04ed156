/// Errors of the report writers.
public enum ParapetReportError: Error, CustomStringConvertible {
  /// libxml2 failed while writing.
  case xml(String)

  public var description: String {
    switch self {
    case .xml(let message): "junit: \(message)"
    }
  }
}
