import Foundation

/// Reading parapet's JSON report in tests.
public enum JSONReport {
  /// The report's `jobs`, one object per job; empty when the file holds none.
  /// - Parameter file: the report written with `--json`.
  /// - Returns: the job objects.
  /// - Throws: when the file cannot be read or is not JSON.
  public static func jobs(_ file: URL) throws -> [[String: Any]] {
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    return report?["jobs"] as? [[String: Any]] ?? []
  }
}
