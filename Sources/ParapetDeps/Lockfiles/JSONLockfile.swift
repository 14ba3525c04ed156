import Foundation
import ParapetCore

/// The JSON lockfiles read as Foundation objects (small ones: npm's large lockfiles are decoded
/// into structs instead).
enum JSONLockfile {
  /// The root object of a JSON lockfile.
  /// - Parameters:
  ///   - text: the file's content.
  ///   - path: for errors.
  /// - Returns: the root object.
  /// - Throws: `ParapetDepsError.malformedLockfile` when it is not a JSON object.
  static func object(_ text: String, path: String) throws -> [String: Any] {
    guard let root = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    else {
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: 1), "not valid JSON")
    }
    return root
  }
}
