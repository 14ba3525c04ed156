import Foundation

extension RunReport {
  /// Several runs as one: the results of a job of the same name combined (findings, units,
  /// rules, notices and coverage joined; the worst status; the longest duration), the earliest
  /// start. Merging the shards of an audit gives the report of the audit run whole.
  /// - Parameter reports: the runs, in shard order.
  /// - Returns: the merged run.
  public static func merged(_ reports: [RunReport]) -> RunReport {
    var order: [String] = []
    var byJob: [String: JobResult] = [:]
    for result in reports.flatMap(\.results) {
      guard var merged = byJob[result.job] else {
        order.append(result.job)
        byJob[result.job] = result
        continue
      }
      merged.status = result.status.rank > merged.status.rank ? result.status : merged.status
      merged.findings = (merged.findings + result.findings).sorted(by: Finding.reportOrder)
      merged.notifications += result.notifications
      merged.checked = Array(Set(merged.checked + result.checked)).sorted()
      merged.unitProperties.merge(result.unitProperties) { first, _ in first }
      let known = Set(merged.rules.map(\.id))
      merged.rules = (merged.rules + result.rules.filter { !known.contains($0.id) })
        .sorted { $0.id < $1.id }
      merged.coverage.add(result.coverage)
      merged.durationMs = max(merged.durationMs, result.durationMs)
      byJob[result.job] = merged
    }
    return RunReport(
      toolVersion: reports.first?.toolVersion ?? "", results: order.compactMap { byJob[$0] },
      suppressed: reports.map(\.suppressed).reduce(0, +),
      startedAt: reports.map(\.startedAt).min() ?? Date())
  }

  /// The run with every path and unit placed under a folder: an audit of many repositories
  /// tells them apart by a prefix (`service-a/src/app.py`).
  /// - Parameter prefix: the folder, such as the repository's name.
  /// - Returns: the relabeled run.
  public func placed(under prefix: String) -> RunReport {
    var copy = self
    copy.results = results.map { result in
      var result = result
      result.findings = result.findings.map { finding in
        var finding = finding
        if let path = finding.location?.path { finding.location?.path = "\(prefix)/\(path)" }
        finding.unit = finding.unit.map { "\(prefix)/\($0)" }
        finding.properties["repository"] = .string(prefix)
        return finding
      }
      result.notifications = result.notifications.map { notice in
        var notice = notice
        notice.path = notice.path.map { "\(prefix)/\($0)" } ?? prefix
        return notice
      }
      result.checked = result.checked.map { "\(prefix)/\($0)" }
      result.unitProperties = Dictionary(
        uniqueKeysWithValues: result.unitProperties.map { ("\(prefix)/\($0.key)", $0.value) })
      return result
    }
    return copy
  }
}
