import Foundation
import ParapetCore
import ParapetDeps
import ParapetGateway
import ParapetGit
import ParapetLicenses
import ParapetReport
import ParapetSecrets
import ParapetSignatures

/// What every scanning command does around its jobs: resolve the root and the configuration,
/// run the jobs, apply ignore files and the baseline, write the reports, and pick the exit code.
struct ScanPipeline {
  /// What every text quoted from scanned input passes through: the default secret rules (built
  /// on first use) and URL userinfo.
  static let redaction = RedactionGate(recognizer: SecretRecognizer())

  let root: URL
  var config: ParapetConfig
  let reportOptions: ReportOptions
  /// The reports and the terminal, checked before anything else.
  var outputs: ReportOutputs
  /// SIGINT and SIGTERM, which stop the jobs and still write the reports.
  let interruption = Interruption()

  /// Checks the report paths, resolves PATH and loads `.parapet.toml` (or `--config`).
  /// - Parameters:
  ///   - path: the PATH argument.
  ///   - reportOptions: the shared flags.
  ///   - sbom: `scan`'s `--sbom` path, checked with the reports.
  /// - Throws: `ParapetReportError` for a report path that cannot be written, `UsageError` for a
  ///   missing folder, `ParapetCoreError` for a bad configuration.
  init(path: String, reportOptions: ReportOptions, sbom: String? = nil) throws {
    outputs = try ReportOutputs.check(reportOptions, sbom: sbom)
    root = try UsageError.directory(path)
    self.reportOptions = reportOptions
    if let explicit = reportOptions.config {
      config = try ParapetConfig.load(URL(fileURLWithPath: explicit), displayPath: explicit)
    } else {
      let file = root.appendingPathComponent(ParapetConfig.fileName)
      config =
        FileManager.default.fileExists(atPath: file.path)
        ? try ParapetConfig.load(file, displayPath: ParapetConfig.fileName) : ParapetConfig()
    }
    try config.apply(
      environment: ProcessInfo.processInfo.environment, keys: ConfigurationKeys.bySection)
  }

  /// The secrets job, built from configuration then flags.
  /// - Parameters:
  ///   - flags: the secrets flags; nil for the configuration alone.
  ///   - mode: what secrets reads, over the flags.
  ///   - standardInput: the bytes of standard input, when PATH is `-`.
  /// - Returns: the job, its rules compiled.
  /// - Throws: configuration and rule errors, which exit 2.
  func secretsJob(
    _ flags: SecretsModeOptions?, mode: SecretsOptions.Mode? = nil, standardInput: [UInt8]? = nil
  ) throws -> SecretsJob {
    var options = SecretsOptions()
    try options.apply(config, baseDirectory: root)
    flags?.apply(to: &options, standardInput: standardInput)
    if let mode { options.mode = mode }
    let ruleSet = try RuleCatalog.ruleSet(
      gitleaksConfig: options.gitleaksConfig, allowlist: options.allowlist)
    let job = SecretsJob(options: options, ruleSet: ruleSet)
    try job.preflight(root: root)
    return job
  }

  /// The deps job, built from configuration then flags.
  /// - Parameters:
  ///   - flags: the deps flags; nil for the configuration alone.
  ///   - installedPackages: packages found outside lockfiles (an image's), as lockfiles.
  /// - Returns: the job.
  /// - Throws: configuration errors, which exit 2.
  func depsJob(_ flags: DepsModeOptions?, installedPackages: [Lockfile] = []) throws -> DepsJob {
    var options = DepsOptions()
    // In CI a missing or stale database fails closed; on a laptop it is a warning.
    options.databaseRequired = CIEvents.inCI(ProcessInfo.processInfo.environment)
    try options.apply(config, baseDirectory: root)
    flags?.apply(to: &options)
    return DepsJob(options: options, installedPackages: installedPackages)
  }

