import ArgumentParser
import Foundation
import ParapetGateway

/// The flags of the gateway job.
struct GatewayModeOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "nginx's --prefix: relative include paths resolve against it first (default: the including file's folder).",
      valueName: "dir"))
  var nginxPrefix: String?

  /// The job.
  func job() -> GatewayJob {
    GatewayJob(nginxPrefix: nginxPrefix.map { URL(fileURLWithPath: $0).standardizedFileURL })
  }
}

/// `parapet gateway [PATH]`: gateway configurations against the hardening checklist.
struct GatewayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gateway",
    abstract:
      "Lint API-gateway configuration (nginx, found by content) against the 10-step hardening checklist."
  )

  @Argument(help: "The repository or folder whose gateway configuration to check.")
  var path = "."

  @OptionGroup var gateway: GatewayModeOptions
  @OptionGroup var report: ReportOptions

  func run() async throws {
    let pipeline = try ScanPipeline(path: path, reportOptions: report)
    try await pipeline.run([gateway.job()])
  }
}
