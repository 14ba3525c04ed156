import Foundation
import ParapetCore

/// Removes the findings that `parapet:ignore` comments and `[[gateway.ignore]]` entries dismiss,
/// and says which comments are wrong or dismiss nothing, so stale ones get cleaned up.
struct GatewaySuppression {
  let root: URL
  let ignores: [GatewayOptions.PathIgnore]
  /// nginx block ends by file, then by the line of the directive that opens the block.
  let nginxBlocks: [String: [Int: Int]]
  /// Every file the job read, so comments in files without findings are checked too.
  let readFiles: [String]

  /// The findings nobody dismissed.
  /// - Parameters:
  ///   - findings: the job's findings.
  ///   - notices: receives the count dismissed and a line per unused or malformed comment.
  /// - Returns: the remaining findings.
  func apply(_ findings: [Finding], notices: inout [Notice]) -> [Finding] {
    var byPath: [String: InlineSuppressions] = [:]
    var used = Set<String>()
    var byComment = 0
    var byConfig = 0
    let kept = findings.filter { finding in
      guard let location = finding.location else { return true }
      if ignores.contains(where: { $0.covers(ruleId: finding.ruleId, path: location.path) }) {
        byConfig += 1
        return false
      }
      if byPath[location.path] == nil { byPath[location.path] = suppressions(in: location.path) }
      guard
        let comment = byPath[location.path]?.comment(
          silencing: finding.ruleId, at: location.startLine)
      else { return true }
      used.insert("\(location.path):\(comment.line)")
      byComment += 1
      return false
    }
    // Files with comments but no findings still get their comments checked.
    for path in Set(findings.compactMap(\.location?.path)).union(commentedFiles())
    where byPath[path] == nil {
      byPath[path] = suppressions(in: path)
    }
    for (path, suppressions) in byPath.sorted(by: { $0.key < $1.key }) {
      for comment in suppressions.comments {
        let ids = comment.rules.sorted().joined(separator: ",")
        if let unknown = comment.rules.sorted().first(where: { GatewayRules.byID[$0] == nil }) {
          notices.append(
            Notice(
              .warning, "parapet:ignore names no gateway rule '\(unknown)'", path: path,
              line: comment.line))
        } else if comment.reason.isEmpty {
          notices.append(
            Notice(
              .warning, "parapet:ignore \(ids) gives no reason; say why it is safe", path: path,
              line: comment.line))
        }
        if !used.contains("\(path):\(comment.line)") {
          notices.append(
            Notice(
              .note, "parapet:ignore \(ids) silences no finding; remove it", path: path,
              line: comment.line))
        }
      }
    }
    if byComment > 0 {
      notices.append(
        Notice(
          .note,
          "\(byComment) \(byComment == 1 ? "finding" : "findings") silenced by parapet:ignore comments"
        ))
    }
    if byConfig > 0 {
      notices.append(
        Notice(
          .note,
          "\(byConfig) \(byConfig == 1 ? "finding" : "findings") dismissed by [[gateway.ignore]] in .parapet.toml"
        ))
    }
    return kept
  }

  private func commentedFiles() -> [String] {
    readFiles.filter { path in
      FileManager.default.contents(atPath: root.appendingPathComponent(path).path).map {
        TextSearch.contains(String(decoding: $0, as: UTF8.self), "parapet:ignore")
      } ?? false
    }
  }

  private func suppressions(in path: String) -> InlineSuppressions {
    guard let data = FileManager.default.contents(atPath: root.appendingPathComponent(path).path)
    else { return InlineSuppressions(text: "", blockEnd: { _ in nil }) }
    let text = String(decoding: data, as: UTF8.self)
    if let blocks = nginxBlocks[path] {
      return InlineSuppressions(text: text, blockEnd: { blocks[$0] })
    }
    let blocks =
      path.hasSuffix(".toml")
      ? InlineSuppressions.tableBlocks(text) : InlineSuppressions.indentationBlocks(text)
    return InlineSuppressions(text: text, blockEnd: blocks)
  }
}
