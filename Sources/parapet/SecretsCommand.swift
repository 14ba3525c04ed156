import ArgumentParser
import Foundation

/// `parapet secrets [PATH]`: the secrets job alone.
struct SecretsCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "secrets",
    abstract:
      "Find secrets in the work tree, the staged change, a commit range or the whole history.",
    discussion: "PATH '-' scans standard input.")

  @Argument(help: "The repository or folder to scan, or - for standard input.")
  var path = "."

  @OptionGroup var mode: SecretsModeOptions
  @OptionGroup var report: ReportOptions

  func validate() throws {
    if mode.cache != nil && !mode.history { throw ValidationError("--cache needs --history") }
  }

  func run() async throws {
    let standardInput = path == "-" ? [UInt8](FileHandle.standardInput.readDataToEndOfFile()) : nil
    let pipeline = try ScanPipeline(path: path == "-" ? "." : path, reportOptions: report)
    try await pipeline.run([try pipeline.secretsJob(mode, standardInput: standardInput)])
  }
}
