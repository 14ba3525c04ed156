import Yams

/// A YAML syntax error as one line and its place. Yams describes one over several lines, with
/// the offending source line quoted under it: a report line must be one line, and must not
/// quote what might be a credential.
public struct YAMLSyntaxError: Sendable {
  /// The 1-based line, or 1 when the error has no place.
  public let line: Int
  /// What is wrong, such as `did not find expected node content (while parsing a flow node)`.
  public let message: String

  /// Reads a Yams error.
  /// - Parameter error: the error Yams threw.
  public init(_ error: YamlError) {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      line = mark.line
      let around = context.map { " (\($0.text))" } ?? ""
      message = "\(problem)\(around) at column \(mark.column)"
    case .reader(let problem, _, _, _):
      line = 1
      message = problem
    case .duplicatedKeysInMapping(let duplicates, _):
      line = 1
      message = "duplicated keys \(duplicates.sorted().joined(separator: ", "))"
    default:
      line = 1
      message = "\(error)".split(separator: "\n").first.map(String.init) ?? "malformed"
    }
  }
}
