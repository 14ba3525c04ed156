import Foundation
import TOMLKit

/// A TOML file parsed into `TOMLData`, keeping its text so errors can name the line of a key.
///
/// TOMLKit reports positions for syntax errors but not for the keys of a parsed table, so the
/// line of a key is found again in the text; that is enough for one-line error messages.
public struct TOMLDocument: Sendable {
  /// The path used in error messages.
  public let path: String
  public private(set) var root: [String: TOMLData]
  /// Keys set by environment variables (`deps.max-db-age` → `PARAPET_DEPS_MAX_DB_AGE`): an
  /// error about one names the variable, not a line.
  private var overriddenBy: [String: String] = [:]
  private let lines: [Substring]
  /// Table headers (`[x]`, `[[x]]`) → the 1-based lines where they stand, found in one pass.
  private let headers: [String: [Int]]

  /// Parses TOML text.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: the name used in error messages.
  /// - Throws: `ParapetCoreError.invalidConfiguration` at the line and column of a syntax error.
  public init(text: String, path: String) throws {
    self.path = path
    self.lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var headers: [String: [Int]] = [:]
    for (index, line) in lines.enumerated() {
      let trimmed = line.drop { $0 == " " || $0 == "\t" }
      guard trimmed.first == "[" else { continue }
      // A comment may follow the header: `[table] # why`.
      var header = trimmed.prefix { $0 != "#" }
      while let last = header.last, last == " " || last == "\t" || last == "\r" {
        header = header.dropLast()
      }
      headers[String(header), default: []].append(index + 1)
    }
    self.headers = headers
    if let problem = TOMLSyntaxGuard.problem(in: text) {
      throw ParapetCoreError.invalidConfiguration(
        SourceLocation(path: path, line: problem.line, column: problem.column),
        "invalid TOML: \(problem.message)")
    }
    do {
      let table = try TOMLTable(string: text)
      self.root = Self.convert(table)
    } catch let error as TOMLParseError {
      let location = SourceLocation(
        path: path, line: error.source.begin.line, column: error.source.begin.column)
      throw ParapetCoreError.invalidConfiguration(location, "invalid TOML: \(error.description)")
    }
  }

