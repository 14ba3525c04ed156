/// Refuses the malformed TOML that TOMLKit's parser (toml++) aborts the process on rather than
/// reporting, before it sees the text. Fuzzing found two such shapes, both a character toml++
/// dispatches on without checking it: a table header that does not start with a key (`[=x]`,
/// `[[ {`, a control character after `[`), and a `}` where an array expects a value
/// (`a = [}`). Every other syntax error toml++ reports as an error, with its line.
///
/// A light lexer tells headers from arrays: a `[` that opens a line outside any string, comment,
/// array or inline table is a header. Strings and comments are skipped as TOML 1.0 defines
/// them, so a valid document never trips the guard.
enum TOMLSyntaxGuard {
  /// The first shape toml++ would abort on.
  /// - Parameter text: the TOML text.
  /// - Returns: its 1-based line and column, and what is wrong; nil when there is none.
  static func problem(in text: String) -> (line: Int, column: Int, message: String)? {
    var lexer = Lexer(Array(text.utf8))
    return lexer.run()
  }

  private struct Lexer {
    let bytes: [UInt8]
    var index = 0
    var line = 1
    var lineStart = 0
    /// The open arrays (`[`) and inline tables (`{`), innermost last.
    var open: [UInt8] = []
    var atLineStart = true
    /// Whether an array has just opened or seen a comma, so the next token must be a value.
    var expectingValue = false

    init(_ bytes: [UInt8]) {
      self.bytes = bytes
      // toml++ skips a byte order mark, so a header may follow it.
      if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
    }

    private var column: Int { index - lineStart + 1 }

    mutating func run() -> (line: Int, column: Int, message: String)? {
      while index < bytes.count {
        let byte = bytes[index]
        switch byte {
        case UInt8(ascii: "\n"):
          line += 1
          lineStart = index + 1
          atLineStart = true
          index += 1
          continue
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
          index += 1
          continue
        case UInt8(ascii: "#"):
          while index < bytes.count && bytes[index] != UInt8(ascii: "\n") { index += 1 }
          continue
        default:
          break
        }
        if expectingValue && byte == UInt8(ascii: "}") {
          return (line, column, "expected a value or ']' in the array")
        }
        expectingValue = false
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
          skipString()
          atLineStart = false
          continue
        case UInt8(ascii: "[") where atLineStart && open.isEmpty:
          if let problem = header() { return problem }
          atLineStart = false
          continue
        case UInt8(ascii: "["):
          open.append(byte)
          expectingValue = true
        case UInt8(ascii: "{"):
          open.append(byte)
        case UInt8(ascii: "]"), UInt8(ascii: "}"):
          _ = open.popLast()
        case UInt8(ascii: ","):
          expectingValue = open.last == UInt8(ascii: "[")
        default:
          break
        }
        atLineStart = false
        index += 1
      }
      return nil
    }

    /// Checks the header that opens at `index` and moves past it: its brackets close on its
    /// line.
    private mutating func header() -> (line: Int, column: Int, message: String)? {
      index += 1
      if index < bytes.count && bytes[index] == UInt8(ascii: "[") { index += 1 }
      while index < bytes.count && (bytes[index] == 32 || bytes[index] == 9) { index += 1 }
      if index < bytes.count && !Self.startsKey(bytes[index]) {
        return (line, column, "a table header must start with a key")
      }
      while index < bytes.count && bytes[index] != UInt8(ascii: "\n")
        && bytes[index] != UInt8(ascii: "#")
      {
        if bytes[index] == UInt8(ascii: "\"") || bytes[index] == UInt8(ascii: "'") {
          skipString()
        } else {
          index += 1
        }
      }
      return nil
    }

    /// A bare key's characters, a quote that opens a quoted key, or the `]` of an empty header
    /// (which toml++ reports itself).
    private static func startsKey(_ byte: UInt8) -> Bool {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
        UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
        true
      default:
        false
      }
    }

    /// Moves past the string that opens at `index`: basic (`"`, with `\` escapes) or literal
    /// (`'`), single-line or multi-line (tripled quotes, which may end with up to two more).
    private mutating func skipString() {
      let quote = bytes[index]
      let tripled =
        index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote
      index += tripled ? 3 : 1
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
          index += 2
          continue
        }
        if byte == UInt8(ascii: "\n") {
          // A single-line string ends at the line's end, unclosed: toml++ reports it.
          guard tripled else { return }
          line += 1
          lineStart = index + 1
        }
        if byte == quote {
          guard tripled else {
            index += 1
            return
          }
          if index + 2 < bytes.count && bytes[index + 1] == quote && bytes[index + 2] == quote {
            // `""""` and `"""""` end a multi-line string with one or two quotes in it.
            let end = index + 3
            index = end
            while index < bytes.count && index < end + 2 && bytes[index] == quote { index += 1 }
            return
          }
        }
        index += 1
      }
    }
  }
}
