import Foundation

/// nginx's configuration grammar: directives ending in `;`, blocks in braces, `#` comments,
/// single- and double-quoted arguments with backslash escapes, `${var}` kept as written. Every
/// directive and argument keeps its line and column.
public struct NginxParser {
  /// A syntax error with its place.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String
    public var description: String { "\(line):\(column): \(message)" }
  }

  private let bytes: [UInt8]
  private let path: String
  private var index = 0
  private var depth = 0
  /// Deeper nesting than this is not a configuration nginx would load; refusing it keeps the
  /// recursive parser's stack bounded.
  static let maximumDepth = 200
  private var line = 1
  private var column = 1

  /// Parses one file's text.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: its repo-relative path, recorded in every directive.
  /// - Returns: the top-level directives.
  /// - Throws: `Failure` for unbalanced braces, a missing `;` or an unterminated quote.
  public static func parse(_ text: String, path: String) throws(Failure) -> [NginxDirective] {
    var parser = NginxParser(bytes: Array(text.utf8), path: path)
    let directives = try parser.block(nested: false)
    return directives
  }

  private init(bytes: [UInt8], path: String) {
    self.bytes = bytes
    self.path = path
  }

  private enum Token {
    case word(NginxDirective.Argument)
    case open(line: Int, column: Int)
    case close(line: Int, column: Int)
    case end(line: Int, column: Int)
    case eof
  }

  private mutating func block(nested: Bool) throws(Failure) -> [NginxDirective] {
    var directives: [NginxDirective] = []
    var words: [NginxDirective.Argument] = []
    while true {
      switch try token() {
      case .word(let word): words.append(word)
      case .end(let line, let column):
        guard let name = words.first else {
          throw Failure(line: line, column: column, message: "';' without a directive")
        }
        directives.append(
          NginxDirective(
            name: name.text, arguments: Array(words.dropFirst()), path: path, line: name.line,
            column: name.column, block: nil))
        words = []
      case .open(let line, let column):
        guard let name = words.first else {
          throw Failure(line: line, column: column, message: "'{' without a directive")
        }
        depth += 1
        guard depth <= Self.maximumDepth else {
          throw Failure(
            line: line, column: column, message: "blocks nested deeper than \(Self.maximumDepth)")
        }
        let inner = try block(nested: true)
        depth -= 1
        directives.append(
          NginxDirective(
            name: name.text, arguments: Array(words.dropFirst()), path: path, line: name.line,
            column: name.column, block: inner, blockEnd: self.line))
        words = []
      case .close(let line, let column):
        guard nested else { throw Failure(line: line, column: column, message: "unexpected '}'") }
        if let name = words.first {
          throw Failure(
            line: name.line, column: name.column, message: "directive '\(name.text)' has no ';'")
        }
        return directives
      case .eof:
        if let name = words.first {
          throw Failure(
            line: name.line, column: name.column, message: "directive '\(name.text)' has no ';'")
        }
        if nested { throw Failure(line: line, column: column, message: "a block is not closed") }
        return directives
      }
    }
  }

  private mutating func advance() {
    if bytes[index] == 0x0A {
      line += 1
      column = 1
    } else if bytes[index] & 0xC0 != 0x80 {
      column += 1
    }
    index += 1
  }

  private mutating func token() throws(Failure) -> Token {
    while index < bytes.count {
      let byte = bytes[index]
      if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
        advance()
      } else if byte == UInt8(ascii: "#") {
        while index < bytes.count && bytes[index] != 0x0A { advance() }
      } else {
        break
      }
    }
    guard index < bytes.count else { return .eof }
    let startLine = line
    let startColumn = column
    switch bytes[index] {
    case UInt8(ascii: "{"):
      advance()
      return .open(line: startLine, column: startColumn)
    case UInt8(ascii: "}"):
      advance()
      return .close(line: startLine, column: startColumn)
    case UInt8(ascii: ";"):
      advance()
      return .end(line: startLine, column: startColumn)
    case UInt8(ascii: "\""), UInt8(ascii: "'"):
      let quote = bytes[index]
      advance()
      var text: [UInt8] = []
      while index < bytes.count && bytes[index] != quote {
        if bytes[index] == UInt8(ascii: "\\"), index + 1 < bytes.count {
          advance()
        }
        text.append(bytes[index])
        advance()
      }
      guard index < bytes.count else {
        throw Failure(line: startLine, column: startColumn, message: "unterminated quote")
      }
      advance()
      return .word(
        .init(text: String(decoding: text, as: UTF8.self), line: startLine, column: startColumn))
    default:
      var text: [UInt8] = []
      var braces = 0  // `${var}` keeps its braces
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "{") {
          guard text.last == UInt8(ascii: "$") || braces > 0 else { break }
          braces += 1
        } else if byte == UInt8(ascii: "}") {
          guard braces > 0 else { break }
          braces -= 1
        } else if byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
          || byte == UInt8(ascii: ";")
        {
          break
        }
        if byte == UInt8(ascii: "\\"), index + 1 < bytes.count {
          advance()
        }
        text.append(bytes[index])
        advance()
      }
      return .word(
        .init(text: String(decoding: text, as: UTF8.self), line: startLine, column: startColumn))
    }
  }
}