  /// Reads and parses a TOML file.
  /// - Parameters:
  ///   - url: the file.
  ///   - displayPath: the name used in error messages.
  /// - Returns: the parsed document.
  /// - Throws: `ParapetCoreError` when the file is unreadable, not UTF-8, or not TOML.
  public static func load(_ url: URL, displayPath: String) throws -> TOMLDocument {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ParapetCoreError.io(path: displayPath, "cannot read file")
    }
    guard let text = String(validatingUTF8Data: data) else {
      throw ParapetCoreError.invalidConfiguration(
        SourceLocation(path: displayPath, line: 1), "file is not valid UTF-8")
    }
    return try TOMLDocument(text: text, path: displayPath)
  }

  /// Sets a key from an environment variable, over the file's value.
  /// - Parameters:
  ///   - key: the key.
  ///   - section: its table, or nil for the top level.
  ///   - value: the value.
  ///   - variable: the variable's name, for errors.
  public mutating func override(
    _ key: String, in section: String?, with value: TOMLData, by variable: String
  ) {
    if let section {
      var table = root[section]?.table ?? [:]
      table[key] = value
      root[section] = .table(table)
      overriddenBy["[\(section)].\(key)"] = variable
    } else {
      root[key] = value
      overriddenBy[key] = variable
    }
  }

  /// The 1-based line where `key` is assigned inside a table, searched from that table's header.
  /// - Parameters:
  ///   - key: the bare key.
  ///   - header: the table header such as `[secrets]` or `[[rules]]`; nil for the top level.
  ///   - occurrence: which occurrence of an array-of-tables header, 0-based.
  /// - Returns: the line, or the header's line (or 1) when the key is not written on its own.
  public func line(ofKey key: String, under header: String? = nil, occurrence: Int = 0) -> Int {
    let start = header.flatMap { headerLine($0, occurrence: occurrence) } ?? 1
    for index in (start - 1)..<lines.count {
      let line = lines[index].drop { $0 == " " || $0 == "\t" }
      if index >= start, line.hasPrefix("[") { break }
      if line.hasPrefix(key) || line.hasPrefix("\"\(key)\"") {
        let rest = line.dropFirst(line.hasPrefix(key) ? key.count : key.count + 2)
        if rest.drop(while: { $0 == " " }).hasPrefix("=") { return index + 1 }
      }
    }
    return start
  }

  /// The 1-based line of the `occurrence`th line that is exactly `header` (spaces trimmed).
  /// - Parameters:
  ///   - header: such as `[[examples]]`.
  ///   - occurrence: 0-based.
  /// - Returns: the line, or nil when there are fewer occurrences.
  public func headerLine(_ header: String, occurrence: Int = 0) -> Int? {
    guard let found = headers[header], occurrence < found.count else { return nil }
    return found[occurrence]
  }

  /// The first line of any table header below a dotted key: `[http.routers.api]` and
  /// `[[http.services.api.loadBalancer.servers]]` are below `http`.
  /// - Parameter key: the dotted key, such as `http.routers`.
  /// - Returns: the line, or nil when no header is below it.
  public func firstHeaderLine(below key: String) -> Int? {
    headers.filter { $0.key.hasPrefix("[\(key).") || $0.key.hasPrefix("[[\(key).") }
      .flatMap(\.value).min()
  }

  /// Fails on a key of `table` that is not in `allowed`, naming its line.
  /// - Parameters:
  ///   - table: the table to check.
  ///   - allowed: the keys it may have.
  ///   - header: its header, for finding the line; nil for the top level.
  ///   - occurrence: which occurrence of an array-of-tables header.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming the first unknown key.
  public func checkKeys(
    _ table: [String: TOMLData], allowed: Set<String>, under header: String? = nil,
    occurrence: Int = 0
  ) throws {
    for key in table.keys.sorted() where !allowed.contains(key) {
      let line = line(ofKey: key, under: header, occurrence: occurrence)
      let known = allowed.sorted().joined(separator: ", ")
      throw ParapetCoreError.invalidConfiguration(
        SourceLocation(path: path, line: line),
        "unknown key '\(key)'\(header.map { " in \($0)" } ?? ""); expected one of: \(known)")
    }
  }

  /// An error at the line of a key.
  /// - Parameters:
  ///   - key: the key whose value is wrong.
  ///   - header: its table header.
  ///   - occurrence: which occurrence of an array-of-tables header.
  ///   - message: what is wrong.
  /// - Returns: the error to throw.
  public func error(
    at key: String, under header: String? = nil, occurrence: Int = 0, _ message: String
  ) -> ParapetCoreError {
    if let variable = overriddenBy[header.map { "\($0).\(key)" } ?? key] {
      return .invalidConfiguration(SourceLocation(path: "$\(variable)", line: 1), message)
    }
    let line = line(ofKey: key, under: header, occurrence: occurrence)
    return .invalidConfiguration(SourceLocation(path: path, line: line), message)
  }

  private static func convert(_ table: TOMLTable) -> [String: TOMLData] {
    var result: [String: TOMLData] = [:]
    for (key, value) in table {
      result[key] = convert(value.tomlValue)
    }
    return result
  }

  private static func convert(_ value: TOMLValue) -> TOMLData {
    switch value.type {
    case .string: return .string(value.string ?? "")
    case .int: return .int(value.int ?? 0)
    case .double: return .double(value.double ?? 0)
    case .bool: return .bool(value.bool ?? false)
    case .array: return .array(value.array.map { $0.map { convert($0.tomlValue) } } ?? [])
    case .table: return .table(value.table.map(convert) ?? [:])
    default: return .other(value.debugDescription)
    }
  }
}

extension String {
  /// Decodes UTF-8, returning nil (rather than repairing) when the bytes are not valid UTF-8.
  /// - Parameter data: the bytes.
  public init?(validatingUTF8Data data: Data) {
    guard let text = String(data: data, encoding: .utf8) else { return nil }
    self = text
  }
}
