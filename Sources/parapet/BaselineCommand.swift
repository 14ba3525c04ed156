import ArgumentParser
import Foundation
import ParapetCore
import ParapetReport

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
        "The OSV database the deps job reads (default: $PARAPET_DB or ~/.cache/parapet/osv).",
        valueName: "path"))
    var db: String?

    @Option(
      help: ArgumentHelp(
        "Read configuration from this file instead of PATH/.parapet.toml.", valueName: "file"))
    var config: String?

    func run() async throws {
      let sink = try ReportSink.check(output ?? "-")
      let options = try ReportOptions.parse(config.map { ["--config", $0] } ?? [])
      let pipeline = try ScanPipeline(path: path, reportOptions: options)
      let jobs: [any ScanJob] = [
        // deps and licenses as .parapet.toml configures them: their flags' names (--reason,
        // --until) mean the baseline's own here.
        try pipeline.secretsJob(secrets),
        try pipeline.depsJob(try DepsModeOptions.parse(db.map { ["--db", $0] } ?? [])),
        try pipeline.licensesJob(licenses, includeFixtures: false, prodOnly: false),
      ]
      let results = await JobRunner(jobs: jobs).run(
        ScanContext(root: pipeline.root, redaction: ScanPipeline.redaction))
      if let failed = results.first(where: { $0.status == .failed }) {
        throw UsageError(
          message:
            "cannot create a baseline: \(failed.notifications.map(\.message).joined(separator: "; "))"
        )
      }
      let data = try Baseline.accepting(
        results.flatMap(\.findings), reason: reason, expires: until
      ).encoded()
      try sink.write(data)
      if !sink.isStandardOutput {
        let count = Set(results.flatMap(\.findings).map(\.fingerprint)).count
        print("wrote \(sink.shown): \(count) \(count == 1 ? "entry" : "entries")")
      }
    }
  }
}
