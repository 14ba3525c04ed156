import Foundation
import ParapetCore
import ParapetGit

/// The `signatures` job: every commit in a set verified in-process against the repository's
/// trust policy; each commit is a unit, each unacceptable one a finding.
public struct SignaturesJob: ScanJob {
  public let name = "signatures"
  public let readsCommits = true
  public let policy: SignaturePolicy
  private let trust: TrustStore
  private let now: Int64

  /// Creates the job and loads the policy's key files.
  /// - Parameters:
  ///   - policy: the resolved policy.
  ///   - now: the verification time (expiration, revocation), seconds since 1970.
  /// - Throws: `ParapetCoreError` for a key file that is missing or does not parse.
  public init(policy: SignaturePolicy, now: Int64 = Int64(Date().timeIntervalSince1970)) throws {
    self.policy = policy
    trust = try TrustStore(policy)
    self.now = now
  }

  public func run(_ context: ScanContext) async throws -> JobResult {
    let repository = try GitRepository.open(containing: context.root.path)
    var notices = trust.problems.map { Notice(.warning, $0) }
    var coverage = Coverage()
    if repository.isShallow {
      notices.append(
        Notice(.warning, "shallow clone: commits beyond the boundary were not checked"))
    }
    let objects = try read(repository, context: context, notices: &notices, coverage: &coverage)
    let verifier = SignatureVerifier(
      allowedSigners: trust.allowedSigners, revokedKeys: trust.revokedKeys,
      keyRing: trust.keyRing, now: now)
    let slots = ResultSlots<SignatureVerdict>(count: objects.count)
    DispatchQueue.concurrentPerform(iterations: objects.count) { index in
      guard !context.cancellation.isCancelled else { return }
      slots.set(index, .success(verify(objects[index], with: verifier)))
    }
    try context.cancellation.check()
    var verdicts = slots.results.map { (try? $0?.get()) ?? SignatureVerdict(.bad, .badSignature) }
    let exempt = try exemptions(objects, repository: repository)
    applyTimeChecks(objects, &verdicts, repository: repository)
    var findings: [Finding] = []
    var details: [String: [String: PropertyValue]] = [:]
    let place = policyLocation(root: context.root)
    for (index, object) in objects.enumerated() {
      var verdict = verdicts[index]
      let byForge = policy.forgeCommitters.contains {
        $0.lowercased() == object.committerEmail.lowercased()
      }
      if verdict.reason == .good, policy.signerMustMatchCommitter, !byForge,
        !Self.signer(verdict, matches: object.committerEmail)
      {
        verdict.reason = .signerNotCommitter
        verdict.detail = "signed by \(verdict.signer ?? "?"), committed by \(object.committerEmail)"
      }
      if verdict.reason == .good, !policy.pathRules.isEmpty {
        applyPathRules(object, &verdict, repository: repository)
      }
      let acceptable =
        verdict.reason == .good || (verdict.reason == .unsigned && exempt.contains(index))
      let unit = object.id.description
      var properties: [String: PropertyValue] = [
        "letter": .string(verdict.letter.rawValue), "reason": .string(verdict.reason.rawValue),
        "acceptable": .bool(acceptable),
      ]
      properties["format"] = verdict.format.map(PropertyValue.string)
      properties["key"] = verdict.key.map(PropertyValue.string)
      properties["signer"] = verdict.signer.map(PropertyValue.string)
      properties["detail"] = verdict.detail.map(PropertyValue.string)
      details[unit] = properties
      if !acceptable {
        findings.append(finding(object, verdict, properties: properties, place: place))
      }
    }
    let rules = Set(findings.map(\.ruleId)).sorted().compactMap { SignatureRules.byID[$0] }
    return JobResult(
      job: name,
      status: coverage.skipped.isEmpty && !repository.isShallow ? .complete : .incomplete,
      findings: findings, notifications: notices, checked: objects.map(\.id.description),
      unitProperties: details, rules: rules, coverage: coverage)
  }

  /// The commits of the policy's set (and its annotated tags when asked), read one by one:
  /// libgit2 handles are not shared between threads, and reading is cheap beside verifying.
  private func read(
    _ repository: GitRepository, context: ScanContext, notices: inout [Notice],
    coverage: inout Coverage
  ) throws -> [SignedObject] {
    let walk: GitRepository.Walk
    switch policy.commits {
    case .all: walk = .all
    case .range(let range): walk = range.contains("..") ? .range(range) : .reachable(range)
    case .since(let revision): walk = .range("\(revision)..HEAD")
    }
    var objects: [SignedObject] = []
    let ids = try repository.commitIDs(walk)
    context.progress.setTotalCommits(ids.count)
    for id in ids {
      try context.cancellation.check()
      do {
        objects.append(try repository.signedCommit(id))
        coverage.commits += 1
        context.progress.add(commits: 1)
      } catch {
        coverage.skip("unreadable commit")
        notices.append(Notice(.warning, "commit \(id) cannot be read: \(error)"))
      }
    }
    if policy.tags { objects += try repository.signedTags().map(\.tag) }
    return objects
  }

  /// A commit's verdict, with its merge tags' signatures checked too.
  private func verify(_ object: SignedObject, with verifier: SignatureVerifier) -> SignatureVerdict
  {
    var verdict = verifier.verify(object)
    guard verdict.reason == .good else { return verdict }
    for tag in object.mergeTags {
      let tagVerdict = verifier.verify(SignedObject.tag(id: object.id, bytes: tag))
      if tagVerdict.letter == .bad {
        verdict.reason = .badSignature
        verdict.detail = "the signature of a merged tag does not verify"
      }
    }
    return verdict
  }

