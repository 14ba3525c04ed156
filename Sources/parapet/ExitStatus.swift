import ArgumentParser
import Foundation
import ParapetCore
import ParapetDeps
import ParapetGit
import ParapetReport
import ParapetSecrets

/// The one place that maps outcomes to exit codes: 0 clean, 1 findings at or above `--fail-on`,
/// 2 usage or configuration error, 3 a job could not run. Anything not otherwise mapped is 3,
/// never 1, because 1 means "findings".
enum ExitStatus {
  static let clean: Int32 = 0
  static let findings: Int32 = 1
  static let usage: Int32 = 2
  static let jobFailed: Int32 = 3

  /// Parses and runs a command line.
  /// - Parameter arguments: the arguments after the program name.
  /// - Returns: the exit code.
  static func run(_ arguments: [String]) async -> Int32 {
    do {
      var command = try Parapet.parseAsRoot(arguments)
      if var command = command as? AsyncParsableCommand {
        try await command.run()
      } else {
        try command.run()
      }
      return clean
    } catch let outcome as RunOutcome {
      return outcome.code
    } catch {
      return report(error)
    }
  }

  /// The exit code of a finished scan.
  /// - Parameters:
  ///   - report: the run.
  ///   - failOn: each job's threshold.
  ///   - strict: whether an incomplete job, or a shallow repository, fails the run.
  ///   - shallow: whether the scanned repository is a shallow clone.
  /// - Returns: 1 when findings reach the threshold, else 3 when a job failed (or, when strict,
  ///   was incomplete or the clone is shallow), else 0. Findings come first: they are what the
  ///   user must act on.
  static func code(
    for report: RunReport, failOn: (String) -> FailThreshold, strict: Bool, shallow: Bool = false
  ) -> Int32 {
    if report.hasFindings(failing: failOn) { return findings }
    if report.hasFailedJob || (strict && (report.hasIncompleteJob || shallow)) { return jobFailed }
    return clean
  }

  private static func report(_ error: Error) -> Int32 {
    switch error {
    case let error as ParapetCoreError:
      printError(error.description)
      return usage
    case let error as ParapetSecretsError:
      printError(error.description)
      switch error {
      case .invalidRule, .invalidRegex, .notARepository: return usage
      case .cannotScan: return jobFailed
      }
    case let error as ParapetDepsError:
      printError(error.description)
      return jobFailed
    case let error as ParapetGitError:
      printError(error.description)
      return jobFailed
    case let error as UsageError:
      printError(error.message)
      return usage
    case let error as ParapetReportError:
      printError(error.description)
      return usage
    default:
      let code = Parapet.exitCode(for: error)
      if code == .success {
        print(Parapet.fullMessage(for: error))
        return clean
      }
      if error is ValidationError || code == .validationFailure {
        FileHandle.standardError.write(Data((Parapet.fullMessage(for: error) + "\n").utf8))
        return usage
      }
      printError(Parapet.message(for: error))
      return jobFailed
    }
  }

  /// Prints an error on standard error; it may quote scanned input, so it passes the gate.
  static func printError(_ message: String) {
    Console().message("parapet: \(TerminalText.escaped(ScanPipeline.redaction(message)))\n")
  }

  /// Leaves the process with a code.
  static func exit(_ code: Int32) -> Never {
    Foundation.exit(code)
  }
}

/// A finished run's exit code, thrown out of `run()` so that `ExitStatus` returns it.
struct RunOutcome: Error {
  let code: Int32
}

/// A problem with how parapet was called that the argument parser cannot see.
struct UsageError: Error {
  let message: String

  /// The folder a PATH argument names, standardized with symlinks resolved.
  /// - Parameter path: the argument.
  /// - Returns: its absolute URL.
  /// - Throws: `UsageError` when it is not an existing folder.
  static func directory(_ path: String) throws -> URL {
    let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw UsageError(message: "\(path): no such directory")
    }
    return url
  }
}
