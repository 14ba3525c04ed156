import ArgumentParser

/// `parapet deps [PATH]`: the dependency audit alone.
struct DepsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "deps",
    abstract: "Find known vulnerabilities of locked dependencies in an offline OSV database.")

  @Argument(help: "The repository or folder whose lockfiles to audit.")
  var path = "."

  @OptionGroup var deps: DepsModeOptions

  @Flag(
    help:
      "Print the upgrade plan instead of the findings: per vulnerable package, the one version that fixes all its vulnerabilities, and the direct dependency that pulls a transitive one in."
  )
  var fixPlan = false

  @OptionGroup var report: ReportOptions

  func run() async throws {
    var pipeline = try ScanPipeline(path: path, reportOptions: report)
    pipeline.outputs.fixPlan = fixPlan
    try await pipeline.run([try pipeline.depsJob(deps)])
  }
}
