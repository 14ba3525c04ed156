import Foundation
import ParapetCore
import ParapetReport

/// Where a run's reports go and the terminal it prints to, checked before any job starts: a
/// report path that cannot be written is a usage error at once (exit 2), not a surprise after
/// the scan, and no two reports share a file or standard output.
struct ReportOutputs {
  let options: ReportOptions
  /// Each report asked for, with its sink.
  let reports: [(format: ReportOptions.Format, sink: ReportSink)]
  /// The `--sbom` file of `scan`.
  let sbom: ReportSink?
  let console: Console
  /// In a git hook, what it stops (`commit`, `push`): it then prints only what blocks it.
  var hook: String?
  /// Print the upgrade plan (`deps --fix-plan`) rather than the findings.
  var fixPlan = false

  /// Checks every report path.
  /// - Parameters:
  ///   - options: the report flags.
  ///   - sbom: the `--sbom` path, when asked for.
  /// - Returns: the checked outputs.
  /// - Throws: `ParapetReportError.invalidPath` for the first path that cannot be written.
  static func check(_ options: ReportOptions, sbom: String? = nil) throws -> ReportOutputs {
    let requested = options.requested
    let sinks = try ReportSink.check(
      requested.map { ($0.flag, $0.path) } + (sbom.map { [("--sbom", $0)] } ?? []))
    let reports = zip(requested, sinks).map { ($0.format, $1) }
    return ReportOutputs(
      options: options, reports: reports, sbom: sbom == nil ? nil : sinks.last,
      console: Console(reportTakesStandardOutput: sinks.contains(where: \.isStandardOutput)))
  }

  /// Writes every report, then the terminal summary (in a hook, only what blocks it). A report
  /// that fails to write is named on standard error and the others are still written.
  /// - Parameters:
  ///   - report: the run.
  ///   - gate: each job's threshold, for what a hook says blocks.
  /// - Returns: whether every report was written.
  func write(_ report: RunReport, gate: (String) -> FailThreshold) -> Bool {
    var written = true
    for (format, sink) in reports {
      do {
        try sink.write(try Self.render(report, format, options: options, shown: sink.shown))
      } catch {
        ExitStatus.printError("\(error)")
        written = false
      }
    }
    if let hook {
      let blocking = report.results.flatMap { result in
        result.findings.filter {
          gate(result.job).fails($0.severity) && $0.properties["baseline"] != .bool(true)
        }
      }
      console.message(SummaryWriter.messages(report, quiet: true))
      console.message(HookReportWriter.render(blocking, action: hook))
      return written
    }
    console.message(SummaryWriter.messages(report, quiet: options.quiet))
    if fixPlan {
      console.result(FixPlanWriter.render(report))
      return written
    }
    console.result(
      SummaryWriter.render(
        report, color: color, quiet: options.quiet, verbose: options.verbose))
    return written
  }

  /// Whether the terminal gets colour.
  var color: Bool {
    let environment = ProcessInfo.processInfo.environment
    switch options.color {
    case .always: return true
    case .never: return false
    case .auto:
      if let force = environment["CLICOLOR_FORCE"], !force.isEmpty, force != "0" { return true }
      return console.resultsAreTerminal && environment["NO_COLOR"] == nil
    }
  }

  private static func render(
    _ report: RunReport, _ format: ReportOptions.Format, options: ReportOptions, shown: String
  ) throws -> Data {
    switch format {
    case .sarif: return try SARIFWriter.render(report)
    case .junit: return JUnitWriter.render(report, flavor: options.junitFlavor)
    case .json: return try JSONWriter.render(report)
    case .markdown:
      let full = options.json ?? options.sarif ?? "the JSON report (--json)"
      return Data(MarkdownWriter.render(report, fullReport: full).utf8)
    case .html: return Data(HTMLWriter.render(report).utf8)
    }
  }
}
