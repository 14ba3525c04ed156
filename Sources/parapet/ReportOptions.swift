import ArgumentParser
import ParapetCore
import ParapetReport

extension Severity: ExpressibleByArgument {}

extension FailThreshold: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
  public static var allValueStrings: [String] { names }
}
extension JUnitWriter.Flavor: ExpressibleByArgument {}

/// The flags every scanning command shares: reports, thresholds, baseline, configuration.
struct ReportOptions: ParsableArguments {
  @Option(help: ArgumentHelp("Write a SARIF 2.1.0 report to this file.", valueName: "file"))
  var sarif: String?

  @Option(help: ArgumentHelp("Write a JUnit XML report to this file.", valueName: "file"))
  var junit: String?

  @Option(help: "JUnit dialect: ant (plain, XSD-valid) or gitlab (adds testcase@file).")
  var junitFlavor: JUnitWriter.Flavor = .ant

  @Option(help: ArgumentHelp("Write a JSON report to this file.", valueName: "file"))
  var json: String?

  @Option(
    help: ArgumentHelp(
      "Write a Markdown report (GitHub step summaries, merge request comments; at most 65,000 characters) to this file.",
      valueName: "file"))
  var markdown: String?

  @Option(
    help: ArgumentHelp(
      "Exit 1 when a finding is at or above this severity (default: low, or fail-on in .parapet.toml).",
      valueName: "severity"))
  var failOn: FailThreshold?

  @Option(help: ArgumentHelp("Leave out findings this baseline accepts.", valueName: "file"))
  var baseline: String?

  @Option(
    help: ArgumentHelp(
      "Accept the findings the same jobs find in this revision's tree (such as main): only new ones fail.",
      valueName: "rev"))
  var baselineRef: String?

  @Flag(
    help:
      "Keep the findings the baseline accepts in the reports, marked baseline: true; only new ones fail."
  )
  var failOnNew = false

  @Option(
    help: ArgumentHelp(
      "Read configuration from this file instead of PATH/.parapet.toml.", valueName: "file"))
  var config: String?

  @Flag(help: "Print only the totals line and errors.")
  var quiet = false

  @Flag(
    inversion: .prefixedNo,
    help:
      "Exit 3 when a job could not cover everything it was asked to, or the repository is a shallow clone (default: on in CI, off elsewhere)."
  )
  var strict: Bool?

  func validate() throws {
    if failOnNew && baseline == nil && baselineRef == nil {
      throw ValidationError("--fail-on-new needs --baseline or --baseline-ref")
    }
    if baseline != nil && baselineRef != nil {
      throw ValidationError("--baseline and --baseline-ref exclude one another")
    }
  }
}
