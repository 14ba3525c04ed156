import ArgumentParser

/// `parapet deps [PATH]`: the dependency audit alone.
struct DepsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deps",
    abstract: "Find known vulnerabilities of locked dependencies in an offline OSV database.")

  @Argument(help: "The repository or folder whose lockfiles to audit.")
  var path = "."

  @OptionGroup var deps: DepsModeOptions
  @OptionGroup var report: ReportOptions

  func run() async throws {
    let pipeline = try ScanPipeline(path: path, reportOptions: report)
    try await pipeline.run([try pipeline.depsJob(deps)])
  }
}
