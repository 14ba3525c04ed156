import Foundation

/// A throwaway folder, optionally a git repository with a fixed identity and clock, removed when
/// the value is released.
public final class TemporaryRepository {
  public let url: URL
  private var clock = 1_700_000_000

  /// Creates an empty folder.
  /// - Parameter git: run `git init` in it.
  /// - Throws: when the folder cannot be made or git fails.
  public init(git: Bool = true) throws {
    url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parapet-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    if git { try self.git("init", "-q", "-b", "main") }
  }

  deinit {
    try? FileManager.default.removeItem(at: url)
  }

  /// Writes a file, creating its folders.
  public func write(_ path: String, _ text: String) throws {
    try write(path, Data(text.utf8))
  }

  /// Writes a file's bytes, creating its folders.
  public func write(_ path: String, _ data: Data) throws {
    let file = url.appendingPathComponent(path)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try data.write(to: file)
    FuzzSeeds.keep(data, named: file.lastPathComponent)
  }

  /// Runs git in the repository with a fixed identity and date (one minute later each call).
  @discardableResult
  public func git(_ arguments: String...) throws -> String {
    clock += 60
    let result = try Command.run(
      URL(fileURLWithPath: "/usr/bin/git"), arguments, in: url,
      environment: [
        "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Ada Lovelace", "GIT_AUTHOR_EMAIL": "ada@example.org",
        "GIT_COMMITTER_NAME": "Ada Lovelace", "GIT_COMMITTER_EMAIL": "ada@example.org",
        "GIT_AUTHOR_DATE": "\(clock) +0000", "GIT_COMMITTER_DATE": "\(clock) +0000",
      ])
    guard result.status == 0 else {
      throw TemplateError("git \(arguments.joined(separator: " ")) failed: \(result.stderr)")
    }
    return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Stages everything and commits.
  /// - Returns: the new commit's id.
  @discardableResult
  public func commitAll(_ message: String) throws -> String {
    try git("add", "-A")
    try git("commit", "-q", "-m", message)
    return try git("rev-parse", "HEAD")
  }
}
