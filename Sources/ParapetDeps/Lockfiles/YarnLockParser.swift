import Foundation
import ParapetCore

/// `yarn.lock`, classic (v1, `version "x"`) and Berry (v2+, YAML-like `version: x`): each
/// entry lists the descriptors (`name@range`) it resolves, its version, checksum and
/// dependencies. Direct dependencies and their scope come from the `package.json` beside it.
enum YarnLockParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "yarn.lock" }

  private struct Entry {
    var descriptors: [String]
    var line: Int
    var version = ""
    var integrity: String?
    var dependencies: [(String, String)] = []
    var workspace = false
  }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    var entries: [Entry] = []
    var inDependencies = false
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
      if line.isEmpty || line.hasPrefix("#") { continue }
      let indent = line.prefix { $0 == " " }.count
      let content = line.dropFirst(indent)
      if indent == 0 {
        guard content.hasSuffix(":") else {
          throw ParapetDepsError.malformedLockfile(
            SourceLocation(path: path, line: index + 1), "expected an entry header ending in ':'")
        }
        let descriptors = content.dropLast().split(separator: ",").map {
          unquote($0.trimmingCharacters(in: .whitespaces))
        }
        entries.append(Entry(descriptors: descriptors, line: index + 1))
        inDependencies = false
        continue
      }
      guard !entries.isEmpty else { continue }
      let (key, value) = field(content)
      if indent == 2 {
        inDependencies = key == "dependencies" || key == "optionalDependencies"
        switch key {
        case "version": entries[entries.count - 1].version = value
        case "integrity", "checksum": entries[entries.count - 1].integrity = value
        case "resolution" where value.contains("@workspace:"), "linkType" where value == "soft":
          entries[entries.count - 1].workspace = true
        default: break
        }
      } else if indent >= 4 && inDependencies {
        entries[entries.count - 1].dependencies.append((key, value))
      }
    }
    guard !entries.contains(where: { $0.version.isEmpty && !$0.descriptors.contains("__metadata") })
    else {
      let line =
        entries.first { $0.version.isEmpty && !$0.descriptors.contains("__metadata") }?.line ?? 1
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: line), "entry has no version")
    }
    let berry = entries.contains { $0.descriptors.contains("__metadata") }
    var byDescriptor: [String: String] = [:]
    for entry in entries {
      for descriptor in entry.descriptors {
        byDescriptor[descriptor] = "\(name(of: descriptor))@\(entry.version)"
      }
    }
    func resolve(_ name: String, _ range: String) -> String? {
      byDescriptor["\(name)@\(range)"] ?? byDescriptor["\(name)@npm:\(range)"]
    }
    let manifest = PackageJSON(site.sibling("package.json"))
    var packages: [Package] = []
    for entry in entries where !entry.workspace && !entry.descriptors.contains("__metadata") {
      guard let first = entry.descriptors.first else { continue }
      let packageName = name(of: first)
      let scope = manifest?.scope(of: packageName)
      packages.append(
        Package(
          ecosystem: .npm, name: packageName, version: entry.version,
          direct: scope != nil && entry.descriptors.contains { manifest?.declares($0) ?? false },
          scope: scope ?? .prod, path: path, line: entry.line, integrity: entry.integrity,
          dependencies: entry.dependencies.compactMap { resolve($0.0, $0.1) }))
    }
    return Lockfile(
      path: path, kind: berry ? "yarn.lock (Berry)" : "yarn.lock v1", packages: packages)
  }

  /// `key value`, `key "value"` (classic) or `key: value` (Berry).
  private static func field(_ content: Substring) -> (String, String) {
    var text = String(content)
    if text.hasSuffix(":") { return (unquote(String(text.dropLast())), "") }
    let separator = text.firstIndex(of: " ") ?? text.endIndex
    var key = String(text[..<separator])
    if key.hasSuffix(":") { key.removeLast() }
    text = String(text[separator...]).trimmingCharacters(in: .whitespaces)
    return (unquote(key), unquote(text))
  }

  private static func unquote(_ text: String) -> String {
    text.count >= 2 && text.hasPrefix("\"") && text.hasSuffix("\"")
      ? String(text.dropFirst().dropLast()) : text
  }

  /// The package name of a descriptor: everything before the `@` that starts the range.
  private static func name(of descriptor: String) -> String {
    let search = descriptor.hasPrefix("@") ? descriptor.dropFirst() : Substring(descriptor)
    guard let at = search.firstIndex(of: "@") else { return descriptor }
    return String(descriptor[..<at])
  }
}

/// The dependency declarations of a `package.json`.
struct PackageJSON {
  private var scopes: [String: Package.Scope] = [:]
  private var ranges: Set<String> = []

  init?(_ text: String?) {
    guard let text,
      let root = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any]
    else { return nil }
    let sections: [(String, Package.Scope)] = [
      ("dependencies", .prod), ("devDependencies", .dev), ("optionalDependencies", .optional),
      ("peerDependencies", .peer),
    ]
    for (key, scope) in sections {
      for (name, range) in root[key] as? [String: String] ?? [:] {
        if scopes[name] == nil { scopes[name] = scope }
        ranges.insert("\(name)@\(range)")
        ranges.insert("\(name)@npm:\(range)")
      }
    }
  }

  /// The scope the manifest gives a package, or nil when it does not name it.
  func scope(of name: String) -> Package.Scope? { scopes[name] }

  /// Whether the manifest declares exactly this descriptor.
  func declares(_ descriptor: String) -> Bool { ranges.contains(descriptor) }
}
