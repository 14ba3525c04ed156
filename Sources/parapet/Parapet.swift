import ArgumentParser
import Foundation
import ParapetGit

/// The `parapet` command: every job, and the tools around them.
struct Parapet: AsyncParsableCommand {
  static let version = "0.1.0"

  /// Where Parapet's releases and GitHub Action are published, and its container image.
  static let repository = "parapet-dev/parapet"
  static let image = "ghcr.io/parapet-dev/parapet"

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
      SignaturesCommand.self, GatewayCommand.self, ImageCommand.self, SBOMCommand.self,
      DatabaseCommand.self,
      RulesCommand.self,
      BaselineCommand.self, HookCommand.self, CICommand.self, InitCommand.self,
      AuditCommand.self, ReportCommand.self, VersionCommand.self, CompletionCommand.self,
    ])
}

/// Parapet's own entry point, so that `ExitStatus` alone decides the exit code. It is not an
/// `async` main: that drains the main queue with `dispatch_main`, which ends the main thread with
/// `pthread_exit`, and glibc then loads libgcc_s to unwind it, a library the release binary
/// (glibc only) and its container image do not have. The main thread waits for the run instead.
@main
enum Main {
  static func main() {
    // A closed pipe (`| head -1`) must not kill the run: writes to it fail with EPIPE instead,
    // and the run ends with its own exit code.
    signal(SIGPIPE, SIG_IGN)
    GitRepository.shareOneAllocatorArena()
    let finished = DispatchSemaphore(value: 0)
    let outcome = ExitCodeBox()
    let arguments = Array(CommandLine.arguments.dropFirst())
    Task.detached {
      outcome.code = await ExitStatus.run(arguments)
      finished.signal()
    }
    finished.wait()
    ExitStatus.exit(outcome.code)
  }
}

/// The run's exit code, handed from its task to the main thread (after the semaphore).
private final class ExitCodeBox: @unchecked Sendable {
  var code: Int32 = ExitStatus.jobFailed
}
