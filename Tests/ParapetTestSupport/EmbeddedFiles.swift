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

  /// The embedded files that are YAML rule files written as JSON and no longer say what their
  /// file says (compared as sorted-key JSON).
  /// - Parameters:
  ///   - files: the embedded `(path, text)` pairs, each path relative to the package root.
  ///   - loadYAML: a YAML loader (the test targets have Yams; this target does not).
  /// - Returns: the stale paths.
  /// - Throws: when a file cannot be read or parsed.
  public static func staleJSONCopies(
    _ files: [(path: String, text: String)], loadYAML: (String) throws -> Any?
  ) throws -> [String] {
    try files.filter { file in
      let yaml = try loadYAML(
        String(
          contentsOf: TestPaths.packageRoot.appendingPathComponent(file.path), encoding: .utf8))
      let json = try JSONSerialization.jsonObject(with: Data(file.text.utf8))
      return try canonical(json) != canonical(yaml)
    }.map(\.path)
  }

  /// A value as sorted-key JSON, to compare what YAML and JSON parsers read.
  private static func canonical(_ value: Any?) throws -> String {
    String(
      decoding: try JSONSerialization.data(
        withJSONObject: value ?? NSNull(), options: [.sortedKeys]), as: UTF8.self)
  }
}
