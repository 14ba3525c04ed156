import Foundation
import ParapetCore

/// Reads a JSON report back into the run it describes: the JSON report carries everything the
/// other reports are written from (findings, rules, units, coverage), so shards' JSON reports
/// are what `parapet report merge` combines.
public enum JSONReportReader {
  private struct Document: Decodable {
    var version: Int
    var tool: Tool
    var startedAt: String
    var suppressed: Int
    var jobs: [Job]
  }

  private struct Tool: Decodable {
    var version: String
  }

  private struct Job: Decodable {
    var job: String
    var status: JobResult.Status
    var durationMs: Int
    var checked: [String]
    var checkedDetails: [String: [String: PropertyValue]]?
    var coverage: Coverage
    var notifications: [Note]
    var findings: [Item]
    var rules: [RuleDescriptor]?
    var properties: [String: PropertyValue]?
  }

  private struct Note: Decodable {
    var level: Notice.Level
    var message: String
    var path: String?
    var line: Int?
  }

  private struct Item: Decodable {
    var ruleId: String
    var severity: Severity
    var message: String
    var fingerprint: String
    var properties: [String: PropertyValue]
    var location: Location?
    var unit: String?
  }

  /// Reads a JSON report.
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - path: its name, for errors.
  /// - Returns: the run.
  /// - Throws: `ParapetReportError` when it is not a parapet JSON report.
  public static func read(_ data: Data, path: String) throws -> RunReport {
    let document: Document
    do {
      document = try JSONDecoder().decode(Document.self, from: data)
    } catch {
      throw ParapetReportError.invalidReport(path: path, "not a parapet JSON report: \(error)")
    }
    guard document.version == 1 else {
      throw ParapetReportError.invalidReport(
        path: path, "JSON report version \(document.version) is not read by this parapet")
    }
    let results = document.jobs.map { job in
      var result = JobResult(
        job: job.job, status: job.status,
        findings: job.findings.map {
          Finding(
            job: job.job, ruleId: $0.ruleId, severity: $0.severity, message: $0.message,
            location: $0.location, fingerprint: $0.fingerprint, properties: $0.properties,
            unit: $0.unit)
        },
        notifications: job.notifications.map {
          Notice($0.level, $0.message, path: $0.path, line: $0.line)
        },
        checked: job.checked, unitProperties: job.checkedDetails ?? [:], rules: job.rules ?? [],
        coverage: job.coverage, durationMs: job.durationMs)
      result.properties = job.properties ?? [:]
      return result
    }
    return RunReport(
      toolVersion: document.tool.version, results: results, suppressed: document.suppressed,
      startedAt: ISO8601DateFormatter().date(from: document.startedAt) ?? Date())
  }
}
