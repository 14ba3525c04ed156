import ArgumentParser
import Foundation

/// The `parapet` command: every job, and the tools around them.
struct Parapet: AsyncParsableCommand {
  static let version = "0.1.0"

  /// The `--version` line: the version, and for a release the commit and build date.
  static var versionLine: String {
    guard let commit = BuildInfo.commit, let date = BuildInfo.date else { return version }
    return "\(version) (commit \(commit.prefix(12)), built \(date))"
  }

  static let configuration = CommandConfiguration(
    commandName: "parapet",
    abstract:
      "Guard a repository: secrets, vulnerable dependencies, licenses, commit signatures, gateway hardening, SBOMs, and the reports CI and code scanning read.",
    version: versionLine,
    subcommands: [
      ScanCommand.self, SecretsCommand.self, DepsCommand.self, LicensesCommand.self,
      SignaturesCommand.self, GatewayCommand.self, SBOMCommand.self, DatabaseCommand.self,
      RulesCommand.self,
      BaselineCommand.self, HookCommand.self, CICommand.self, InitCommand.self,
      AuditCommand.self, ReportCommand.self,
    ])
}

/// Parapet's own entry point, so that `ExitStatus` alone decides the exit code.
@main
enum Main {
  static func main() async {
    let code = await ExitStatus.run(Array(CommandLine.arguments.dropFirst()))
    ExitStatus.exit(code)
  }
}
