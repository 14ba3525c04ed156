import ParapetCore

#if canImport(Glibc)
  import Glibc
#endif

/// Reads an nginx configuration with its `include`s resolved in place, as nginx reads it:
/// patterns are globs, relative ones resolved against the prefix, then the including file's
/// folder. The prefix is `--nginx-prefix`, or else the nearest folder at or above the main file
/// that holds an `nginx.conf` or `mime.types` (nginx resolves against the folder of its
/// `nginx.conf`, where `mime.types` ships beside it). A missing include is a notice, not a crash
/// and not a flood of findings about what it would have held.
///
/// Paths are plain strings, absolute and without `.` or `..` parts: Foundation's `URL` path
/// operations cost more than parsing the files did.
struct NginxLoader {
  /// The scanned root, absolute: paths are shown relative to it.
  let root: String
  /// nginx's `--prefix` as given, absolute, against which relative includes resolve first.
  let prefix: String?
  /// The prefix found for each folder a main file stands in, when none is given.
  private var discovered: [String: String?] = [:]
  /// The root and the prefix with their links resolved: no file outside them is read.
  private let boundaries: [String]
  /// The root's files, and the prefix's when it lies outside the root: every file is read
  /// through one of them.
  private let sources: [(folder: String, source: any FileSource)]
  /// Files already parsed, by absolute path: a site file is both a candidate of its own and
  /// included by `nginx.conf`, and is parsed once.
  private var parsed: [String: File]

  /// One file's text and directives, its includes not yet expanded.
  struct File: Sendable {
    let shown: String
    let text: String
    let directives: [NginxDirective]
  }

  /// A loaded configuration.
  struct Loaded {
    var directives: [NginxDirective]
    /// The prefix its relative includes resolved against, absolute; nil when there was none.
    var prefix: String?
    /// Whether that prefix was found rather than given.
    var prefixFound: Bool
    /// The `nginx.conf` whose `http` block this site file is checked inside, when it is placed
    /// there (`GatewayJob.placed`); only findings in `files` are its own.
    var context: String?
    /// Every file read, repo-relative.
    var files: [String]
    /// The text of each file read, by repo-relative path.
    var texts: [String: String]
    var notices: [Notice]
    /// The includes that named no file (a warning each, grouped by pattern across the run).
    var missingIncludes: [NginxDirective] = []
  }

  /// Creates a loader.
  /// - Parameters:
  ///   - root: the scanned root, absolute.
  ///   - source: the root's files.
  ///   - prefix: nginx's prefix for relative includes; nil for the including file's folder.
  ///   - parsed: files already parsed, by absolute path.
  init(root: String, source: any FileSource, prefix: String?, parsed: [String: File] = [:]) {
    self.root = Self.normalized(root)
    self.prefix = prefix.map(Self.normalized)
    self.parsed = parsed
    sources =
      [(self.root, source)]
      + [self.prefix].compactMap { $0 }.map { ($0, WorkTreeSource(root: $0, label: $0)) }
    boundaries = [self.root, self.prefix].compactMap { $0 }.map { path in
      let real = Self.realPath(path) ?? path
      return real.hasSuffix("/") ? real : real + "/"
    }
  }

  /// Reads and parses one file.
  /// - Parameters:
  ///   - bytes: its content.
  ///   - shown: its repo-relative path, recorded in every directive.
  /// - Returns: the parsed file.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming the file, line and column.
  static func parse(_ bytes: [UInt8], shown: String) throws -> File {
    let text = String(decoding: bytes, as: UTF8.self)
    do {
      return File(shown: shown, text: text, directives: try NginxParser.parse(text, path: shown))
    } catch {
      throw ParapetCoreError.invalidConfiguration(
        SourceLocation(path: shown, line: error.line, column: error.column),
        "nginx: \(error.message)")
    }
  }

  /// Loads a file and what it includes.
  /// - Parameter path: the configuration file, absolute.
  /// - Returns: its directives with includes expanded, the files read and the notices.
  /// - Throws: `ParapetCoreError.invalidConfiguration` for a file that does not parse.
  mutating func load(_ path: String) throws -> Loaded {
    let path = Self.normalized(path)
    let found = prefix == nil ? discoverPrefix(of: path) : nil
    var loaded = Loaded(
      directives: [], prefix: prefix ?? found, prefixFound: found != nil, context: nil, files: [],
      texts: [:], notices: [])
    var visiting: Set<String> = []
    loaded.directives = try read(path, loaded: &loaded, visiting: &visiting)
    return loaded
  }