  /// The licenses job, built from configuration then flags.
  /// - Parameters:
  ///   - flags: the licenses flags.
  ///   - includeFixtures: the `--include-fixtures` flag.
  ///   - prodOnly: the `--prod-only` flag.
  ///   - installedPackages: packages found outside lockfiles (an image's), as lockfiles.
  ///   - project: the project's own license where the configuration names none (an image's
  ///     label).
  /// - Returns: the job.
  /// - Throws: configuration errors, which exit 2.
  func licensesJob(
    _ flags: LicensesModeOptions?, includeFixtures: Bool, prodOnly: Bool,
    installedPackages: [Lockfile] = [], project: String? = nil
  ) throws -> LicensesJob {
    var policy = LicensePolicy()
    try policy.apply(config)
    flags?.apply(to: &policy)
    if includeFixtures { policy.includeFixtures = true }
    if prodOnly { policy.prodOnly = true }
    if policy.project == nil { policy.project = project }
    return LicensesJob(policy: policy, installedPackages: installedPackages)
  }

  /// The signatures job, built from configuration then flags, its key files loaded.
  /// - Parameters:
  ///   - flags: the signatures flags.
  ///   - defaultCommits: the commits to check when neither flags nor configuration choose.
  /// - Returns: the job.
  /// - Throws: configuration and key file errors, which exit 2.
  func signaturesJob(
    _ flags: SignaturesModeOptions?, defaultCommits: SignaturePolicy.Commits? = nil
  ) throws -> SignaturesJob {
    try SignaturesJob(policy: signaturePolicy(flags, defaultCommits: defaultCommits))
  }

  /// The signature policy from configuration then flags.
  func signaturePolicy(
    _ flags: SignaturesModeOptions?, defaultCommits: SignaturePolicy.Commits? = nil
  ) throws -> SignaturePolicy {
    var policy = SignaturePolicy()
    if let defaultCommits { policy.commits = defaultCommits }
    try policy.apply(config, baseDirectory: root)
    flags?.apply(to: &policy)
    return policy
  }

  /// The gateway job, built from configuration then flags.
  /// - Parameters:
  ///   - flags: the gateway flags; nil for the configuration alone.
  ///   - only: the root-relative files and folders to read; empty for the whole root.
  /// - Returns: the job.
  /// - Throws: configuration errors, which exit 2.
  func gatewayJob(_ flags: GatewayModeOptions?, only: [String] = []) throws -> GatewayJob {
    var options = GatewayOptions()
    try options.apply(config, baseDirectory: root)
    flags?.apply(to: &options)
    options.only = only
    return GatewayJob(options: options)
  }

  /// Runs jobs and finishes the run.
  /// - Parameters:
  ///   - jobs: the jobs.
  ///   - timeout: how long one job may run; nil for no limit.
  ///   - ranges: what each commit-reading job was asked to cover, by job name, for the reports.
  ///   - source: what the jobs read; the work tree under the root by default.
  /// - Throws: `RunOutcome` with the exit code, always; other errors when a report cannot be written.
  func run(
    _ jobs: [any ScanJob], timeout: Duration? = nil, ranges: [String: String] = [:],
    source: (any FileSource)? = nil
  ) async throws -> Never {
    try finish(try await report(jobs, timeout: timeout, ranges: ranges, source: source))
  }

  /// Runs jobs and applies ignore files and the baseline.
  /// - Parameters:
  ///   - jobs: the jobs.
  ///   - timeout: how long one job may run; nil for no limit.
  ///   - ranges: what each commit-reading job was asked to cover, by job name.
  ///   - source: what the jobs read; the work tree under the root by default (an image's files
  ///     for `parapet image`).
  /// - Returns: the triaged run.
  /// - Throws: when the baseline cannot be read or made.
  func report(
    _ jobs: [any ScanJob], timeout: Duration? = nil, ranges: [String: String] = [:],
    source: (any FileSource)? = nil
  ) async throws -> RunReport {
    let startedAt = Date()
    var baseline = try reportOptions.baseline.map {
      try Baseline.load(URL(fileURLWithPath: $0), displayPath: $0)
    }
    if let revision = reportOptions.baselineRef {
      baseline = try await Self.baseline(of: revision, root: root, jobs: jobs, timeout: timeout)
    }
    let live = LiveStatus.onTerminal(jobs: jobs.map(\.name), quiet: reportOptions.quiet)
    live?.start()
    var results = await JobRunner(jobs: jobs, timeout: timeout, observer: live)
      .run(
        ScanContext(
          root: root, source: source, redaction: Self.redaction,
          cancellation: interruption.cancellation))
    live?.stop()
    let disabled = config.disabledRules.union(reportOptions.disableRule)
    for index in results.indices {
      if results[index].status != .skipped {
        results[index].coverage.range = ranges[results[index].job] ?? results[index].coverage.range
      }
      results[index].findings.removeAll { disabled.contains($0.ruleId) }
    }
    return Triage(
      ignoreList: ignoreList(), baseline: baseline, keepsAccepted: reportOptions.failOnNew
    ).apply(results, toolVersion: Parapet.version, startedAt: startedAt)
  }

