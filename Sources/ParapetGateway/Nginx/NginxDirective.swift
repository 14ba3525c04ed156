/// One nginx directive: its name and arguments, where it stands, and its block when it has one.
public struct NginxDirective: Sendable {
  /// An argument as written (quotes removed, escapes resolved), and where it starts.
  public struct Argument: Sendable {
    public var text: String
    public var line: Int
    public var column: Int
  }

  public var name: String
  public var arguments: [Argument]
  /// The file it is in, repo-relative.
  public var path: String
  public var line: Int
  public var column: Int
  /// The directives inside `{ … }`, or nil for a simple directive.
  public var block: [NginxDirective]?
  /// The line of the block's closing brace, for a block directive.
  public var blockEnd: Int?

  /// The arguments' texts.
  public var values: [String] { arguments.map(\.text) }

  /// The directives of the block with this name, in order.
  public func children(_ name: String) -> [NginxDirective] {
    (block ?? []).filter { $0.name == name }
  }

  /// The last directive of the block with this name (the one nginx uses).
  public func child(_ name: String) -> NginxDirective? {
    block?.last { $0.name == name }
  }
}
