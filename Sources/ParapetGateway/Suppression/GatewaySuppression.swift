import ParapetCore

/// Removes the findings that `parapet:ignore` comments and `[[gateway.ignore]]` entries dismiss,
/// and says which comments are wrong or dismiss nothing, so stale ones get cleaned up.
struct GatewaySuppression {
  let ignores: [GatewayOptions.PathIgnore]
  /// The nginx configurations read (includes expanded): where their blocks end.
  let nginx: [[NginxDirective]]
  /// The text of every file the job read, by repo-relative path.
  let texts: [String: String]

  /// The findings nobody dismissed.
  /// - Parameters:
  ///   - findings: the job's findings.
  ///   - notices: receives the count dismissed and a line per unused or malformed comment.
  /// - Returns: the remaining findings.
  func apply(_ findings: [Finding], notices: inout [Notice]) -> [Finding] {
    // Every file with a comment, whether or not it has findings, so unused comments show.
    let marked = texts.filter { TextSearch.contains($0.value, InlineSuppressions.marker) }
    let nginxBlocks = Self.blockEnds(nginx, in: Set(marked.keys))
    var comments: [String: InlineSuppressions] = [:]
    for (path, text) in marked {
      comments[path] = Self.suppressions(in: path, text: text, nginxBlocks: nginxBlocks[path])
    }
    var used = Set<String>()
    var byComment = 0
    var byConfig = 0
    let kept = findings.filter { finding in
      guard let location = finding.location else { return true }
      if ignores.contains(where: { $0.covers(ruleId: finding.ruleId, path: location.path) }) {
        byConfig += 1
        return false
      }
      guard
        let comment = comments[location.path]?.comment(
          silencing: finding.ruleId, at: location.startLine)
      else { return true }
      used.insert("\(location.path):\(comment.line)")
      byComment += 1
      return false
    }
    for (path, suppressions) in comments.sorted(by: { $0.key < $1.key }) {
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
      notices.append(Notice(.note, "\(Self.count(byComment)) silenced by parapet:ignore comments"))
    }
    if byConfig > 0 {
      notices.append(
        Notice(.note, "\(Self.count(byConfig)) dismissed by [[gateway.ignore]] in .parapet.toml"))
    }
    return kept
  }

  private static func count(_ number: Int) -> String {
    "\(number) \(number == 1 ? "finding" : "findings")"
  }

  private static func suppressions(in path: String, text: String, nginxBlocks: [Int: Int]?)
    -> InlineSuppressions
  {
    if let nginxBlocks {
      return InlineSuppressions(text: text, blockEnd: { nginxBlocks[$0] })
    }
    let blocks =
      path.hasSuffix(".toml")
      ? InlineSuppressions.tableBlocks(text) : InlineSuppressions.indentationBlocks(text)
    return InlineSuppressions(text: text, blockEnd: blocks)
  }

  /// nginx block ends by file, then by the line of the directive that opens the block, for
  /// the files with comments only (most runs have none, and need no walk).
  private static func blockEnds(_ configs: [[NginxDirective]], in paths: Set<String>)
    -> [String: [Int: Int]]
  {
    var blocks: [String: [Int: Int]] = [:]
    func collect(_ directives: [NginxDirective]) {
      for directive in directives {
        guard let block = directive.block else { continue }
        if paths.contains(directive.path), let end = directive.blockEnd {
          blocks[directive.path, default: [:]][directive.line] = end
        }
        collect(block)
      }
    }
    if !paths.isEmpty { configs.forEach(collect) }
    return blocks
  }
}
