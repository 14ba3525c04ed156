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
        "Merge the JSON reports of shards (they carry everything), and other tools' SARIF files (each run kept as its own), into one SARIF, JUnit and JSON set; exit code as for one run."
    )

    @Argument(
      help: ArgumentHelp(
        "Parapet's JSON reports, and SARIF files of other tools (bandit, semgrep, ESLint, clippy).",
        valueName: "report"))
    var reports: [String]

    @OptionGroup var report: ReportOptions

    func run() throws {
      let outputs = try ReportOutputs.check(report)
      let runs = try reports.map { path -> RunReport in
        let data: Data
        do throws(FileBytes.Failure) {
          data = Data(try FileBytes.read(path))
        } catch {
          throw ParapetCoreError.io(path: path, "cannot read report: \(error.reason)")
        }
        if let object = try? JSONSerialization.jsonObject(with: data),
          SARIFReportReader.isSARIF(object)
        {
          return RunReport(
            toolVersion: Parapet.version, results: try SARIFReportReader.read(data, path: path))
        }
        return try JSONReportReader.read(data, path: path)
      }
      try ScanPipeline.finish(RunReport.merged(runs), outputs: outputs, config: nil)
    }
  }
}