  /// Indexes of commits that need no signature under `require-since`.
  private func exemptions(_ objects: [SignedObject], repository: GitRepository) throws -> Set<Int> {
    guard let since = policy.requireSince else { return [] }
    if let day = AllowedSigners.time(since.replacingOccurrences(of: "-", with: "")),
      since.count == 10
    {
      return Set(objects.indices.filter { objects[$0].time < day })
    }
    let boundary = try repository.resolve(since)
    return Set(objects.indices.filter { repository.isAncestor(objects[$0].id, of: boundary) })
  }

  /// Marks good signatures whose signed time is earlier than a parent's commit time, or (for
  /// OpenPGP, whose signed time is the signature's own) later than a child's.
  private func applyTimeChecks(
    _ objects: [SignedObject], _ verdicts: inout [SignatureVerdict], repository: GitRepository
  ) {
    var times = Dictionary(
      objects.map { ($0.id, $0.time) }, uniquingKeysWith: { first, _ in first })
    var childTimes: [ObjectID: Int64] = [:]
    for object in objects {
      for parent in object.parents {
        childTimes[parent] = min(childTimes[parent] ?? .max, object.time)
        if times[parent] == nil, let time = try? repository.signedCommit(parent).time {
          times[parent] = time
        }
      }
    }
    for (index, object) in objects.enumerated() where verdicts[index].reason == .good {
      let signedAt = verdicts[index].signedAt ?? object.time
      if let parentTime = object.parents.compactMap({ times[$0] }).max(), signedAt < parentTime {
        verdicts[index].reason = .implausibleTime
        verdicts[index].detail =
          "signed at \(signedAt), before its parent's commit time \(parentTime)"
      } else if verdicts[index].format == "openpgp", let childTime = childTimes[object.id],
        signedAt > childTime
      {
        verdicts[index].reason = .implausibleTime
        verdicts[index].detail = "signed at \(signedAt), after a child's commit time \(childTime)"
      }
    }
  }

  /// Marks a good signature whose signer may not change a file the commit changes.
  private func applyPathRules(
    _ object: SignedObject, _ verdict: inout SignatureVerdict, repository: GitRepository
  ) {
    guard let changed = try? repository.changes(of: object.id) else { return }
    let paths = changed.changes.map(\.path) + changed.deletions
    for rule in policy.pathRules {
      guard
        let path = paths.first(where: { path in
          rule.paths.contains { PathPattern.matches(path, $0) }
        })
      else { continue }
      let identities = Self.identities(verdict)
      if !identities.contains(where: { AllowedSigners.matches($0, patterns: rule.signers) }) {
        verdict.reason = .untrustedKey
        verdict.detail =
          "changes \(path), which only \(rule.signers.joined(separator: ", ")) may sign; signed by \(verdict.signer ?? "?")"
        return
      }
    }
  }

  /// The identities a verdict's signer stands for: SSH principals, or an OpenPGP user ID's email.
  static func identities(_ verdict: SignatureVerdict) -> [String] {
    guard let signer = verdict.signer else { return [] }
    if verdict.format == "ssh" { return signer.split(separator: ",").map(String.init) }
    if let open = signer.lastIndex(of: "<"), let close = signer.lastIndex(of: ">"), open < close {
      return [String(signer[signer.index(after: open)..<close])]
    }
    return [signer]
  }

  /// Whether the signing identity names the committer: an SSH principal pattern matching the
  /// email, or an OpenPGP user ID with it.
  static func signer(_ verdict: SignatureVerdict, matches email: String) -> Bool {
    guard let signer = verdict.signer, !email.isEmpty else { return false }
    if verdict.format == "ssh" {
      return AllowedSigners.matches(email, patterns: signer.split(separator: ",").map(String.init))
    }
    return signer.lowercased().contains("<\(email.lowercased())>")
  }

  /// Where a signature finding points: the trust policy that rejected the commit. That is the
  /// allowed signers file (or the first OpenPGP key file) when it lies in the repository, at
  /// its first line; else `.parapet.toml` at `[signatures]`, where the policy is configured.
  /// Code scanning refuses a result without a file, and a commit has no place in the tree.
  private func policyLocation(root: URL) -> SourceLocation {
    let base = root.standardizedFileURL.path + "/"
    for file in [policy.allowedSigners].compactMap({ $0 }) + policy.openPGPKeys {
      let path = file.standardizedFileURL.path
      if path.hasPrefix(base) {
        return SourceLocation(path: String(path.dropFirst(base.count)), line: 1)
      }
    }
    return policy.configuredAt ?? SourceLocation(path: ParapetConfig.fileName, line: 1)
  }

  private func finding(
    _ object: SignedObject, _ verdict: SignatureVerdict, properties: [String: PropertyValue],
    place: SourceLocation
  ) -> Finding {
    let rule = SignatureRules.rule(verdict.reason)
    let short = String(object.id.description.prefix(12))
    let detail = verdict.detail.map { ": \($0)" } ?? ""
    var properties = properties
    properties["commit"] = .string(object.id.description)
    properties["subject"] = .string(object.subject)
    properties["committer"] = .string("\(object.committerName) <\(object.committerEmail)>")
    return Finding(
      job: name, ruleId: rule.id, severity: rule.severity,
      message:
        "commit \(short) '\(object.subject)' (\(object.committerEmail)): \(verdict.letter.rawValue) \(rule.title.lowercased())\(detail)",
      location: Location(
        path: place.path, startLine: place.line, startColumn: 1, endLine: place.line,
        endColumn: 1, commit: object.id.description),
      fingerprint: Fingerprint.make(
        ruleId: rule.id, path: "",
        contentDigest: Fingerprint.sha256Hex(Array(object.id.description.utf8))),
      properties: properties, unit: object.id.description)
  }
}
