import ParapetCore

/// Turns raw matches into findings: redacts the secret, builds the fingerprint, and in history
/// modes keeps one finding per secret and path with the oldest commit that introduced it.
struct FindingFactory {
  let ruleSet: RuleSet
  /// Leading characters shown; nil shows the secret whole (`--no-redact`).
  let redact: Int?

  /// The redacted form of a secret: its first characters then `…`, fewer for short secrets.
  /// - Parameter secret: the clear secret.
  /// - Returns: what reports may show.
  func redacted(_ secret: [UInt8]) -> String {
    RedactionGate.mask(String(decoding: secret, as: UTF8.self), keep: redact)
  }

  /// Builds the findings of a scan.
  /// - Parameters:
  ///   - located: the matches with their paths and commit indices.
  ///   - commits: commit facts by index, in history modes.
  ///   - walkLength: how many commits the history walk visited.
  /// - Returns: the findings in report order. A history finding carries `commitsCarrying`: the
  ///   commits of the walk, oldest first, from the one that introduced the secret at that path up
  ///   to the one whose version of the file dropped it (exact for a linear history).
  func findings(
    _ located: [ScanState.Located], commits: [Int: CommitFacts] = [:], walkLength: Int = 0
  ) -> [Finding] {
    var byKey: [String: (finding: Finding, commit: Int, carried: Int)] = [:]
    var plain: [Finding] = []
    for item in located {
      let rule = ruleSet.rules[item.match.ruleIndex]
      let digest = Fingerprint.sha256Hex(item.match.secret)
      let fingerprint = Fingerprint.make(ruleId: rule.id, path: item.path, contentDigest: digest)
      let shown = redacted(item.match.secret)
      var properties: [String: PropertyValue] = ["secret": .string(shown)]
      if let decoding = item.match.decoding { properties["decoding"] = .string(decoding) }
      let facts = item.commit.flatMap { commits[$0] }
      let location = Location(
        path: item.path, startLine: item.match.startLine, startColumn: item.match.startColumn,
        endLine: item.match.endLine, endColumn: item.match.endColumn, commit: facts?.id,
        author: facts.map { "\($0.authorName) <\($0.authorEmail)>" }, date: facts?.date)
      let encoded = item.match.decoding.map { " (\($0)-encoded)" } ?? ""
      let finding = Finding(
        job: "secrets", ruleId: rule.id, severity: rule.severity,
        message: "\(rule.title) '\(shown)'\(encoded)", location: location, fingerprint: fingerprint,
        properties: properties)
      guard let commit = item.commit else {
        plain.append(finding)
        continue
      }
      let carried = max(1, (item.removedAt ?? walkLength) - commit)
      if let existing = byKey[fingerprint] {
        let keep =
          commit < existing.commit ? (finding, commit) : (existing.finding, existing.commit)
        byKey[fingerprint] = (keep.0, keep.1, existing.carried + carried)
      } else {
        byKey[fingerprint] = (finding, commit, carried)
      }
    }
    let merged = byKey.values.map { entry -> Finding in
      var finding = entry.finding
      finding.properties["commitsCarrying"] = .int(entry.carried)
      return finding
    }
    return (plain + merged).sorted(by: Finding.reportOrder)
  }
}

/// The facts of a commit that a history finding carries.
struct CommitFacts {
  let id: String
  let authorName: String
  let authorEmail: String
  let date: String
}
