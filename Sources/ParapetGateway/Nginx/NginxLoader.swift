import Foundation
import ParapetCore

#if canImport(Glibc)
  import Glibc
#endif

/// Reads an nginx configuration with its `include`s resolved in place, as nginx reads it:
/// patterns are globs, relative ones resolved against the prefix (`--nginx-prefix`, default the
/// including file's folder). A missing include is a notice, not a crash and not a flood of
/// findings about what it would have held.
public struct NginxLoader {
  /// The scanned root: paths are shown relative to it.
  let root: URL
  /// nginx's `--prefix`, against which relative includes resolve first.
  let prefix: URL?

  /// A loaded configuration.
  public struct Loaded {
    public var directives: [NginxDirective]
    /// Every file read, repo-relative.
    public var files: [String]
    /// The text of each file read, by repo-relative path.
    public var texts: [String: String]
    public var notices: [Notice]
  }

  /// Creates a loader.
  /// - Parameters:
  ///   - root: the scanned root.
  ///   - prefix: nginx's prefix for relative includes; nil for the including file's folder.
  public init(root: URL, prefix: URL?) {
    self.root = root
    self.prefix = prefix
  }

  /// Loads a file and what it includes.
  /// - Parameter file: the configuration file.
  /// - Returns: its directives with includes expanded, the files read and the notices.
  /// - Throws: `NginxParser.Failure` wrapped with the file's path, for a file that does not parse.
  public func load(_ file: URL) throws -> Loaded {
    var loaded = Loaded(directives: [], files: [], texts: [:], notices: [])
    var visiting: Set<String> = []
    loaded.directives = try read(file, loaded: &loaded, visiting: &visiting)
    return loaded
  }

  private func display(_ url: URL) -> String {
    let base = root.standardizedFileURL.path
    let path = url.standardizedFileURL.path
    return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
  }

  private func read(_ file: URL, loaded: inout Loaded, visiting: inout Set<String>) throws
    -> [NginxDirective]
  {
    let shown = display(file)
    guard !visiting.contains(file.standardizedFileURL.path) else {
      loaded.notices.append(Notice(.warning, "include loop: not read again", path: shown))
      return []
    }
    visiting.insert(file.standardizedFileURL.path)
    defer { visiting.remove(file.standardizedFileURL.path) }
    guard let data = FileManager.default.contents(atPath: file.path) else {
      loaded.notices.append(Notice(.warning, "cannot read nginx file", path: shown))
      return []
    }
    loaded.files.append(shown)
    let text = String(decoding: data, as: UTF8.self)
    loaded.texts[shown] = text
    let directives: [NginxDirective]
    do {
      directives = try NginxParser.parse(text, path: shown)
    } catch {
      throw ParapetCoreError.invalidConfiguration(
        SourceLocation(path: shown, line: error.line, column: error.column),
        "nginx: \(error.message)")
    }
    return try expand(directives, from: file, loaded: &loaded, visiting: &visiting)
  }

  private func expand(
    _ directives: [NginxDirective], from file: URL, loaded: inout Loaded,
    visiting: inout Set<String>
  ) throws -> [NginxDirective] {
    var result: [NginxDirective] = []
    for var directive in directives {
      if directive.name == "include", directive.block == nil, let pattern = directive.values.first {
        let matches = resolve(pattern, from: file)
        if matches.isEmpty && !pattern.contains("*") {
          loaded.notices.append(
            Notice(
              .warning, "include '\(pattern)' names no file; its directives were not checked",
              path: directive.path, line: directive.line))
        }
        for match in matches {
          result += try read(match, loaded: &loaded, visiting: &visiting)
        }
        continue
      }
      if let block = directive.block {
        directive.block = try expand(block, from: file, loaded: &loaded, visiting: &visiting)
      }
      result.append(directive)
    }
    return result
  }

  /// The files an include pattern names, in glob order; relative patterns try the prefix, then
  /// the including file's folder. An absolute pattern names a path on the server, not on this
  /// machine: its tails are tried the same way, longest first (`/etc/nginx/conf.d/*.conf` as
  /// `etc/nginx/conf.d/*.conf`, then `nginx/conf.d/*.conf`, then `conf.d/*.conf`), so a
  /// repository's copy of the server's folder is read. Files outside the scanned root and the
  /// prefix are never read (a symbolic link may point anywhere).
  private func resolve(_ pattern: String, from file: URL) -> [URL] {
    let bases = [prefix, file.deletingLastPathComponent()].compactMap { $0 }
    let parts = pattern.split(separator: "/").map(String.init)
    // A bare glob (`*.conf`) is no tail: it would match the including file's own folder.
    let candidates =
      pattern.hasPrefix("/")
      ? parts.indices.map { parts[$0...].joined(separator: "/") }.filter {
        $0.contains("/") || !$0.contains(where: { "*?[".contains($0) })
      } : [pattern]
    for candidate in candidates {
      for base in bases {
        let found = Self.glob(base.appendingPathComponent(candidate).path).filter(isInside)
        if !found.isEmpty { return found.map { URL(fileURLWithPath: $0) } }
      }
    }
    return []
  }

  /// Whether a file, its links resolved, lies under the scanned root or the prefix.
  private func isInside(_ path: String) -> Bool {
    let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    return [root, prefix].compactMap { $0 }.contains { base in
      let folder = base.resolvingSymlinksInPath().path
      return real.hasPrefix(folder.hasSuffix("/") ? folder : folder + "/")
    }
  }

  private static func glob(_ pattern: String) -> [String] {
    var result = glob_t()
    defer { globfree(&result) }
    guard Glibc.glob(pattern, 0, nil, &result) == 0 else { return [] }
    return (0..<Int(result.gl_pathc)).compactMap { index in
      result.gl_pathv[index].map { String(cString: $0) }
    }.sorted()
  }
}
