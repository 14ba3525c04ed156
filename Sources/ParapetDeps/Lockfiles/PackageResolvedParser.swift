import Foundation
import ParapetCore

/// SwiftPM's `Package.resolved`: v1 (`object.pins` with `package` and `repositoryURL`), v2 and
/// v3 (`pins` with `identity` and `location`). Packages are named by their repository URL, as the
/// OSV SwiftURL ecosystem names them; branch and revision pins carry no version and are skipped.
enum PackageResolvedParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "Package.resolved" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    let root = try JSONLockfile.object(text, path: path)
    let version = root["version"] as? Int ?? 1
    let pins =
      (root["pins"] as? [[String: Any]])
      ?? ((root["object"] as? [String: Any])?["pins"] as? [[String: Any]]) ?? []
    let locator = LineLocator(text)
    var packages: [Package] = []
    var notices: [(line: Int, message: String)] = []
    var line = 1
    for pin in pins {
      guard let location = (pin["location"] ?? pin["repositoryURL"]) as? String else { continue }
      line = locator.line(of: location, from: line)
      let state = pin["state"] as? [String: Any] ?? [:]
      guard let pinned = state["version"] as? String else {
        notices.append((line, "'\(location)' is pinned to a branch or revision, not a version"))
        continue
      }
      let name = location.replacingOccurrences(of: "https://", with: "").replacingOccurrences(
        of: ".git", with: "")
      packages.append(
        Package(
          ecosystem: .swift, name: name, version: pinned, path: path, line: line,
          integrity: state["revision"] as? String))
    }
    return Lockfile(
      path: path, kind: "Package.resolved v\(version)", packages: packages, notices: notices)
  }
}
