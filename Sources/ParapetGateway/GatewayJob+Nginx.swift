import Foundation
import ParapetCore

extension GatewayJob {
  /// The nginx configurations under a root, their includes resolved: one per main file (a file
  /// another one includes is checked as part of it, not again on its own).
  func readNginx(
    _ files: [GatewayFiles.Entry], root: URL, notices: inout [Notice], coverage: inout Coverage
  ) -> [NginxLoader.Loaded] {
    let loader = NginxLoader(root: root, prefix: options.nginxPrefix)
    let candidates = NginxDiscovery.candidates(files)
    func shown(_ file: URL) -> String {
      file.path.replacingOccurrences(of: root.path + "/", with: "")
    }
    for file in candidates.tooLarge {
      notices.append(
        Notice(
          .warning,
          "larger than \(NginxDiscovery.maximumBytes / 1_048_576) MiB: not read as configuration",
          path: shown(file)))
      coverage.skip("too large")
    }
    var loaded: [NginxLoader.Loaded] = []
    for file in candidates.files {
      if NginxDiscovery.isBinary(file) {
        notices.append(
          Notice(
            .warning, "binary file with a configuration name; not read", path: shown(file), line: 1)
        )
        coverage.skip("binary")
        continue
      }
      do {
        let config = try loader.load(file)
        guard NginxDiscovery.looksLikeNginx(config.directives), !config.files.isEmpty else {
          continue
        }
        loaded.append(config)
      } catch let error as ParapetCoreError {
        // A .conf that is not nginx at all is skipped quietly; one that looks like nginx but
        // does not parse is named.
        if NginxDiscovery.mentionsNginxDirectives(file) {
          notices.append(Notice(.warning, "\(error.description); not checked"))
          coverage.skip("malformed")
        }
      } catch {
        notices.append(Notice(.warning, "\(error); not checked", path: shown(file)))
        coverage.skip("malformed")
      }
    }
    let included = Set(loaded.flatMap { $0.files.dropFirst() })
    return loaded.filter { !included.contains($0.files[0]) }
  }
}
