import ArgumentParser
import Foundation
import ParapetCore
import ParapetGit

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
  @OptionGroup var report: ReportOptions

  @Option(
    help: ArgumentHelp(
      "Also write a CycloneDX 1.6 JSON SBOM of the lockfiles to this file (SOURCE_DATE_EPOCH makes it reproducible).",
      valueName: "file"))
  var sbom: String?

  func validate() throws {
    for name in selected where Job(rawValue: name) == nil {
      throw ValidationError(
        "unknown job '\(name)'; jobs: \(Job.allCases.map(\.rawValue).joined(separator: ", "))")
    }
  }

  private var selected: [String] {
    jobs.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
  }

  func run() async throws {
    let pipeline = try ScanPipeline(path: path, reportOptions: report)
    let environment = ProcessInfo.processInfo.environment
    // Signatures are checked by default in CI only, and only in a git repository: outside CI,
    // a branch's commits are often not signed yet.
    let checksSignatures =
      SignatureScope.inCI(environment)
      && (try? GitRepository.open(containing: pipeline.root.path)) != nil
    let chosen =
      selected.isEmpty
      ? Job.allCases.filter { $0 != .signatures || checksSignatures }
      : selected.compactMap(Job.init(rawValue:))
    var scanJobs: [any ScanJob] = []
    for job in chosen {
      switch job {
      case .secrets: scanJobs.append(try pipeline.secretsJob(secrets))
      case .deps: scanJobs.append(try pipeline.depsJob(deps))
      case .licenses:
        scanJobs.append(
          try pipeline.licensesJob(
            licenses, includeFixtures: deps.includeFixtures, prodOnly: deps.prodOnly))
      case .signatures:
        scanJobs.append(
          try pipeline.signaturesJob(
            signatures,
            defaultCommits: SignatureScope.commits(root: pipeline.root, environment: environment)))
      }
    }
    if let sbom {
      // Written before the jobs run, so the SBOM is there even when findings end the run.
      try SBOMCommand.write(
        root: pipeline.root, format: .cyclonedxJSON, output: sbom,
        includeFixtures: deps.includeFixtures,
        reproducible: false, quiet: report.quiet)
    }
    try await pipeline.run(scanJobs)
  }
}
