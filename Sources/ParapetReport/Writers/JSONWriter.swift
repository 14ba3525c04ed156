import Foundation
import ParapetCore

/// Writes the JSON report: `{"version": 1, "tool": {...}, "jobs": [...]}`.
public enum JSONWriter {
  /// The report's bytes.
  /// - Parameter report: the run.
  /// - Returns: pretty-printed JSON with sorted keys and a final newline.
  /// - Throws: when serialization fails.
  public static func render(_ report: RunReport) throws -> Data {
    let jobs: [[String: Any]] = report.results.map { result in
      var coverage: [String: Any] = [
        "files": result.coverage.files, "commits": result.coverage.commits,
        "bytes": result.coverage.bytes, "skipped": result.coverage.skipped,
      ]
      coverage["range"] = result.coverage.range
      var job: [String: Any] = [
        "job": result.job,
        "status": result.status.rawValue,
        "durationMs": result.durationMs,
        "checked": result.checked,
        "coverage": coverage,
        "notifications": result.notifications.map(notice),
        "findings": result.findings.map(finding),
        "rules": result.rules.map(rule),
      ]
      if !result.unitProperties.isEmpty {
        job["checkedDetails"] = result.unitProperties.mapValues { $0.mapValues(\.jsonValue) }
      }
      if !result.properties.isEmpty {
        job["properties"] = result.properties.mapValues(\.jsonValue)
      }
      return job
    }
    let document: [String: Any] = [
      "version": 1,
      "tool": ["name": "parapet", "version": report.toolVersion],
      "startedAt": ISO8601DateFormatter().string(from: report.startedAt),
      "suppressed": report.suppressed,
      "jobs": jobs,
    ]
    let data = try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return data + Data("\n".utf8)
  }

  static func finding(_ finding: Finding) -> [String: Any] {
    var object: [String: Any] = [
      "ruleId": finding.ruleId,
      "severity": finding.severity.rawValue,
      "message": finding.message,
      "fingerprint": finding.fingerprint,
      "properties": finding.properties.mapValues(\.jsonValue),
    ]
    object["unit"] = finding.unit
    if let location = finding.location {
      var place: [String: Any] = [
        "path": location.path, "startLine": location.startLine, "endLine": location.endLine,
        "startColumn": location.startColumn, "endColumn": location.endColumn,
      ]
      place["commit"] = location.commit
      place["author"] = location.author
      place["date"] = location.date
      object["location"] = place
    }
    return object
  }

  private static func rule(_ rule: RuleDescriptor) -> [String: Any] {
    [
      "id": rule.id, "title": rule.title, "description": rule.description,
      "severity": rule.severity.rawValue, "help": rule.help, "references": rule.references,
      "tags": rule.tags,
    ]
  }

  private static func notice(_ notice: Notice) -> [String: Any] {
    var object: [String: Any] = ["level": notice.level.rawValue, "message": notice.message]
    object["path"] = notice.path
    object["line"] = notice.line
    return object
  }
}

extension PropertyValue {
  /// The value as a JSON-serializable object.
  var jsonValue: Any {
    switch self {
    case .string(let value): value
    case .int(let value): value
    case .bool(let value): value
    case .strings(let value): value
    }
  }
}
