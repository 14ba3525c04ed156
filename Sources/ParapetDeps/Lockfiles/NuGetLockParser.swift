import Foundation
import ParapetCore

/// NuGet's `packages.lock.json`: per target framework, packages of type `Direct`, `Transitive`
/// or `CentralTransitive` with `resolved` versions, `contentHash` and dependencies.
enum NuGetLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "packages.lock.json" }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    let root = try JSONLockfile.object(text, path: path)
    guard let frameworks = root["dependencies"] as? [String: Any] else {
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: 1), "not a NuGet lock file")
    }
    let locator = LineLocator(text)
    var seen = Set<String>()
    var packages: [Package] = []
    for (framework, value) in frameworks.sorted(by: { $0.key < $1.key }) {
      let entries = value as? [String: Any] ?? [:]
      let versions = entries.compactMapValues { ($0 as? [String: Any])?["resolved"] as? String }
      let start = locator.line(of: "\"\(framework)\": {")
      for (name, entryValue) in entries.sorted(by: { $0.key < $1.key }) {
        guard let entry = entryValue as? [String: Any], let version = entry["resolved"] as? String,
          seen.insert("\(name)@\(version)").inserted
        else { continue }
        let dependencies =
          (entry["dependencies"] as? [String: Any])?.keys.compactMap { dependency in
            versions[dependency].map { "\(dependency)@\($0)" }
          } ?? []
        packages.append(
          Package(
            ecosystem: .nuget, name: name, version: version,
            direct: entry["type"] as? String == "Direct", path: path,
            line: locator.line(of: "\"\(name)\": {", from: start),
            integrity: entry["contentHash"] as? String,
            dependencies: dependencies))
      }
    }
    return Lockfile(
      path: path, kind: "packages.lock.json v\(root["version"] as? Int ?? 1)", packages: packages)
  }
}
