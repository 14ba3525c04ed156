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

  @Option(
    name: .customLong("gateway-format"),
    help: ArgumentHelp(
      "Read only these formats, comma-separated: nginx, kubernetes, kong, traefik, envoy (default: all, found by content).",
      valueName: "formats"))
  var formats: String?

  func validate() throws {
    for name in Self.names(formats) where GatewayFormat(rawValue: name) == nil {
      throw ValidationError(
        "unknown gateway format '\(name)'; formats: nginx, kubernetes, kong, traefik, envoy")
    }
  }

  private static func names(_ list: String?) -> [String] {
    (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }

  /// Sets what the flags give over the configuration.
  func apply(to options: inout GatewayOptions) {
    if let nginxPrefix {
      options.nginxPrefix = URL(fileURLWithPath: nginxPrefix).standardizedFileURL
    }
    let chosen = Self.names(formats).compactMap(GatewayFormat.init(rawValue:))
    if !chosen.isEmpty { options.formats = Set(chosen) }
  }
}

/// `parapet gateway [PATH...]`: gateway configurations against the hardening checklist.
struct GatewayCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "gateway",
    abstract:
      "Lint API-gateway configuration (nginx, Kubernetes, Kong, Traefik, Envoy; found by content) against the 10-step hardening checklist."
  )

  @Argument(
    help: ArgumentHelp(
      "The repositories, folders or files whose gateway configuration to check; reports name paths from their deepest common folder.",
      valueName: "path"))
  var paths: [String] = ["."]

  @OptionGroup var gateway: GatewayModeOptions

  @Flag(
    help:
      "Print a table per configuration: each checklist step's pass, fail or n/a, and the rules that failed it."
  )
  var checklist = false

  @OptionGroup var report: ReportOptions

  func run() async throws {
    let targets = try GatewayTargets(paths)
    let pipeline = try ScanPipeline(path: targets.root, reportOptions: report)
    let run = try await pipeline.report([try pipeline.gatewayJob(gateway, only: targets.only)])
    if checklist, let result = run.results.first {
      FileHandle.standardOutput.write(Data(GatewayChecklist.table(result).utf8))
    }
    try pipeline.finish(run)
  }
}
