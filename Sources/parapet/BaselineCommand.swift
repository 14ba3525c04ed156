import ArgumentParser
import Foundation
import ParapetCore

/// `parapet baseline create`: accept every current finding, so only new ones fail.
struct BaselineCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "baseline", abstract: "Manage the baseline of accepted findings.",
    subcommands: [Create.self])

  struct Create: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "create",
      abstract:
        "Write one baseline that accepts every current finding of the secrets, deps and licenses jobs (salted digests, never secrets)."
    )

    @Argument(help: "The repository or folder to scan.")
    var path = "."

    @Option(
      name: .shortAndLong,
      help: ArgumentHelp(
        "Where to write the baseline (default: standard output).", valueName: "file"))
    var output: String?

    @Option(help: "Why these findings are accepted; stored with each entry.")
    var reason = "accepted when the baseline was created"

    @Option(
      help: ArgumentHelp(
        "The entries stop accepting after this date (YYYY-MM-DD).", valueName: "date"))
    var until: String?

    @OptionGroup var secrets: SecretsModeOptions
    @OptionGroup var licenses: LicensesModeOptions

    @Option(
      help: ArgumentHelp(
        "Read configuration from this file instead of PATH/.parapet.toml.", valueName: "file"))
    var config: String?

    func run() async throws {
      var options = ReportOptions()
      options.config = config
      let pipeline = try ScanPipeline(path: path, reportOptions: options)
      let jobs: [any ScanJob] = [
        // deps and licenses as .parapet.toml configures them: their flags' names (--reason,
        // --until) mean the baseline's own here.
        try pipeline.secretsJob(secrets), try pipeline.depsJob(nil),
        try pipeline.licensesJob(licenses, includeFixtures: false, prodOnly: false),
      ]
      let results = await JobRunner(jobs: jobs).run(ScanContext(root: pipeline.root))
      if let failed = results.first(where: { $0.status == .failed }) {
        throw UsageError(
          message:
            "cannot create a baseline: \(failed.notifications.map(\.message).joined(separator: "; "))"
        )
      }
      let data = try Baseline.accepting(
        results.flatMap(\.findings), reason: reason, expires: until
      ).encoded()
      if let output {
        try data.write(to: URL(fileURLWithPath: output), options: .atomic)
        let count = Set(results.flatMap(\.findings).map(\.fingerprint)).count
        print("wrote \(output): \(count) \(count == 1 ? "entry" : "entries")")
      } else {
        FileHandle.standardOutput.write(data)
      }
    }
  }
}
