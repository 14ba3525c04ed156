import ArgumentParser
import ParapetCore
import ParapetReport

extension Severity: ExpressibleByArgument {}

extension FailThreshold: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
  public static var allValueStrings: [String] { names }
}
extension JUnitWriter.Flavor: ExpressibleByArgument {}

/// A `--fail-on` value: a threshold for every job (`high`), or for one (`deps=never`).
struct FailGate: ExpressibleByArgument {
  let job: String?
  let threshold: FailThreshold

  init?(argument: String) {
    let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
    guard let threshold = FailThreshold(parts.last ?? "") else { return nil }
    if parts.count == 2 {
      guard ParapetConfig.sections.contains(parts[0]) else { return nil }
      job = parts[0]
    } else {
      job = nil
    }
    self.threshold = threshold
  }
}

/// The flags every scanning command shares: reports, thresholds, baseline, configuration, and
/// how the terminal is written.
struct ReportOptions: ParsableArguments {
  /// A report format, for `-f/--format` with `-o/--output`.
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case sarif, junit, json, markdown, html
  }

  /// When the terminal is coloured.
  enum ColorChoice: String, CaseIterable, ExpressibleByArgument {
    case auto, always, never
  }

  @Option(
    help: ArgumentHelp(
      "Write a SARIF 2.1.0 report to this file ('-' for standard output).", valueName: "file"))
  var sarif: String?

  @Option(
    help: ArgumentHelp("Write a JUnit XML report to this file ('-': stdout).", valueName: "file"))
  var junit: String?

  @Option(help: "JUnit dialect: ant (plain, XSD-valid) or gitlab (adds testcase@file).")
  var junitFlavor: JUnitWriter.Flavor = .ant

  @Option(help: ArgumentHelp("Write a JSON report to this file ('-': stdout).", valueName: "file"))
  var json: String?

  @Option(
    help: ArgumentHelp(
      "Write a Markdown report (GitHub step summaries, merge request comments; at most 65,000 characters) to this file ('-': stdout).",
      valueName: "file"))
  var markdown: String?

  @Option(
    help: ArgumentHelp(
      "Write a self-contained HTML report (no network, no scripts from elsewhere) to this file ('-': stdout).",
      valueName: "file"))
  var html: String?

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "The report format --output writes, as gitleaks and trivy take it: sarif, junit, json, markdown, html (without --output: to standard output).",
      valueName: "format"))
  var format: Format?

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp(
      "Write the --format report (default json) to this file ('-': standard output).",
      valueName: "file"))
  var output: String?

  @Option(
    help: ArgumentHelp(
      "Exit 1 when a finding is at or above this severity, or never (default: low, or fail-on in .parapet.toml); JOB=SEVERITY gates one job (repeatable: --fail-on high --fail-on deps=never).",
      valueName: "severity"))
  var failOn: [FailGate] = []

  @Option(
    help: ArgumentHelp(
      "Leave out the findings of this rule, in every job (repeatable; also [rules] disable).",
      valueName: "id"))
  var disableRule: [String] = []

  @Option(
    help: ArgumentHelp(
      "The exit code when findings fail the run (default 1), as gitleaks' --exit-code.",
      valueName: "code"))
  var exitCode: Int32?

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
    name: .shortAndLong,
    help: ArgumentHelp(
      "Read configuration from this file instead of PATH/.parapet.toml.", valueName: "file"))
  var config: String?

  @Flag(name: .shortAndLong, help: "Print only the totals line and errors.")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Print every finding, not the first 20 of each job.")
  var verbose = false

  @Option(
    help: ArgumentHelp(
      "Colour the terminal: auto (a terminal, and NO_COLOR unset; CLICOLOR_FORCE forces it), always, never.",
      valueName: "when"))
  var color: ColorChoice = .auto

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
    if let exitCode, !(1...255).contains(exitCode) || [2, 3].contains(exitCode) {
      throw ValidationError(
        "--exit-code takes 1 or 4 to 255 (2 and 3 mean a usage error and a job that could not run)")
    }
    if quiet && verbose { throw ValidationError("--quiet and --verbose exclude one another") }
  }

  /// The threshold of a job: a flag for that job, the flag for all, the job's `fail-on` in the
  /// configuration, the configuration's, else `low`.
  /// - Parameters:
  ///   - job: the job.
  ///   - config: the loaded configuration.
  /// - Returns: the threshold.
  func gate(_ job: String, config: ParapetConfig?) -> FailThreshold {
    failOn.last { $0.job == job }?.threshold ?? failOn.last { $0.job == nil }?.threshold
      ?? config?.failOn(job: job) ?? .severity(.low)
  }

  /// Every report asked for: the flag that asked, its path and its format.
  var requested: [(flag: String, path: String, format: Format)] {
    var reports: [(String, String?, Format)] = [
      ("--sarif", sarif, .sarif), ("--junit", junit, .junit), ("--json", json, .json),
      ("--markdown", markdown, .markdown), ("--html", html, .html),
    ]
    if format != nil || output != nil {
      reports.append(("--output", output ?? "-", format ?? .json))
    }
    return reports.compactMap { flag, path, format in path.map { (flag, $0, format) } }
  }
}
