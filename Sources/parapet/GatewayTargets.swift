import Foundation

/// The PATHs `parapet gateway` is given, as one root and what to read under it. The root is
/// their deepest common folder: findings name paths relative to it, and a named file's includes
/// resolve inside it (`parapet gateway deploy/nginx.conf` reads the `conf.d` it includes).
struct GatewayTargets {
  /// The common folder, absolute, links resolved.
  let root: String
  /// The named files and folders, root-relative; empty when the root itself was named.
  let only: [String]

  /// Resolves the paths.
  /// - Parameter paths: files and folders, as given.
  /// - Throws: `UsageError` naming a path that does not exist.
  init(_ paths: [String]) throws {
    var named: [(parts: [Substring], isDirectory: Bool)] = []
    for path in paths {
      let url = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        throw UsageError(message: "\(path): no such file or directory")
      }
      named.append((url.path.split(separator: "/"), isDirectory.boolValue))
    }
    let folders = named.map { $0.isDirectory ? $0.parts : Array($0.parts.dropLast()) }
    let common = folders.dropFirst().reduce(folders.first ?? []) { common, folder in
      Array(zip(common, folder).prefix { $0 == $1 }.map(\.0))
    }
    root = "/" + common.joined(separator: "/")
    let relative = named.map { $0.parts.dropFirst(common.count).joined(separator: "/") }
    only = relative.contains("") ? [] : relative
  }
}
