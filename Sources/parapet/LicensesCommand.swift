import ArgumentParser

/// `parapet licenses [PATH]`: the license audit alone.
struct LicensesCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "licenses",
    abstract: "Check the licenses of locked dependencies against an SPDX license policy, offline.")

  @Argument(help: "The repository or folder whose lockfiles to audit.")
  var path = "."

  @OptionGroup var licenses: LicensesModeOptions

  @Flag(help: "Also read lockfiles in node_modules, vendor, testdata and fixture folders.")
  var includeFixtures = false

  @Flag(help: "Leave out dev, optional and peer dependencies.")
  var prodOnly = false

  @OptionGroup var report: ReportOptions

  func run() async throws {
    let pipeline = try ScanPipeline(path: path, reportOptions: report)
    let job = try pipeline.licensesJob(
      licenses, includeFixtures: includeFixtures, prodOnly: prodOnly)
    try await pipeline.run([job])
  }
}
