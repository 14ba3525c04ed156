import Foundation
import ParapetCore

/// The lockfiles of a root, read once per run for every job that needs them: deps and licenses
/// run at the same time, and parsing a large `package-lock.json` twice made `scan` half again
/// as slow as its slowest job.
public actor LockfileCache {
  /// What reading a root gave.
  public struct Snapshot: Sendable {
    public var lockfiles: [Lockfile]
    public var notices: [Notice]
    public var coverage: Coverage
  }

  /// The process's cache.
  public static let shared = LockfileCache()

  private var reads: [String: Task<Snapshot, Never>] = [:]

  /// The lockfiles of a scan's source, read by the first caller; later and concurrent callers
  /// get the same result.
  /// - Parameters:
  ///   - context: the scan: its root names it, its source is read.
  ///   - includeFixtures: read lockfiles in installed trees and fixture folders too.
  /// - Returns: the lockfiles, with the notices and coverage of reading them.
  public func read(_ context: ScanContext, includeFixtures: Bool) async -> Snapshot {
    let key =
      "\(includeFixtures) \(context.source.label) \(context.root.standardizedFileURL.path)"
    if let read = reads[key] { return await read.value }
    let source = context.source
    let read = Task.detached {
      var notices: [Notice] = []
      var coverage = Coverage()
      let lockfiles = LockfileReader.read(
        source, includeFixtures: includeFixtures, notices: &notices, coverage: &coverage)
      return Snapshot(lockfiles: lockfiles, notices: notices, coverage: coverage)
    }
    reads[key] = read
    return await read.value
  }

  /// Forgets every root, so that an audit of many repositories does not keep them all.
  public func clear() {
    reads = [:]
  }
}