  /// Writes the reports and the summary, and ends with the exit code.
  /// - Parameter report: the run.
  /// - Throws: `RunOutcome` with the exit code, always; other errors when a report cannot be written.
  func finish(_ report: RunReport) throws -> Never {
    let shallow = (try? GitRepository.open(containing: root.path))?.isShallow ?? false
    try Self.finish(
      report, outputs: outputs, config: config, shallow: shallow,
      interrupted: interruption.exitCode)
  }

  /// Writes the reports and the summary of a run, and ends with the exit code.
  /// - Parameters:
  ///   - report: the run.
  ///   - outputs: the checked reports and the terminal.
  ///   - config: the configuration, whose `fail-on` gates the flags override.
  ///   - shallow: whether the scanned repository is a shallow clone (`--strict` trips on it).
  ///   - interrupted: the exit code of a run stopped by a signal (130, 143).
  /// - Throws: `RunOutcome` with the exit code, always.
  static func finish(
    _ report: RunReport, outputs: ReportOutputs, config: ParapetConfig?, shallow: Bool = false,
    interrupted: Int32? = nil
  ) throws -> Never {
    let options = outputs.options
    let written = outputs.write(report) { options.gate($0, config: config) }
    // In CI a scan that could not cover everything fails closed unless told otherwise.
    let strict = options.strict ?? CIEvents.inCI(ProcessInfo.processInfo.environment)
    if strict && shallow {
      ExitStatus.printError(
        "the repository is a shallow clone, so its history cannot be covered: \(CIEvents.fetchEverything)"
      )
    }
    var code = ExitStatus.code(
      for: report, failOn: { options.gate($0, config: config) }, strict: strict, shallow: shallow)
    if code == ExitStatus.findings, let custom = options.exitCode { code = custom }
    // A report that could not be written is an error, but findings still come first.
    if !written && code == ExitStatus.clean { code = ExitStatus.usage }
    if let interrupted { code = interrupted }
    throw RunOutcome(code: code)
  }

  /// A baseline of what the jobs that read files find in a revision's tree, written to a
  /// temporary folder (the repository is not touched): with it, only new findings fail.
  private static func baseline(
    of revision: String, root: URL, jobs: [any ScanJob], timeout: Duration?
  ) async throws -> Baseline {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parapet-baseline-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
      try GitRepository.open(containing: root.path).export(revision, to: folder)
    } catch {
      throw UsageError(message: "--baseline-ref \(revision): \(error)")
    }
    let results = await JobRunner(jobs: jobs.filter { !$0.readsCommits }, timeout: timeout)
      .run(ScanContext(root: folder, redaction: Self.redaction))
    return Baseline.accepting(results.flatMap(\.findings), reason: "present in \(revision)")
  }

  /// The ignore files at the root, read through the work tree's source like every other file:
  /// one that is a link out of the repository is not read.
  private func ignoreList() -> IgnoreList {
    var list = IgnoreList()
    let source = WorkTreeSource(root: root.path)
    for name in [".parapetignore", ".gitleaksignore"] {
      if let path = SourcePath(name), let bytes = try? source.read(path) {
        list.add(fileText: String(decoding: bytes, as: UTF8.self))
      }
    }
    return list
  }

}
