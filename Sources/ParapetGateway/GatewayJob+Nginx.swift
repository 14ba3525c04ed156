import Foundation
import ParapetCore

extension GatewayJob {
  /// What reading one nginx candidate gave.
  private enum Candidate {
    case parsed(NginxLoader.File)
    case binary
    case unreadable(String)
    /// It does not parse; `looksLikeNginx` tells a broken nginx file from a `.conf` of
    /// another program.
    case malformed(Error, looksLikeNginx: Bool)
  }

  /// The nginx configurations under a root, their includes resolved: one per main file (a file
  /// another one includes is checked as part of it, not again on its own).
  func readNginx(
    _ tree: GatewayFiles, source: any FileSource, cancellation: Cancellation,
    notices: inout [Notice], coverage: inout Coverage
  ) -> [NginxLoader.Loaded] {
    let (candidates, tooLarge) = NginxDiscovery.candidates(tree.nginx)
    for file in tooLarge {
      notices.append(
        Notice(
          .warning,
          "larger than \(NginxDiscovery.maximumBytes / 1_048_576) MiB: not read as configuration",
          path: file.shown))
      coverage.skip("too large")
    }
    // Reading and parsing is most of the work and each file's is independent: both cores.
    let slots = ResultSlots<Candidate>(count: candidates.count)
    DispatchQueue.concurrentPerform(iterations: candidates.count) { index in
      guard !cancellation.isCancelled else { return }
      slots.set(index, .success(Self.read(candidates[index], from: source)))
    }
    var files: [String: NginxLoader.File] = [:]
    var mains: [String] = []
    for (file, slot) in zip(candidates, slots.results) {
      guard case .success(let candidate)? = slot else { continue }
      switch candidate {
      case .parsed(let parsed):
        files[file.path] = parsed
        mains.append(file.path)
      case .binary:
        notices.append(
          Notice(
            .warning, "binary file with a configuration name; not read", path: file.shown,
            line: 1))
        coverage.skip("binary")
      case .unreadable(let reason):
        notices.append(Notice(.warning, "cannot read: \(reason)", path: file.shown))
        coverage.skip("unreadable")
      case .malformed(let error, let looksLikeNginx):
        // A .conf that is not nginx at all is skipped quietly; one that looks like nginx but
        // does not parse is named.
        guard looksLikeNginx else { continue }
        notices.append(Notice(.warning, "\(error); not checked"))
        coverage.skip("malformed")
      }
    }
    var loader = NginxLoader(
      root: tree.root, source: source, prefix: options.nginxPrefix?.path, parsed: files)
    // Files that include others are loaded first: a file without includes that one of them
    // read is checked as part of it and need not be loaded on its own.
    let includers = Set(
      mains.filter { files[$0].map { NginxDiscovery.includes($0.directives) } ?? false })
    var loaded: [String: NginxLoader.Loaded] = [:]
    var included = Set<String>()
    var fragments: [String] = []
    for path in mains.filter(includers.contains) + mains.filter({ !includers.contains($0) }) {
      if let shown = files[path]?.shown, included.contains(shown) { continue }
      do {
        let config = try loader.load(path)
        guard NginxDiscovery.looksLikeNginx(config.directives) else {
          if NginxDiscovery.isFragment(config.directives) { fragments.append(config.files[0]) }
          continue
        }
        loaded[path] = config
        included.formUnion(config.files.dropFirst())
      } catch {
        // An included file that does not parse fails the configuration including it.
        notices.append(Notice(.warning, "\(error); not checked"))
        coverage.skip("malformed")
      }
    }
    // Fragments no configuration includes: checked alone they would only report what their
    // missing context lacks, so they are counted, once, rather than dropped without a word.
    let unchecked = fragments.filter { !included.contains($0) }
    if !unchecked.isEmpty {
      let count = unchecked.count
      notices.append(
        Notice(
          .note,
          "\(count) nginx \(count == 1 ? "fragment" : "fragments") not included by any configuration \(count == 1 ? "was" : "were") not checked (such as \(unchecked.sorted()[0]))"
        ))
    }
    let configs = mains.compactMap { loaded[$0] }.filter { !included.contains($0.files[0]) }
    if let note = Self.prefixNote(configs, loader: loader) { notices.append(note) }
    return configs.map { Self.placed($0, among: loaded, loader: loader) }
  }

  /// One warning per include pattern that names no file, at its first place with a count of
  /// the others: 263 site files that each include `/config/nginx/ssl.conf` make one line, not
  /// 263 (a shared file's include is one place however many configurations read it).
  static func missingIncludeNotices(_ includes: [NginxDirective]) -> [Notice] {
    var seen = Set<String>()
    let groups = includes.filter { seen.insert("\($0.path):\($0.line)").inserted }
      .grouped { $0.values.first ?? "" }
    return groups.map { places in
      let pattern = places[0].values.first ?? ""
      let others = places.count - 1
      let elsewhere =
        others == 0 ? "" : " (here and at \(others) other \(others == 1 ? "place" : "places"))"
      return Notice(
        .warning,
        "include '\(pattern)' names no file\(elsewhere); its directives were not checked",
        path: places[0].path, line: places[0].line)
    }
  }

  /// Says which prefixes relative includes resolved against when none was given, so a wrong
  /// guess can be seen and overridden.
  private static func prefixNote(_ configs: [NginxLoader.Loaded], loader: NginxLoader) -> Notice? {
    let found = Set(configs.filter(\.prefixFound).compactMap(\.prefix)).sorted()
    guard !found.isEmpty else { return nil }
    let shown = found.map { "'\($0 == loader.root ? "." : loader.display($0))'" }
    return Notice(
      .note,
      "nginx includes resolved against the \(found.count == 1 ? "prefix" : "prefixes") \(shown.joined(separator: ", ")), the folder holding nginx.conf or mime.types (--nginx-prefix sets another)"
    )
  }

  /// A site file of bare `server` blocks, under a prefix whose `nginx.conf` has an `http` block,
  /// is checked inside that block, where the prefix's configuration puts its sites (h5bp's
  /// `conf.d/templates/*.conf` are copied into `conf.d/*.conf` to be deployed): the http-level
  /// settings such as `server_tokens off` apply to its servers. `nginx.conf`'s own directives
  /// come along only as context; its findings are its own check's.
  private static func placed(
    _ site: NginxLoader.Loaded, among loaded: [String: NginxLoader.Loaded], loader: NginxLoader
  ) -> NginxLoader.Loaded {
    guard let prefix = site.prefix, !site.directives.contains(where: { $0.name == "http" }),
      site.directives.contains(where: { $0.name == "server" }),
      let main = loaded[prefix + "/nginx.conf"], main.files[0] != site.files[0],
      main.directives.contains(where: { $0.name == "http" })
    else { return site }
    var placed = site
    placed.directives = main.directives.map { directive in
      guard directive.name == "http" else { return directive }
      var http = directive
      http.block = (directive.block ?? []).filter { $0.name != "server" } + site.directives
      return http
    }
    placed.context = main.files[0]
    return placed
  }

  private static func read(_ file: GatewayFiles.Entry, from source: any FileSource) -> Candidate {
    let bytes: [UInt8]
    do {
      bytes = try source.read(file.file)
    } catch {
      return .unreadable(error.detail)
    }
    if NginxDiscovery.isBinary(bytes) { return .binary }
    do {
      return .parsed(try NginxLoader.parse(bytes, shown: file.shown))
    } catch {
      return .malformed(error, looksLikeNginx: NginxDiscovery.mentionsNginxDirectives(bytes))
    }
  }
}
