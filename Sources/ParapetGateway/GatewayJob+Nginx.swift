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
    return mains.compactMap { loaded[$0] }.filter { !included.contains($0.files[0]) }
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
