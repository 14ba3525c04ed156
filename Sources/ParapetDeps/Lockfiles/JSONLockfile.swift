import Foundation
import ParapetCore

/// The JSON lockfiles read as Foundation objects (small ones: npm's large lockfiles are decoded
/// into structs instead), each checked for depth first.
enum JSONLockfile {
  /// The deepest nesting read. Real lockfiles nest a handful of levels; Foundation's parser
  /// refuses past 512 with a bare "not valid JSON", which would hide why.
  static let maximumDepth = 512

  /// The root object of a JSON lockfile.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: for errors.
  /// - Returns: the root object.
  /// - Throws: `ParapetDepsError.malformedLockfile` when it is not a JSON object, or nests deeper
  ///   than `maximumDepth`.
  static func object(_ text: String, path: String) throws -> [String: Any] {
    try checkDepth(text, path: path)
    guard let root = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    else {
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: 1), "not valid JSON")
    }
    return root
  }

  /// Refuses a document nested deeper than `maximumDepth`, naming the line where it gets there.
  /// - Throws: `ParapetDepsError.malformedLockfile`.
  static func checkDepth(_ text: String, path: String) throws {
    var depth = 0
    var line = 1
    var inString = false
    var escaped = false
    for byte in text.utf8 {
      if byte == 10 { line += 1 }
      if inString {
        if escaped {
          escaped = false
        } else if byte == UInt8(ascii: "\\") {
          escaped = true
        } else if byte == UInt8(ascii: "\"") {
          inString = false
        }
        continue
      }
      switch byte {
      case UInt8(ascii: "\""): inString = true
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        if depth > maximumDepth {
          throw ParapetDepsError.malformedLockfile(
            SourceLocation(path: path, line: line),
            "JSON nested deeper than \(maximumDepth) levels; not read")
        }
      case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
      default: break
      }
    }
  }
}
