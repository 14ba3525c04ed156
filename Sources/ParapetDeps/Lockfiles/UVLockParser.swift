import Foundation

/// `uv.lock`: `[[package]]` tables with name, version, source and `dependencies` as inline
/// tables; the project itself (an editable or virtual source) is left out.
enum UVLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "uv.lock" || fileName == "pdm.lock" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    try PoetryLockParser.parsePythonLock(
      text, path: path, site: site,
      kind: path.hasSuffix("pdm.lock") ? "pdm.lock" : "uv.lock")
  }
}
