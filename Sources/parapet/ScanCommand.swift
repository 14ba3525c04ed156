import ArgumentParser
import ParapetCore

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
  }

  @Argument(help: "The repository or folder to scan.")
  var path = "."

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "The jobs to run, comma-separated (default: all: \(Job.allCases.map(\.rawValue).joined(separator: ", "))).",
      valueName: "jobs"))
  var jobs: [String] = []

  @OptionGroup var secrets: SecretsModeOptions
  @OptionGroup var deps: DepsModeOptions
  @OptionGroup var licenses: LicensesModeOptions
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
    let chosen = selected.isEmpty ? Job.allCases : selected.compactMap(Job.init(rawValue:))
    var scanJobs: [any ScanJob] = []
    for job in chosen {
      switch job {
      case .secrets: scanJobs.append(try pipeline.secretsJob(secrets))
      case .deps: scanJobs.append(try pipeline.depsJob(deps))
      case .licenses:
        scanJobs.append(
          try pipeline.licensesJob(
            licenses, includeFixtures: deps.includeFixtures, prodOnly: deps.prodOnly))
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
