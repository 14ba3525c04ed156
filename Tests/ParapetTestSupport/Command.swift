import Foundation

/// Runs a program and captures what it prints.
public struct CommandResult {
  public let status: Int32
  public let stdout: String
  public let stderr: String
}

public enum Command {
  /// Runs an executable and waits for it.
  /// - Parameters:
  ///   - executable: the program.
  ///   - arguments: its arguments.
  ///   - directory: its working directory.
  ///   - input: what to write to its standard input.
  ///   - environment: extra variables.
  /// - Returns: its exit status and output.
  /// - Throws: when the program cannot be started.
  @discardableResult
  public static func run(
    _ executable: URL, _ arguments: [String], in directory: URL? = nil, input: Data? = nil,
    environment: [String: String] = [:]
  ) throws -> CommandResult {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    // Output goes to files, not pipes, so that a large output can never block the process.
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parapet-cmd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outURL = folder.appendingPathComponent("out")
    let errURL = folder.appendingPathComponent("err")
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let out = try FileHandle(forWritingTo: outURL)
    let err = try FileHandle(forWritingTo: errURL)
    let inPipe = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = inPipe
    // A program that exits before reading all its input must not kill the test run.
    signal(SIGPIPE, SIG_IGN)
    try process.run()
    if let input { inPipe.fileHandleForWriting.write(input) }
    try inPipe.fileHandleForWriting.close()
    process.waitUntilExit()
    try out.close()
    try err.close()
    return CommandResult(
      status: process.terminationStatus,
      stdout: String(decoding: (try? Data(contentsOf: outURL)) ?? Data(), as: UTF8.self),
      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
  }

  /// The CI variables `parapet scan` reads, blanked: a test that wants CI mode sets them itself,
  /// so that the suite behaves the same on a laptop and in CI.
  public static let outsideCI = [
    "NO_COLOR": "1", "CI": "", "GITHUB_BASE_REF": "", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "",
    "CI_DEFAULT_BRANCH": "", "GITHUB_ACTIONS": "", "GITHUB_EVENT_NAME": "", "GITHUB_EVENT_PATH": "",
    "GITLAB_CI": "", "CI_PIPELINE_SOURCE": "", "CI_COMMIT_SHA": "", "CI_COMMIT_BEFORE_SHA": "",
    "CI_MERGE_REQUEST_DIFF_BASE_SHA": "", "CI_COMMIT_BRANCH": "", "CI_COMMIT_REF_NAME": "",
  ]

  /// Runs the built `parapet`, as outside CI.
  @discardableResult
  public static func parapet(
    _ arguments: [String], in directory: URL? = nil, input: Data? = nil
  ) throws -> CommandResult {
    try run(TestPaths.binary, arguments, in: directory, input: input, environment: outsideCI)
  }
}
