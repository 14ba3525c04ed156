import Foundation
import ParapetCore

/// Bundler's `Gemfile.lock`: the `specs:` of each `GEM` source (`name (version[-platform])`,
/// with dependencies indented below) and the `DEPENDENCIES` section naming the direct gems.
enum GemfileLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool {
    fileName == "Gemfile.lock" || fileName == "gems.locked"
  }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    var section = ""
    var inSpecs = false
    var specs: [(name: String, version: String, line: Int, dependencies: [String])] = []
    var direct = Set<String>()
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      let indent = line.prefix { $0 == " " }.count
      let content = line.trimmingCharacters(in: .whitespaces)
      if content.isEmpty { continue }
      if indent == 0 {
        section = content
        inSpecs = false
        continue
      }
      if section == "DEPENDENCIES" && indent == 2 {
        direct.insert(String(content.prefix { $0 != " " && $0 != "!" }))
      } else if section == "GEM" || section == "PATH" || section == "GIT" {
        if indent == 2 {
          inSpecs = content == "specs:"
        } else if inSpecs && indent == 4 {
          let name = String(content.prefix { $0 != " " })
          guard let open = content.firstIndex(of: "("), let close = content.lastIndex(of: ")"),
            open < close
          else {
            throw ParapetDepsError.malformedLockfile(
              SourceLocation(path: path, line: index + 1), "expected 'name (version)'")
          }
          let version = stripPlatform(String(content[content.index(after: open)..<close]))
          specs.append((name, version, index + 1, []))
        } else if inSpecs && indent == 6, !specs.isEmpty {
          specs[specs.count - 1].dependencies.append(String(content.prefix { $0 != " " }))
        }
      }
    }
    let versions = Dictionary(
      specs.map { ($0.name, $0.version) }, uniquingKeysWith: { first, _ in first })
    let packages = specs.map { spec in
      Package(
        ecosystem: .rubygems, name: spec.name, version: spec.version,
        direct: direct.contains(spec.name), path: path,
        line: spec.line,
        dependencies: spec.dependencies.compactMap { name in versions[name].map { "\(name)@\($0)" }
        })
    }
    return Lockfile(path: path, kind: "Gemfile.lock", packages: packages)
  }

  /// `1.12.5-x86_64-linux` is version 1.12.5 built for a platform; a pre-release such as
  /// `1.0.0.pre` has no dash.
  private static func stripPlatform(_ version: String) -> String {
    guard let dash = version.firstIndex(of: "-"),
      version[version.index(after: dash)...].contains(where: \.isLetter)
    else {
      return version
    }
    return String(version[..<dash])
  }
}
