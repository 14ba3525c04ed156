import ArgumentParser
import Foundation
import ParapetCore
import ParapetReport

/// `parapet report merge`: the JSON reports of shards as one set of SARIF, JUnit and JSON.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report", abstract: "Combine reports.", subcommands: [Merge.self])

  struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "merge",
      abstract:
        "Merge the JSON reports of shards (they carry everything) into one SARIF, JUnit and JSON set; exit code as for one run."
    )

    @Argument(help: ArgumentHelp("The shards' JSON reports.", valueName: "json"))
    var reports: [String]

    @OptionGroup var report: ReportOptions

    func run() throws {
      let outputs = try ReportOutputs.check(report)
      let runs = try reports.map { path -> RunReport in
        guard let data = FileManager.default.contents(atPath: path) else {
          throw ParapetCoreError.io(path: path, "cannot read report")
        }
        return try JSONReportReader.read(data, path: path)
      }
      try ScanPipeline.finish(RunReport.merged(runs), outputs: outputs, configuredFailOn: nil)
    }
  }
}
