import ArgumentParser
import Foundation
import ParapetCore
import ParapetDeps
import ParapetImage
import ParapetLicenses

/// `parapet image PATH`: a built image's secrets (every layer, and its configuration), its OS
/// and language packages' vulnerabilities, and its hardening (checklist step 9).
struct ImageCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "image",
    abstract:
      "Scan a container image offline: a docker-archive or oci-archive tar, or an OCI layout folder."
  )

  /// The jobs `image` runs.
  enum Job: String, CaseIterable {
    case secrets
    case deps
    case licenses
    case image
  }

  @Argument(
    help:
      "The image: `docker save` or `podman save` output, an oci-archive tar, or an OCI layout folder."
  )
  var path: String

  @Option(
    help: ArgumentHelp(
      "The platform to read, os/arch[/variant]: from a multi-platform index (default linux/amd64), or that a single image must be.",
      valueName: "platform")
  )
  var platform: String?

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Jobs to leave out, comma-separated: \(Job.allCases.map(\.rawValue).joined(separator: ", ")).",
      valueName: "jobs"))
  var skip: [String] = []

  @OptionGroup var deps: DepsModeOptions
  @OptionGroup var report: ReportOptions

  @Option(
    help: ArgumentHelp(
      "Also write a CycloneDX 1.6 JSON SBOM of the image's OS and language packages to this file.",
      valueName: "file"))
  var sbom: String?

  @Option(
    help: ArgumentHelp(
      "Stop a job that runs longer than this many seconds; it is reported as failed and the others' results are kept.",
      valueName: "seconds"))
  var jobTimeout: Int?

  private var skipped: Set<String> {
    Set(skip.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } })
  }

  func validate() throws {
    for name in skipped where Job(rawValue: name) == nil {
      throw ValidationError(
        "unknown job '\(name)'; jobs: \(Job.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    if let jobTimeout, jobTimeout <= 0 {
      throw ValidationError("--job-timeout takes a positive number of seconds")
    }
  }

  func run() async throws {
    let pipeline = try ScanPipeline(path: ".", reportOptions: report, sbom: sbom)
    let image = try Self.open(
      path, platform: platform, cancellation: pipeline.interruption.cancellation)
    let installedPackages = image.installedPackages()
    if let sink = pipeline.outputs.sbom {
      _ = try SBOMCommand.write(
        image.files, named: image.name, installedPackages: installedPackages, isImage: true,
        format: .cyclonedxJSON, to: sink, includeFixtures: deps.includeFixtures,
        reproducible: false, quiet: report.quiet)
    }
    let jobs = try Self.jobs(
      for: image, installedPackages: installedPackages, pipeline: pipeline, deps: deps,
      skipping: skipped)
    try await pipeline.run(jobs, timeout: jobTimeout.map { .seconds($0) }, source: image.files)
  }

  /// Reads an image, its errors as usage errors (exit 2, one line naming the file): what every
  /// command that takes an image calls.
  static func open(_ path: String, platform: String?, cancellation: Cancellation) throws
    -> ContainerImage
  {
    do {
      return try ContainerImage(path: path, platform: platform, cancellation: cancellation)
    } catch {
      throw UsageError(message: error.description)
    }
  }

  /// The jobs that scan an image, which `scan --image` runs too.
  /// - Parameters:
  ///   - image: the image, read.
  ///   - installedPackages: its OS packages.
  ///   - pipeline: the run, for the jobs' configuration.
  ///   - deps: the deps flags.
  ///   - skipping: the names of jobs to leave out.
  static func jobs(
    for image: ContainerImage, installedPackages: [Lockfile], pipeline: ScanPipeline,
    deps: DepsModeOptions, skipping: Set<String> = []
  ) throws -> [any ScanJob] {
    var jobs: [any ScanJob] = []
    for job in Job.allCases where !skipping.contains(job.rawValue) {
      switch job {
      case .secrets:
        jobs.append(
          ImageSecretsJob(inner: try pipeline.secretsJob(nil, mode: .noGit), image: image))
      case .deps:
        jobs.append(try pipeline.depsJob(deps, installedPackages: installedPackages))
      case .licenses:
        // The image's own license is what its label declares.
        jobs.append(
          try pipeline.licensesJob(
            nil, includeFixtures: deps.includeFixtures, prodOnly: false,
            installedPackages: installedPackages,
            project: image.config.config?.labels?["org.opencontainers.image.licenses"]))
      case .image:
        jobs.append(ImageHardeningJob(image: image))
      }
    }
    return jobs
  }
}
