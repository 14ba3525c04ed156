import Foundation
import ParapetCore

/// Writes SARIF 2.1.0 as GitHub code scanning reads it: one run per job with its own
/// `automationDetails.id`, rules with help and `security-severity`, results with repo-relative
/// URIs under `%SRCROOT%`, regions and `partialFingerprints`.
public enum SARIFWriter {
  /// GitHub code scanning rejects runs with more results than this.
  public static let maximumResultsPerRun = 25_000
  /// GitHub code scanning rejects a file with more runs than this.
  public static let maximumRuns = 20
  static let schema = "https://json.schemastore.org/sarif-2.1.0.json"

  /// The report's bytes.
  /// - Parameters:
  ///   - report: the run.
  ///   - maximumResults: results kept per run, the most severe first.
  /// - Returns: pretty-printed JSON with sorted keys and a final newline.
  /// - Throws: when serialization fails.
  public static func render(_ report: RunReport, maximumResults: Int = maximumResultsPerRun) throws
    -> Data
  {
    var results = Array(report.results.prefix(maximumRuns))
    if report.results.count > maximumRuns, var last = results.popLast() {
      let dropped = report.results.dropFirst(maximumRuns).map(\.job)
      last.notifications.append(
        Notice(
          .warning,
          "\(dropped.count) more runs left out (\(dropped.joined(separator: ", "))): code scanning accepts \(maximumRuns) runs per file; see the JSON report"
        ))
      results.append(last)
    }
    let document: [String: Any] = [
      "$schema": schema,
      "version": "2.1.0",
      "runs": results.map {
        run($0, version: report.toolVersion, maximumResults: maximumResults)
      },
    ]
    let data = try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return data + Data("\n".utf8)
  }

  private static func run(_ result: JobResult, version: String, maximumResults: Int) -> [String:
    Any]
  {
    var findings = result.findings
    var notices = result.notifications
    if findings.count > maximumResults {
      findings = Array(
        findings.enumerated().sorted { left, right in
          left.element.severity != right.element.severity
            ? left.element.severity > right.element.severity : left.offset < right.offset
        }.prefix(maximumResults).map(\.element)
      ).sorted(by: Finding.reportOrder)
      notices.append(
        Notice(
          .warning,
          "\(result.findings.count - maximumResults) of \(result.findings.count) results left out: code scanning accepts \(maximumResults) per run; the most severe are kept"
        ))
    }
    // Every result's rule is defined in its run: code scanning refuses a file otherwise.
    let known = Set(result.rules.map(\.id))
    let undefined = Set(findings.map(\.ruleId)).subtracting(known).sorted().map { id in
      let severity = findings.filter { $0.ruleId == id }.map(\.severity).max() ?? .info
      return RuleDescriptor(
        id: id, title: id, description: id, severity: severity, help: "", references: [],
        tags: ["security"])
    }
    let rules = (result.rules + undefined).sorted { $0.id < $1.id }
    let ruleIndex = Dictionary(uniqueKeysWithValues: rules.enumerated().map { ($1.id, $0) })
    var invocation: [String: Any] = [
      "executionSuccessful": result.status != .failed,
      "toolExecutionNotifications": notices.map(notification),
    ]
    if result.status == .incomplete { invocation["properties"] = ["incomplete": true] }
    return [
      "tool": [
        "driver": [
          "name": "parapet",
          "semanticVersion": version,
          "version": version,
          "rules": rules.map(rule),
        ] as [String: Any]
      ],
      "automationDetails": ["id": "parapet/\(result.job)/"],
      "invocations": [invocation],
      "results": findings.map { sarifResult($0, ruleIndex: ruleIndex[$0.ruleId]) },
      "properties": runProperties(result),
    ]
  }

  private static func runProperties(_ result: JobResult) -> [String: Any] {
    var properties: [String: Any] = [
      "job": result.job, "status": result.status.rawValue,
      "files": result.coverage.files, "commits": result.coverage.commits,
    ]
    properties["range"] = result.coverage.range
    return properties
  }

  private static func rule(_ rule: RuleDescriptor) -> [String: Any] {
    let references = rule.references.map { "- <\($0)>" }.joined(separator: "\n")
    var object: [String: Any] = [
      "id": rule.id,
      "name": rule.id.split(separator: "-").map { $0.prefix(1).uppercased() + $0.dropFirst() }
        .joined(),
      "shortDescription": ["text": rule.title],
      "fullDescription": ["text": rule.description],
      "help": [
        "text": rule.help,
        "markdown": "**\(rule.title)**\n\n\(rule.description)\n\n\(rule.help)"
          + (references.isEmpty ? "" : "\n\nReferences:\n\(references)"),
      ],
      "defaultConfiguration": ["level": rule.severity.sarifLevel],
      "properties": [
        "security-severity": rule.severity.securityScore,
        "tags": rule.tags,
        "precision": "high",
      ] as [String: Any],
    ]
    object["helpUri"] = rule.references.first
    return object
  }

  private static func sarifResult(_ finding: Finding, ruleIndex: Int?) -> [String: Any] {
    var properties: [String: Any] = finding.properties.mapValues(\.jsonValue)
    properties["severity"] = finding.severity.rawValue
    var object: [String: Any] = [
      "ruleId": finding.ruleId,
      "level": finding.severity.sarifLevel,
      "message": ["text": finding.message],
      "partialFingerprints": ["parapet/v1": finding.fingerprint],
    ]
    object["ruleIndex"] = ruleIndex
    if let location = finding.location {
      properties["commit"] = location.commit
      properties["author"] = location.author
      properties["date"] = location.date
      object["locations"] = [
        ["physicalLocation": physical(location, path: finding.currentPath ?? location.path)]
      ]
    }
    object["properties"] = properties
    return object
  }

  /// A region code scanning accepts: lines from 1; columns only when they span something.
  private static func physical(_ location: Location, path: String) -> [String: Any] {
    let start = max(1, location.startLine)
    var region: [String: Any] = ["startLine": start, "endLine": max(start, location.endLine)]
    if location.endLine > location.startLine || location.endColumn > location.startColumn {
      region["startColumn"] = max(1, location.startColumn)
      region["endColumn"] = max(1, location.endColumn)
    }
    return [
      "artifactLocation": ["uri": uri(path), "uriBaseId": "%SRCROOT%"], "region": region,
    ]
  }

  private static func notification(_ notice: Notice) -> [String: Any] {
    var object: [String: Any] = [
      "level": notice.level == .note ? "note" : notice.level.rawValue,
      "message": ["text": notice.message],
    ]
    if let path = notice.path {
      var physical: [String: Any] = [
        "artifactLocation": ["uri": uri(path), "uriBaseId": "%SRCROOT%"]
      ]
      if let line = notice.line { physical["region"] = ["startLine": line] }
      object["locations"] = [["physicalLocation": physical]]
    }
    return object
  }

  /// A relative URI reference: each path segment percent-encoded.
  private static func uri(_ path: String) -> String {
    var allowed = CharacterSet.urlPathAllowed
    allowed.remove(charactersIn: ";?#%")
    return path.split(separator: "/", omittingEmptySubsequences: false)
      .map { $0.addingPercentEncoding(withAllowedCharacters: allowed) ?? String($0) }
      .joined(separator: "/")
  }
}
