import Foundation
import ParapetCore

/// Finds and parses the lockfiles under a folder, for every job that reads the dependency graph.
public enum LockfileReader {
  /// The largest lockfile read. The largest real ones (monorepo package-locks) are tens of
  /// megabytes; a file many times that is generated garbage, and reading it would cost
  /// gigabytes of memory.
  public static let maximumBytes = 128 * 1_048_576

  /// Reads every lockfile under a folder; one that cannot be read becomes a notice naming its file
  /// and line, and the others are still read.
  /// - Parameters:
  ///   - root: the scanned folder.
  ///   - includeFixtures: read lockfiles in installed trees and fixture folders too.
  ///   - notices: receives what could not be read.
  ///   - coverage: counts files read and skipped.
  /// - Returns: the lockfiles read, in path order.
  public static func read(
    under root: URL, includeFixtures: Bool, notices: inout [Notice], coverage: inout Coverage
  ) -> [Lockfile] {
    var lockfiles: [Lockfile] = []
    for path in LockfileDiscovery.find(under: root, includeFixtures: includeFixtures) {
      let url = root.appendingPathComponent(path)
      guard let parser = LockfileFormats.parser(for: url.lastPathComponent) else { continue }
      let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
      guard size <= maximumBytes else {
        coverage.skip("malformed")
        notices.append(
          Notice(
            .warning,
            "lockfile of \(size / 1_048_576) MiB is larger than the \(maximumBytes / 1_048_576) MiB parapet reads; skipped",
            path: path))
        continue
      }
      guard let data = FileManager.default.contents(atPath: url.path) else {
        coverage.skip("unreadable")
        notices.append(Notice(.warning, "cannot read lockfile", path: path))
        continue
      }
      guard let text = String(validatingUTF8Data: data) else {
        coverage.skip("malformed")
        notices.append(Notice(.warning, "lockfile is not valid UTF-8", path: path, line: 1))
        continue
      }
      do {
        let lockfile = try parser.parse(
          text, path: path, directory: url.deletingLastPathComponent())
        coverage.files += 1
        coverage.bytes += data.count
        for notice in lockfile.notices {
          notices.append(Notice(.note, notice.message, path: path, line: notice.line))
        }
        lockfiles.append(lockfile)
      } catch let ParapetDepsError.malformedLockfile(location, message) {
        coverage.skip("malformed")
        notices.append(
          Notice(.warning, "cannot read lockfile: \(message)", path: path, line: location.line))
      } catch {
        coverage.skip("malformed")
        notices.append(Notice(.warning, "cannot read lockfile: \(error)", path: path))
      }
    }
    return lockfiles
  }

  /// Whether lockfiles were found but none could be read: a job then has no result to give
  /// and fails, rather than passing on nothing.
  /// - Parameters:
  ///   - lockfiles: what `read` returned.
  ///   - coverage: what `read` counted.
  /// - Returns: true when every lockfile found was malformed.
  public static func noneReadable(_ lockfiles: [Lockfile], coverage: Coverage) -> Bool {
    lockfiles.isEmpty && coverage.skipped["malformed", default: 0] > 0
  }

}
