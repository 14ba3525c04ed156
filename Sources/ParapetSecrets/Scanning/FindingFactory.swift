import ParapetCore

/// Turns raw matches into findings: redacts the secret, builds the fingerprint, and in history
/// modes keeps one finding per secret and path with the oldest commit that introduced it.
struct FindingFactory {
  let ruleSet: RuleSet
  /// Leading characters shown; nil shows the secret whole (`--no-redact`).
  let redact: Int?
  /// Findings less sure than this are reported at `info`.
  let minConfidence: Confidence

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
    var byKey: [String: Entry] = [:]
    var plain: [Finding] = []
    for item in located {
      let rule = ruleSet.rules[item.match.ruleIndex]
      let digest = Fingerprint.sha256Hex(item.match.secret)
      let fingerprint = Fingerprint.make(ruleId: rule.id, path: item.path, contentDigest: digest)
      let shown = redacted(item.match.secret)
      let confidence = Confidence.of(item.match, rule: rule, path: item.path)
      var properties: [String: PropertyValue] = [
        "secret": .string(shown), "confidence": .string(confidence.rawValue),
      ]
      var severity = rule.severity
      if confidence < minConfidence {
        severity = .info
        properties["ruleSeverity"] = .string(rule.severity.rawValue)
      }
      if let decoding = item.match.decoding { properties["decoding"] = .string(decoding) }
      let facts = item.commit.flatMap { commits[$0] }
      let location = Location(
        path: item.path, startLine: item.match.startLine, startColumn: item.match.startColumn,
        endLine: item.match.endLine, endColumn: item.match.endColumn, commit: facts?.id,
        author: facts.map { "\($0.authorName) <\($0.authorEmail)>" }, date: facts?.date)
      let encoded = item.match.decoding.map { " (\($0)-encoded)" } ?? ""
      let finding = Finding(
        job: "secrets", ruleId: rule.id, severity: severity,
        message: "\(rule.title) '\(shown)'\(encoded)", location: location, fingerprint: fingerprint,
        properties: properties)
      guard let commit = item.commit else {
        plain.append(finding)
        continue
      }
      let carried = max(1, (item.removedAt ?? walkLength) - commit)
      let entry = Entry(
        finding: finding, commit: commit, removedAt: item.removedAt, carried: carried,
        secretKey: rule.id + "\u{0}" + digest, generic: rule.generic)
      byKey[fingerprint] = byKey[fingerprint].map { $0.joined(with: entry) } ?? entry
    }
    let merged = Self.followingRenames(Array(byKey.values)).map { entry -> Finding in
      var finding = entry.finding
      finding.properties["commitsCarrying"] = .int(entry.carried)
      if entry.paths.count > 1 {
        finding.properties["paths"] = .strings(entry.paths)
        finding.properties["pathCount"] = .int(entry.paths.count)
      }
      return finding
    }
    return (plain + merged).sorted(by: Finding.reportOrder)
  }

  /// One secret at one path across the walk.
  private struct Entry {
    var finding: Finding
    /// The oldest commit that added it there.
    var commit: Int
    /// The commit whose version no longer holds it; nil while the last version does.
    var removedAt: Int?
    var carried: Int
    /// The rule and the secret's digest: the same secret, whatever its path.
    let secretKey: String
    /// Found by a generic rule: a value assigned to a secret-looking name.
    let generic: Bool
    /// Every path it lived at, oldest first.
    var paths: [String] = []

    init(
      finding: Finding, commit: Int, removedAt: Int?, carried: Int, secretKey: String,
      generic: Bool
    ) {
      self.finding = finding
      self.commit = commit
      self.removedAt = removedAt
      self.carried = carried
      self.secretKey = secretKey
      self.generic = generic
      paths = [finding.location?.path ?? ""]
    }

    /// The same secret at the same path, seen again (on another branch, or added back).
    func joined(with other: Entry) -> Entry {
      var kept = other.commit < commit ? other : self
      kept.carried = carried + other.carried
      kept.removedAt = Self.later(removedAt, other.removedAt)
      return kept
    }

    /// The later of two removals; nil (still there) when either is.
    static func later(_ one: Int?, _ other: Int?) -> Int? {
      one.flatMap { first in other.map { max(first, $0) } }
    }
  }

  /// Joins the findings of a secret carried through renames: a secret that appears at a new
  /// path in the very commit whose version of its old path dropped it was moved, not copied, and
  /// is one finding, at its oldest commit and path, with every path it lived at. A copy (the old
  /// path still holds it) of a provider's token or a key stays a finding of its own: each copy
  /// is one more place it was exposed. A value a generic rule found (a test fixture's
  /// passphrase repeated across dozens of files) is one finding whatever its paths, with the
  /// count: one decision for whoever reviews it.
  private static func followingRenames(_ entries: [Entry]) -> [Entry] {
    var result: [Entry] = []
    for group in Dictionary(grouping: entries, by: \.secretKey).values {
      var chains: [Entry] = []
      for entry in group.sorted(by: { ($0.commit, $0.paths[0]) < ($1.commit, $1.paths[0]) }) {
        if let index = chains.firstIndex(where: {
          ($0.generic || $0.removedAt == entry.commit) && !$0.paths.contains(entry.paths[0])
        }) {
          chains[index].paths += entry.paths
          let chain = chains[index]
          chains[index].removedAt =
            chain.removedAt == entry.commit
            ? entry.removedAt : Entry.later(chain.removedAt, entry.removedAt)
          chains[index].carried += entry.carried
        } else {
          chains.append(entry)
        }
      }
      result += chains
    }
    return result
  }
}

/// The facts of a commit that a history finding carries.
struct CommitFacts {
  let id: String
  let authorName: String
  let authorEmail: String
  let date: String
}
