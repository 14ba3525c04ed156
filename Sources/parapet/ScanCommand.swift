import ArgumentParser
import Foundation
import ParapetCore
import ParapetGit
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
    if [preCommit, prePush, ci, audit].filter({ $0 }).count > 1 {
      throw ValidationError("--pre-commit, --pre-push, --ci and --audit exclude one another")
    }
    let secretsFlags = secrets.staged || secrets.history || secrets.range != nil || secrets.noGit
    if (preCommit || prePush || ci || audit) && secretsFlags {
      throw ValidationError(
        "a mode (--pre-commit, --pre-push, --ci, --audit) chooses what secrets reads; leave out --staged, --history, --range and --no-git"
      )
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
    return CIEnvironment.inCI(environment) && !secretsFlags ? .ci : .tree
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
    let pipeline = try ScanPipeline(path: path, reportOptions: report)
    let environment = ProcessInfo.processInfo.environment
    let mode = mode(environment)
    let isRepository = (try? GitRepository.open(containing: pipeline.root.path)) != nil
    var chosen =
      selected.isEmpty ? Self.defaultJobs(mode) : selected.compactMap(Job.init(rawValue:))
    chosen.removeAll { skipped.contains($0.rawValue) }
    // Commit signatures need a repository; a scan of a plain folder leaves them out.
    if selected.isEmpty && !isRepository { chosen.removeAll { $0 == .signatures } }
    let base = CIEnvironment.base(root: pipeline.root, environment: environment)
    var secretsMode = secrets
    var signatureCommits: SignaturePolicy.Commits = .range("HEAD..HEAD")
    switch mode {
    case .tree: if let base { signatureCommits = .range("\(base)..HEAD") }
    case .preCommit: secretsMode.staged = true
    case .prePush:
      let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
      secretsMode.range = CIEnvironment.pushedRange(input) ?? "HEAD..HEAD"
    case .ci:
      if let base {
        secretsMode.range = "\(base)..HEAD"
        signatureCommits = .range("\(base)..HEAD")
      }
    case .audit:
      if isRepository { secretsMode.history = true }
      signatureCommits = .all
    }
    var scanJobs: [any ScanJob] = []
    for job in chosen {
      switch job {
      case .secrets: scanJobs.append(try pipeline.secretsJob(secretsMode))
      case .deps: scanJobs.append(try pipeline.depsJob(deps))
      case .licenses:
        scanJobs.append(
          try pipeline.licensesJob(
            licenses, includeFixtures: deps.includeFixtures, prodOnly: deps.prodOnly))
      case .signatures:
        scanJobs.append(try pipeline.signaturesJob(signatures, defaultCommits: signatureCommits))
      case .gateway:
        let job = try pipeline.gatewayJob(gateway)
        scanJobs.append(mode == .preCommit ? StagedGatewayJob(inner: job) : job)
      }
    }
    if let sbom {
      // Written before the jobs run, so the SBOM is there even when findings end the run.
      try SBOMCommand.write(
        root: pipeline.root, format: .cyclonedxJSON, output: sbom,
        includeFixtures: deps.includeFixtures,
        reproducible: false, quiet: report.quiet)
    }
    try await pipeline.run(scanJobs, timeout: jobTimeout.map { .seconds($0) })
  }
}
