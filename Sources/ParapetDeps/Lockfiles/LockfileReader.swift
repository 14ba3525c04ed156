import Foundation
import ParapetCore

/// Finds and parses the lockfiles of a source, for every job that reads the dependency graph.
public enum LockfileReader {
  /// The largest lockfile read. The largest real ones (monorepo package-locks) are tens of
  /// megabytes; a file many times that is generated garbage, and reading it would cost
  /// gigabytes of memory.
  public static let maximumBytes = 128 * 1_048_576

  /// Reads every lockfile of a source; one that cannot be read becomes a notice naming its file
  /// (and line), counted as skipped, and the others are still read.
  /// - Parameters:
  ///   - source: the files.
  ///   - includeFixtures: read lockfiles in installed trees and fixture folders too.
  ///   - notices: receives what could not be read.
  ///   - coverage: counts files read and skipped.
  ///   - cancellation: when it is cancelled, no further lockfile is read.
  /// - Returns: the lockfiles read, in path order.
  public static func read(
    _ source: any FileSource, includeFixtures: Bool, notices: inout [Notice],
    coverage: inout Coverage, cancellation: Cancellation? = nil
  ) -> [Lockfile] {
    var lockfiles: [Lockfile] = []
    for entry in LockfileDiscovery.find(in: source, includeFixtures: includeFixtures) {
      if cancellation?.isCancelled == true { break }
      let shown = entry.path.description
      guard let parser = LockfileFormats.parser(for: entry.path.name) else { continue }
      let bytes: [UInt8]
      do {
        bytes = try source.read(entry.path, limit: maximumBytes)
      } catch {
        coverage.skip(error.reason)
        notices.append(Notice(.warning, "lockfile \(error.detail)", path: shown))
        continue
      }
      guard let text = String(validating: bytes, as: UTF8.self) else {
        coverage.skip("malformed")
        notices.append(Notice(.warning, "lockfile is not valid UTF-8", path: shown, line: 1))
        continue
      }
      do {
        let lockfile = try parser.parse(
          text, path: shown, site: LockfileSite(source: source, path: entry.path))
        coverage.files += 1
        coverage.bytes += bytes.count
        for notice in lockfile.notices {
          notices.append(Notice(.note, notice.message, path: shown, line: notice.line))
        }
        lockfiles.append(lockfile)
      } catch let ParapetDepsError.malformedLockfile(location, message),
        let ParapetCoreError.invalidConfiguration(location, message)
      {
        coverage.skip("malformed")
        notices.append(
          Notice(.warning, "cannot read lockfile: \(message)", path: shown, line: location.line))
      } catch {
        coverage.skip("malformed")
        notices.append(Notice(.warning, "cannot read lockfile: \(error)", path: shown))
      }
    }
    return lockfiles
  }

  /// Why no lockfile could be read when some were found and none was: a job then has no result
  /// to give and fails, rather than passing on nothing.
  /// - Parameters:
  ///   - lockfiles: what `read` returned.
  ///   - coverage: what `read` counted.
  ///   - notices: what `read` reported.
  /// - Returns: the error naming the first lockfile and its reason, or nil when some were read
  ///   or none were found.
  public static func failure(
    _ lockfiles: [Lockfile], coverage: Coverage, notices: [Notice]
  ) -> ParapetDepsError? {
    guard lockfiles.isEmpty, !coverage.skipped.isEmpty else { return nil }
    let first = notices.first { $0.level == .warning && $0.path != nil }
    return .malformedLockfile(
      SourceLocation(path: first?.path ?? "", line: first?.line ?? 1),
      "no lockfile could be read: \(first?.message ?? "every one was skipped")")
  }
}
