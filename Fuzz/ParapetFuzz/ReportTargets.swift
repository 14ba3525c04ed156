import Foundation
import ParapetReport

/// The readers of reports: Parapet's own JSON (`report merge`, baselines) and any tool's SARIF
/// (`--merge-sarif`).
enum ReportTargets {
  static let all = [
    FuzzTarget(
      "json-report", seeds: { $0 == "report.json" },
      run: { bytes in _ = try? JSONReportReader.read(Data(bytes), path: "report.json") }),
    FuzzTarget(
      "sarif-report", seeds: { $0.hasSuffix(".sarif") },
      run: { bytes in _ = try? SARIFReportReader.read(Data(bytes), path: "report.sarif") }),
  ]
}
