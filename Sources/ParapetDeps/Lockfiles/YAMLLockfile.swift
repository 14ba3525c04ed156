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
      let syntax = YAMLSyntaxError(error)
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: syntax.line), "invalid YAML: \(syntax.message)")
    }
  }
}
