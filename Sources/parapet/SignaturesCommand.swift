import ArgumentParser

/// `parapet signatures [PATH]`: commit signatures against the repository's trust policy.
struct SignaturesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "signatures",
    abstract:
      "Verify SSH and OpenPGP commit signatures in-process against a trust policy (default: HEAD's history)."
  )

  @Argument(help: "The repository.")
  var path = "."

  @OptionGroup var signatures: SignaturesModeOptions
  @OptionGroup var report: ReportOptions

  func run() async throws {
    let pipeline = try ScanPipeline(path: path, reportOptions: report)
    try await pipeline.run([try pipeline.signaturesJob(signatures)])
  }
}
