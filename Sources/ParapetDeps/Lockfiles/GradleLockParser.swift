import Foundation
import ParapetCore

/// Gradle's `gradle.lockfile`: `group:artifact:version=configuration,...` lines. A module locked
/// only for test configurations is a dev dependency.
enum GradleLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "gradle.lockfile" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    var packages: [Package] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("empty=") { continue }
      let halves = line.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
      let coordinates = halves[0].split(separator: ":")
      guard coordinates.count == 3 else {
        throw ParapetDepsError.malformedLockfile(
          SourceLocation(path: path, line: index + 1),
          "expected 'group:artifact:version=configurations'")
      }
      let configurations = halves.count == 2 ? halves[1].split(separator: ",") : []
      let testOnly =
        !configurations.isEmpty && configurations.allSatisfy { $0.lowercased().contains("test") }
      packages.append(
        Package(
          ecosystem: .maven, name: "\(coordinates[0]):\(coordinates[1])",
          version: String(coordinates[2]),
          scope: testOnly ? .dev : .prod, path: path, line: index + 1))
    }
    return Lockfile(path: path, kind: "gradle.lockfile", packages: packages)
  }
}
