import Foundation

/// Compares a module's embedded copy of rule files (what `ci/embed-rules.sh` generates) with the
/// files themselves.
public enum EmbeddedFiles {
  /// What differs between the embedded files and a folder's files with an extension.
  /// - Parameters:
  ///   - files: the embedded `(path, text)` pairs.
  ///   - folder: the folder, relative to the package root, such as `rules/gateway`.
  ///   - pathExtension: the files' extension, such as `yaml`.
  /// - Returns: one line per stale or missing file; empty when the copy is current.
  /// - Throws: when the folder cannot be listed or a file read.
  public static func staleness(
    _ files: [(path: String, text: String)], folder: String, pathExtension: String
  ) throws -> [String] {
    let names = try FileManager.default.contentsOfDirectory(
      atPath: TestPaths.packageRoot.appendingPathComponent(folder).path
    ).filter { $0.hasSuffix(".\(pathExtension)") }.sorted()
    var problems: [String] = []
    if files.map(\.path) != names.map({ "\(folder)/\($0)" }) {
      problems.append("the embedded files are not the files of \(folder): run ci/embed-rules.sh")
    }
    for file in files {
      let text = try String(
        contentsOf: TestPaths.packageRoot.appendingPathComponent(file.path), encoding: .utf8)
      if file.text + "\n" != text {
        problems.append("\(file.path) is stale: run ci/embed-rules.sh")
      }
    }
    return problems
  }
}
