import ParapetCore
import Yams

/// Parsing shared by the YAML lockfiles: the document's root mapping, with an error naming the
/// line of a syntax error.
enum YAMLLockfile {
  /// The root mapping of a YAML lockfile.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: for errors.
  /// - Returns: the root node.
  /// - Throws: `ParapetDepsError.malformedLockfile` at the line of a syntax error.
  static func root(_ text: String, path: String) throws -> Node.Mapping {
    do {
      guard let mapping = try Yams.compose(yaml: text)?.mapping else {
        throw ParapetDepsError.malformedLockfile(
          SourceLocation(path: path, line: 1), "expected a YAML mapping")
      }
      return mapping
    } catch let error as YamlError {
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: line(of: error)), "invalid YAML: \(error)")
    }
  }

  private static func line(of error: YamlError) -> Int {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      mark.line
    default: 1
    }
  }
}
