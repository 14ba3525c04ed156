import Foundation
import ParapetCore

/// Writes JUnit XML, valid against the Ant JUnit XSD: a `<testsuite>` per job, a
/// `<testcase>` per unit checked that passes when clean, one `<failure>` per unit listing its
/// findings, `<skipped>` for a unit the job says does not apply (its `skipped` property), and
/// an `<error>` when the job could not run.
public enum JUnitWriter {
  /// Which consumer the file is for.
  public enum Flavor: String, CaseIterable, Sendable {
    /// Plain Ant JUnit, valid against its XSD.
    case ant
    /// GitLab: adds `testcase@file` so the test view links to the file.
    case gitlab
  }

  /// The report's bytes.
  /// - Parameters:
  ///   - report: the run.
  ///   - flavor: `ant` or `gitlab`.
  /// - Returns: UTF-8 XML.
  public static func render(_ report: RunReport, flavor: Flavor = .ant) -> Data {
    var xml = XMLTextWriter()
    let timestamp = timestampFormatter.string(from: report.startedAt)
    xml.element("testsuites") { xml in
      for (index, result) in report.results.enumerated() {
        suite(result, id: index, timestamp: timestamp, flavor: flavor, xml: &xml)
      }
    }
    return Data(xml.data + [10])
  }

  private static func suite(
    _ result: JobResult, id: Int, timestamp: String, flavor: Flavor, xml: inout XMLTextWriter
  ) {
    let byUnit = Dictionary(grouping: result.findings) { $0.failedUnit ?? result.job }
    var units = Array(Set(result.checked).union(byUnit.keys)).sorted()
    // A job that did not run to its end is an error; one left out on purpose, a skipped case.
    let failed = !result.status.ranToEnd && result.status != .skipped
    if result.status == .skipped && units.isEmpty { units = [result.job] }
    let skipped = units.filter { byUnit[$0] == nil && skipReason(result, $0) != nil }
    let seconds = String(format: "%.3f", Double(result.durationMs) / 1000)
    xml.element(
      "testsuite",
      [
        ("package", "parapet"), ("id", "\(id)"), ("name", result.job), ("timestamp", timestamp),
        ("hostname", "localhost"), ("tests", "\(units.count + (failed ? 1 : 0))"),
        ("failures", "\(byUnit.count)"), ("errors", failed ? "1" : "0"),
        ("skipped", "\(skipped.count)"),
        ("time", seconds),
      ]
    ) { xml in
      xml.element("properties") { xml in
        xml.empty("property", [("name", "status"), ("value", result.status.rawValue)])
        xml.empty("property", [("name", "files"), ("value", "\(result.coverage.files)")])
        xml.empty("property", [("name", "commits"), ("value", "\(result.coverage.commits)")])
        if let range = result.coverage.range {
          xml.empty("property", [("name", "range"), ("value", range)])
        }
      }
      for unit in units {
        var attributes = [("name", unit), ("classname", "parapet.\(result.job)"), ("time", "0")]
        if flavor == .gitlab, let file = file(of: unit, in: result, findings: byUnit[unit]) {
          attributes.append(("file", file))
        }
        let findings = byUnit[unit]
        let reason = findings == nil ? skipReason(result, unit) : nil
        if findings == nil && reason == nil {
          xml.empty("testcase", attributes)
          continue
        }
        xml.element("testcase", attributes) { xml in
          if let reason { xml.empty("skipped", [("message", reason)]) }
          if let findings {
            let text = findings.map(describe).joined(separator: "\n")
            xml.leaf(
              "failure", text,
              [
                ("message", "\(findings.count) \(findings.count == 1 ? "finding" : "findings")"),
                ("type", result.job),
              ])
          }
        }
      }
      if failed {
        xml.element(
          "testcase",
          [("name", result.job), ("classname", "parapet.\(result.job)"), ("time", seconds)]
        ) { xml in
          let message = result.notifications.filter { $0.level == .error }.map(\.message).joined(
            separator: "; ")
          xml.leaf(
            "error", message, [("message", message), ("type", "job-\(result.status.rawValue)")])
        }
      }
      let notes = result.notifications.map {
        "\($0.level.rawValue): \($0.place)\($0.message)"
      }
      xml.leaf("system-out", notes.joined(separator: "\n"))
      xml.leaf("system-err", "")
    }
  }

  /// The file a test case is about, for GitLab's `testcase@file`: only a real path (a scanned
  /// file, the lockfile of a package, the configuration of a checklist step), never a commit or
  /// a job.
  private static func file(of unit: String, in result: JobResult, findings: [Finding]?) -> String? {
    if case .string(let file)? = result.unitProperties[unit]?["file"] { return file }
    if let path = findings?.first?.currentPath, result.job != "signatures" { return path }
    if unit == result.job || result.job == "signatures" { return nil }
    // A package unit is `lockfile name@version`.
    if result.unitProperties[unit] != nil || unit.contains(" ") {
      return unit.components(separatedBy: " ").first
    }
    return unit
  }

  private static func skipReason(_ result: JobResult, _ unit: String) -> String? {
    if case .string(let reason)? = result.unitProperties[unit]?["skipped"] { return reason }
    return nil
  }

  /// One line per finding; line numbers belong here, not in test case names.
  private static func describe(_ finding: Finding) -> String {
    let place = finding.location.map { "\($0.startLine):\($0.startColumn) " } ?? ""
    let commit = finding.location?.commit.map { " (commit \($0.prefix(12)))" } ?? ""
    return
      "\(place)[\(finding.severity.rawValue)] \(finding.ruleId): \(finding.message)\(commit) fingerprint \(finding.fingerprint)"
  }

  private static let timestampFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return formatter
  }()
}