  /// The nearest folder at or above a file, inside the root, that holds an `nginx.conf` or a
  /// `mime.types`.
  private mutating func discoverPrefix(of path: String) -> String? {
    let start = Self.folder(of: path)
    if let known = discovered[start] { return known }
    var folder = start
    while folder == root || folder.hasPrefix(root + "/") {
      if ["nginx.conf", "mime.types"].contains(where: { isInside(folder + "/" + $0) }) {
        discovered[start] = folder
        return folder
      }
      if folder == root { break }
      folder = Self.folder(of: folder)
    }
    discovered[start] = .some(nil)
    return nil
  }

  /// A path relative to the root when it lies under it.
  func display(_ path: String) -> String {
    path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
  }

  private mutating func read(_ path: String, loaded: inout Loaded, visiting: inout Set<String>)
    throws -> [NginxDirective]
  {
    let shown = display(path)
    guard visiting.insert(path).inserted else {
      loaded.notices.append(Notice(.warning, "include loop: not read again", path: shown))
      return []
    }
    defer { visiting.remove(path) }
    let file: File
    if let known = parsed[path] {
      file = known
    } else {
      guard let bytes = readFile(path) else {
        loaded.notices.append(Notice(.warning, "cannot read nginx file", path: shown))
        return []
      }
      file = try Self.parse(bytes, shown: shown)
      parsed[path] = file
    }
    loaded.files.append(shown)
    loaded.texts[shown] = file.text
    return try expand(file.directives, from: path, loaded: &loaded, visiting: &visiting)
  }

  private mutating func expand(
    _ directives: [NginxDirective], from file: String, loaded: inout Loaded,
    visiting: inout Set<String>
  ) throws -> [NginxDirective] {
    var result: [NginxDirective] = []
    for var directive in directives {
      if directive.name == "include", directive.block == nil, let pattern = directive.values.first {
        let matches = resolve(pattern, from: file, prefix: loaded.prefix)
        if matches.isEmpty && !pattern.contains("*") {
          loaded.missingIncludes.append(directive)
          // Kept in place: a check that would claim a setting is missing from this block cannot
          // tell, since the unread file may set it (NginxScope.unreadIncludes).
          result.append(directive)
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
  private func resolve(_ pattern: String, from file: String, prefix: String?) -> [String] {
    let bases = [prefix, Self.folder(of: file)].compactMap { $0 }
    let parts = pattern.split(separator: "/").map(String.init)
    // A bare glob (`*.conf`) is no tail: it would match the including file's own folder.
    let candidates =
      pattern.hasPrefix("/")
      ? parts.indices.map { parts[$0...].joined(separator: "/") }.filter {
        $0.contains("/") || !$0.contains(where: { "*?[".contains($0) })
      } : [pattern]
    for candidate in candidates {
      for base in bases {
        let found = Self.glob(base + "/" + candidate).filter(isInside)
        if !found.isEmpty { return found.map(Self.normalized) }
      }
    }
    return []
  }

  /// The bytes of a file under the root or the prefix, read through its source.
  private func readFile(_ path: String) -> [UInt8]? {
    for (folder, source) in sources where path.hasPrefix(folder + "/") {
      guard let relative = SourcePath(String(path.dropFirst(folder.count + 1))) else { continue }
      if let bytes = try? source.read(relative) { return bytes }
    }
    return nil
  }

  /// Whether a file, its links resolved, lies under the scanned root or the prefix.
  private func isInside(_ path: String) -> Bool {
    guard let real = Self.realPath(path) else { return false }
    return boundaries.contains { real.hasPrefix($0) }
  }

  private static func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
  }

  /// The folder of an absolute path (`/` for `/`'s children).
  private static func folder(of path: String) -> String {
    let folder = path[..<(path.lastIndex(of: "/") ?? path.startIndex)]
    return folder.isEmpty ? "/" : String(folder)
  }

  /// An absolute path without empty, `.` or `..` parts, as nginx names it (links kept).
  private static func normalized(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/") where part != "." {
      if part == ".." {
        _ = parts.popLast()
      } else {
        parts.append(part)
      }
    }
    return "/" + parts.joined(separator: "/")
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
