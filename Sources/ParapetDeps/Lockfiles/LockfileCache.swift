import Foundation
import ParapetCore

/// The lockfiles of a root, read once per run for every job that needs them: deps and licenses
/// run at the same time, and parsing a large `package-lock.json` twice made `scan` half again
/// as slow as its slowest job. The first job to ask reads them on its own thread; a job asking
/// meanwhile waits for that reading instead of starting another.
public final class LockfileCache: @unchecked Sendable {
  /// What reading a root gave.
  public struct Snapshot: Sendable {
    public var lockfiles: [Lockfile]
    public var notices: [Notice]
    public var coverage: Coverage
  }

  /// The process's cache.
  public static let shared = LockfileCache()

  private let condition = NSCondition()
  private var snapshots: [String: Snapshot] = [:]
  private var reading: Set<String> = []

  /// The lockfiles of a scan's source, read by the first caller; later and concurrent callers
  /// get the same result.
  /// - Parameters:
  ///   - context: the scan: its root names it, its source is read, its cancellation stops it.
  ///   - includeFixtures: read lockfiles in installed trees and fixture folders too.
  /// - Returns: the lockfiles, with the notices and coverage of reading them.
  /// - Throws: `CancellationError` when the job was told to stop.
  public func read(_ context: ScanContext, includeFixtures: Bool) throws -> Snapshot {
    let key =
      "\(includeFixtures) \(context.source.label) \(context.root.standardizedFileURL.path)"
    condition.lock()
    while reading.contains(key) { condition.wait() }
    if let snapshot = snapshots[key] {
      condition.unlock()
      return snapshot
    }
    reading.insert(key)
    condition.unlock()
    var notices: [Notice] = []
    var coverage = Coverage()
    let lockfiles = LockfileReader.read(
      context.source, includeFixtures: includeFixtures, notices: &notices, coverage: &coverage,
      cancellation: context.cancellation)
    let snapshot = Snapshot(lockfiles: lockfiles, notices: notices, coverage: coverage)
    condition.lock()
    reading.remove(key)
    if !context.cancellation.isCancelled { snapshots[key] = snapshot }
    condition.broadcast()
    condition.unlock()
    try context.cancellation.check()
    context.progress.add(files: coverage.files, bytes: coverage.bytes)
    return snapshot
  }

  /// Forgets every root, so that an audit of many repositories does not keep them all.
  public func clear() {
    condition.lock()
    snapshots = [:]
    condition.unlock()
  }
}
