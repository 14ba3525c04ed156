import ArgumentParser
import Foundation
import ParapetCore
import ParapetGit
import ParapetImage
import ParapetSignatures

/// `parapet scan [PATH]`: every job at once, one set of reports.
struct ScanCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "scan",
    abstract: "Run every job on a repository and write one SARIF, JUnit and JSON report.")

  /// The jobs `scan` can run.
  enum Job: String, CaseIterable, ExpressibleByArgument {
    case secrets
    case deps
    case licenses
    case signatures
    case gateway
  }

  @Argument(help: "The repository or folder to scan.")
  var path = "."

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "The jobs to run, comma-separated: \(Job.allCases.map(\.rawValue).joined(separator: ", ")) (default: all; signatures only when CI is set).",
      valueName: "jobs"))
  var jobs: [String] = []

  @OptionGroup var secrets: SecretsModeOptions
  @OptionGroup var deps: DepsModeOptions
  @OptionGroup var licenses: LicensesModeOptions
  @OptionGroup var signatures: SignaturesModeOptions
  @OptionGroup var gateway: GatewayModeOptions
  @OptionGroup var report: ReportOptions

  @Option(
    help: ArgumentHelp(
      "Also write a CycloneDX 1.6 JSON SBOM of the lockfiles to this file (SOURCE_DATE_EPOCH makes it reproducible).",
      valueName: "file"))
  var sbom: String?

  @Option(
    help: ArgumentHelp(
      "Also scan a built image (docker-archive or oci-archive tar, or OCI layout folder) as `parapet image` does; repeatable. Its findings' paths start with the image's path.",
      valueName: "image"))
  var image: [String] = []

  @Flag(help: "Pre-commit mode: secrets in the staged change only (what `hook install` runs).")
  var preCommit = false

  @Flag(
    help:
      "Pre-push mode: secrets in the commits being pushed, from the ref lines git gives the hook on standard input."
  )
  var prePush = false

  @Flag(
    help:
      "CI mode (the default when CI is set): secrets and signatures over the branch's commits not on the base branch, everything else on the tree."
  )
  var ci = false

  @Flag(help: "Audit mode: secrets and signatures over the whole history, everything else on HEAD.")
  var audit = false

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp("Jobs to leave out, comma-separated.", valueName: "jobs"))
  var skip: [String] = []

  @Option(
    help: ArgumentHelp(
      "Stop a job that runs longer than this many seconds; it is reported as failed and the others' results are kept.",
      valueName: "seconds"))
  var jobTimeout: Int?

  /// How the scan is used.
  enum Mode {
    case tree, preCommit, prePush, ci, audit
  }

  func validate() throws {
    for name in selected + skipped where Job(rawValue: name) == nil {
      throw ValidationError(
        "unknown job '\(name)'; jobs: \(Job.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if let both = selected.first(where: skipped.contains) {
      throw ValidationError("--jobs and --skip both name '\(both)'")
    }
    if !selected.isEmpty && !skipped.isEmpty {
      throw ValidationError("--jobs and --skip exclude one another: name the jobs to run")
    }
    if [preCommit, prePush, ci, audit].filter({ $0 }).count > 1 {
      throw ValidationError("--pre-commit, --pre-push, --ci and --audit exclude one another")
    }
    let secretsFlags = secrets.staged || secrets.history || secrets.range != nil || secrets.noGit
    if (preCommit || prePush || ci || audit) && secretsFlags {
      throw ValidationError(
        "a mode (--pre-commit, --pre-push, --ci, --audit) chooses what secrets reads; leave out --staged, --history, --range and --no-git"
      )
    }
    if secrets.cache != nil && !(secrets.history || ci || audit) {
      throw ValidationError("--cache needs --history, --ci or --audit")
    }
    if let jobTimeout, jobTimeout <= 0 {
      throw ValidationError("--job-timeout takes a positive number of seconds")
    }
  }

  private var selected: [String] { Self.names(jobs) }
  private var skipped: [String] { Self.names(skip) }

  private static func names(_ lists: [String]) -> [String] {
    lists.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
  }

  /// The mode: a flag's, else CI mode when CI is set and no secrets flag chooses otherwise.
  private func mode(_ environment: [String: String]) -> Mode {
    if preCommit { return .preCommit }
    if prePush { return .prePush }
    if ci { return .ci }
    if audit { return .audit }
    let secretsFlags = secrets.staged || secrets.history || secrets.range != nil || secrets.noGit
    return CIEvents.inCI(environment) && !secretsFlags ? .ci : .tree
  }

  /// The jobs a mode runs when `--jobs` does not say: pre-commit secrets and the staged gateway
  /// configuration, pre-push only secrets, the tree mode all but signatures (which need a
  /// commit range), CI and audit everything.
  private static func defaultJobs(_ mode: Mode) -> [Job] {
    switch mode {
    case .preCommit: [.secrets, .gateway]
    case .prePush: [.secrets]
    case .tree: [.secrets, .deps, .licenses, .gateway]
    case .ci, .audit: Job.allCases
    }
  }

  func run() async throws {
    var pipeline = try ScanPipeline(path: path, reportOptions: report, sbom: sbom)
    let environment = ProcessInfo.processInfo.environment
    let mode = mode(environment)
    if mode == .preCommit || mode == .prePush {
      pipeline.outputs.hook = mode == .preCommit ? "commit" : "push"
    }
    let repository = try GitRepository.openIfPresent(containing: pipeline.root.path)
    var chosen =
      selected.isEmpty ? Self.defaultJobs(mode) : selected.compactMap(Job.init(rawValue:))
    chosen.removeAll { skipped.contains($0.rawValue) }
    // Commit signatures need a repository; a scan of a plain folder leaves them out.
    if selected.isEmpty && repository == nil { chosen.removeAll { $0 == .signatures } }
    let commits = try commitScope(mode, repository: repository, environment: environment)
    var scanJobs: [any ScanJob] = []
    for job in chosen {
      switch job {
      case .secrets: scanJobs.append(try secretsJob(pipeline, commits))
      case .deps: scanJobs.append(try pipeline.depsJob(deps))
      case .licenses:
        scanJobs.append(
          try pipeline.licensesJob(
            licenses, includeFixtures: deps.includeFixtures, prodOnly: deps.prodOnly))
      case .signatures: scanJobs.append(try signaturesJob(pipeline, commits, mode: mode))
      case .gateway:
        let job = try pipeline.gatewayJob(gateway)
        scanJobs.append(mode == .preCommit ? StagedGatewayJob(inner: job) : job)
      }
    }
    if let sink = pipeline.outputs.sbom {
      // Written before the jobs run, so the SBOM is there even when findings end the run.
      _ = try SBOMCommand.write(
        WorkTreeSource(root: pipeline.root.path), named: pipeline.root.lastPathComponent,
        format: .cyclonedxJSON, to: sink,
        includeFixtures: deps.includeFixtures,
        reproducible: false, quiet: report.quiet)
    }
    let timeout = jobTimeout.map { Duration.seconds($0) }
    guard !image.isEmpty else {
      try await pipeline.run(scanJobs, timeout: timeout, ranges: commits.ranges)
    }
    // Every image is read before any job runs, so that a broken one is a usage error at once.
    let images = try image.map {
      (
        $0,
        try ImageCommand.open(
          $0, platform: nil, cancellation: pipeline.interruption.cancellation)
      )
    }
    // An image's secrets, deps and licenses run when the scan's do; its hardening always.
    let running = Set(scanJobs.map(\.name))
    let skipping = Set(["secrets", "deps", "licenses"]).subtracting(running)
    var reports = [try await pipeline.report(scanJobs, timeout: timeout, ranges: commits.ranges)]
    for (path, read) in images {
      let jobs = try ImageCommand.jobs(
        for: read, installedPackages: read.installedPackages(), pipeline: pipeline, deps: deps,
        skipping: skipping)
      reports.append(
        try await pipeline.report(jobs, timeout: timeout, source: read.files).placed(under: path))
    }
    try pipeline.finish(RunReport.merged(reports))
  }

  /// The commits the secrets and signatures jobs read in a mode.
  private struct CommitScope {
    /// The secrets job's flags, with the mode's choice applied.
    var secrets: SecretsModeOptions
    /// The signatures job's commits when no flag or configuration chooses.
    var signatures: SignaturePolicy.Commits
    /// The CI event's commits are not all in the clone: what is missing and the fix.
    var uncovered: String?
    /// How the CI event's commits were chosen, when the user should know.
    var notes: [String] = []
    /// What reports say each commit-reading job covered, by job name.
    var ranges: [String: String] = [:]
  }

  private func commitScope(
    _ mode: Mode, repository: GitRepository?, environment: [String: String]
  ) throws -> CommitScope {
    var scope = CommitScope(secrets: secrets, signatures: .range("HEAD"))
    switch mode {
    case .tree:
      scope.ranges["signatures"] = "HEAD's history"
    case .preCommit:
      scope.secrets.staged = true
    case .prePush:
      let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
      scope.secrets.range = CIEvents.pushedRange(input) ?? "HEAD..HEAD"
    case .audit:
      if repository != nil { scope.secrets.history = true }
      scope.signatures = .all
      scope.ranges = ["secrets": "all refs", "signatures": "all refs"]
    case .ci:
      guard let repository else { break }
      guard let event = CIEvents.scope(environment, repository: repository) else {
        scope.uncovered =
          "cannot tell which commits this CI run brings: no event names them and no base branch is in the clone; \(CIEvents.fetchEverything)"
        break
      }
      let label = "\(event.range) (\(event.event))"
      scope.ranges = ["secrets": label, "signatures": label]
      scope.notes = event.notes
      if !event.missing.isEmpty {
        let missing = event.missing.map { String($0.prefix(12)) }.joined(separator: ", ")
        scope.uncovered =
          "the commits of \(event.event) \(event.range) are not all in the clone (missing \(missing)): \(CIEvents.fetchEverything)"
      } else if let walk = event.walk {
        scope.secrets.range = walk
        scope.signatures = .range(walk)
      } else {
        scope.secrets.history = true
        scope.signatures = .all
      }
    }
    return scope
  }

  private func secretsJob(_ pipeline: ScanPipeline, _ commits: CommitScope) throws -> any ScanJob {
    let job = try pipeline.secretsJob(commits.secrets)
    // The files at HEAD are still worth scanning; the run fails closed on what it could not read.
    if let reason = commits.uncovered {
      return AnnotatedJob(
        name: "secrets", inner: job,
        notices: [Notice(.warning, reason + "; the work tree was scanned instead")],
        uncovered: true)
    }
    guard !commits.notes.isEmpty else { return job }
    return AnnotatedJob(
      name: "secrets", inner: job, notices: commits.notes.map { Notice(.note, $0) },
      uncovered: false)
  }

  private func signaturesJob(_ pipeline: ScanPipeline, _ commits: CommitScope, mode: Mode) throws
    -> any ScanJob
  {
    let policy = try pipeline.signaturePolicy(signatures, defaultCommits: commits.signatures)
    if mode == .ci && !policy.hasTrustPolicy {
      return SkippedJob(
        name: "signatures",
        reason:
          "no trust policy, so commit signatures are not checked in CI: set allowed-signers or openpgp-keys under [signatures] in .parapet.toml (or pass --allowed-signers, --openpgp-keys)"
      )
    }
    if let reason = commits.uncovered {
      return AnnotatedJob(
        name: "signatures", inner: nil, notices: [Notice(.warning, reason)], uncovered: true)
    }
    return try SignaturesJob(policy: policy)
  }
}
