import Foundation
import ParapetCore

/// Reads another tool's SARIF 2.1.0 (bandit, clippy-sarif, ESLint's SARIF formatter, semgrep)
/// as job results, one per run, so `parapet report merge` lands a pipeline's other analyses in
/// the same SARIF, JUnit and JSON set. A run becomes a job named after its tool (and its
/// `automationDetails.id` when there is one); each result a finding at its first physical
/// location, with its rule's severity (`security-severity`, else the result's level), and the
/// tool's own fingerprint when it gives one.
public enum SARIFReportReader {
  /// Whether a document is SARIF rather than Parapet's JSON report.
  /// - Parameter object: the parsed JSON.
  /// - Returns: true for a SARIF 2.1 document.
  public static func isSARIF(_ object: Any) -> Bool {
    guard let document = object as? [String: Any] else { return false }
    return document["runs"] != nil && (document["version"] as? String)?.hasPrefix("2.1") == true
  }

  /// The runs of a SARIF document, as job results.
  /// - Parameters:
  ///   - data: the file's bytes.
  ///   - path: the file, for errors.
  /// - Returns: one result per run.
  /// - Throws: `ParapetReportError.invalidReport` when it is not SARIF 2.1.
  public static func read(_ data: Data, path: String) throws -> [JobResult] {
    guard let document = try? JSONSerialization.jsonObject(with: data), isSARIF(document),
      let runs = (document as? [String: Any])?["runs"] as? [[String: Any]]
    else {
      throw ParapetReportError.invalidReport(path: path, "not a SARIF 2.1 document")
    }
    return runs.map(result)
  }

  private static func result(_ run: [String: Any]) -> JobResult {
    let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any] ?? [:]
    let tool = (driver["name"] as? String ?? "sarif").lowercased()
      .replacingOccurrences(of: " ", with: "-")
    let category = (run["automationDetails"] as? [String: Any])?["id"] as? String
    let job = category.map { "\(tool) \($0)" } ?? tool
    var rules: [String: RuleDescriptor] = [:]
    for rule in driver["rules"] as? [[String: Any]] ?? [] {
      guard let id = rule["id"] as? String else { continue }
      rules[id] = descriptor(rule, id: id)
    }
    var findings: [Finding] = []
    for result in run["results"] as? [[String: Any]] ?? [] {
      let ruleId =
        result["ruleId"] as? String
        ?? ((result["rule"] as? [String: Any])?["id"] as? String) ?? "unknown"
      let message = (result["message"] as? [String: Any])?["text"] as? String ?? ruleId
      let location = Self.location(result)
      let severity =
        rules[ruleId]?.severity ?? severity(level: result["level"] as? String)
      let fingerprints = result["partialFingerprints"] as? [String: String] ?? [:]
      let own = fingerprints.keys.sorted().first.flatMap { fingerprints[$0] }
      let fingerprint = Fingerprint.make(
        ruleId: ruleId, path: location?.path ?? "",
        contentDigest: own ?? Fingerprint.sha256Hex(Array(message.utf8)))
      findings.append(
        Finding(
          job: job, ruleId: ruleId, severity: severity, message: message, location: location,
          fingerprint: fingerprint, properties: ["tool": .string(tool)]))
      if rules[ruleId] == nil {
        rules[ruleId] = RuleDescriptor(
          id: ruleId, title: ruleId, description: ruleId, severity: severity, help: "",
          references: [], tags: [tool])
      }
    }
    let invocation = (run["invocations"] as? [[String: Any]])?.first
    let failed = invocation?["executionSuccessful"] as? Bool == false
    var coverage = Coverage()
    coverage.files = Set(findings.compactMap(\.location?.path)).count
    return JobResult(
      job: job, status: failed ? .failed : .complete,
      findings: findings.sorted(by: Finding.reportOrder),
      checked: Set(findings.compactMap(\.location?.path)).sorted(),
      rules: rules.values.sorted { $0.id < $1.id }, coverage: coverage)
  }

  private static func descriptor(_ rule: [String: Any], id: String) -> RuleDescriptor {
    func text(_ key: String) -> String? { (rule[key] as? [String: Any])?["text"] as? String }
    let properties = rule["properties"] as? [String: Any] ?? [:]
    let score =
      (properties["security-severity"] as? String).flatMap(Double.init)
      ?? properties["security-severity"] as? Double
    let level = (rule["defaultConfiguration"] as? [String: Any])?["level"] as? String
    return RuleDescriptor(
      id: id, title: text("shortDescription") ?? rule["name"] as? String ?? id,
      description: text("fullDescription") ?? text("shortDescription") ?? id,
      severity: score.map(severity(score:)) ?? severity(level: level),
      help: text("help") ?? "", references: [rule["helpUri"] as? String].compactMap { $0 },
      tags: properties["tags"] as? [String] ?? [])
  }

  private static func location(_ result: [String: Any]) -> Location? {
    guard
      let physical = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"]
        as? [String: Any],
      let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String
    else { return nil }
    let region = physical["region"] as? [String: Any] ?? [:]
    let line = region["startLine"] as? Int ?? 1
    let column = region["startColumn"] as? Int ?? 1
    var path = uri.removingPercentEncoding ?? uri
    if path.hasPrefix("file://") { path.removeFirst("file://".count) }
    while path.hasPrefix("./") { path.removeFirst(2) }
    return Location(
      path: path, startLine: line, startColumn: column, endLine: region["endLine"] as? Int ?? line,
      endColumn: region["endColumn"] as? Int ?? column)
  }

  /// GitHub's reading of a `security-severity` score.
  private static func severity(score: Double) -> Severity {
    switch score {
    case 9...: .critical
    case 7..<9: .high
    case 4..<7: .medium
    case 0.1..<4: .low
    default: .info
    }
  }

  private static func severity(level: String?) -> Severity {
    switch level {
    case "error": .high
    case "warning": .medium
    case "note": .low
    case "none": .info
    default: .medium
    }
  }
}
