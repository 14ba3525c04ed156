import Foundation

/// A repository with a long generated history, written with `git fast-import` in one pass:
/// each commit changes a few files of a small tree, as a real project's history does.
public enum GeneratedHistory {
  /// Writes the history into a new repository.
  /// - Parameters:
  ///   - repository: an empty repository.
  ///   - commits: how many commits.
  ///   - files: how many files the commits change in turn.
  /// - Throws: when git fails.
  public static func write(into repository: TemporaryRepository, commits: Int, files: Int = 50)
    throws
  {
    var stream = ""
    for index in 1...commits {
      let file = "src/module\(index % files).py"
      let content =
        (0..<20).map { "value_\($0) = compute(\(index), \($0))" }
        .joined(separator: "\n") + "\n"
      stream += "commit refs/heads/main\n"
      stream += "committer Ada Lovelace <ada@example.org> \(1_700_000_000 + index * 60) +0000\n"
      // Without `from`, each commit after the first continues the branch.
      stream += "data \("change \(index)".utf8.count)\nchange \(index)\n"
      stream += "M 100644 inline \(file)\ndata \(content.utf8.count)\n\(content)\n"
    }
    let result = try Command.run(
      URL(fileURLWithPath: "/usr/bin/git"), ["-C", repository.url.path, "fast-import", "--quiet"],
      input: Data(stream.utf8))
    guard result.status == 0 else { throw TemplateError("git fast-import: \(result.stderr)") }
    try repository.git("reset", "-q", "--hard", "main")
  }
}
