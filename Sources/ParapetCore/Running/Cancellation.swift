import Foundation

/// Tells a job to stop: its time limit passed (`--job-timeout`), or the user interrupted the run
/// (SIGINT, SIGTERM). Jobs check it in their inner loops (per file, blob, lockfile, commit) and
/// stop there; a stopped job reports what it had covered.
public final class Cancellation: @unchecked Sendable {
  /// Why a job was told to stop.
  public enum Reason: Sendable, Equatable {
    case timedOut(Duration)
    case interrupted
  }

  private let lock = NSLock()
  private var stored: Reason?
  private let parent: Cancellation?

  /// A token; a child is cancelled when its parent is.
  /// - Parameter parent: the run's token, for a job's.
  public init(parent: Cancellation? = nil) {
    self.parent = parent
  }

  /// Why it was cancelled, or nil while it runs on.
  public var reason: Reason? {
    lock.lock()
    let own = stored
    lock.unlock()
    return own ?? parent?.reason
  }

  /// Whether the job must stop.
  public var isCancelled: Bool { reason != nil }

  /// Tells the job to stop (the first reason given is kept).
  public func cancel(_ reason: Reason) {
    lock.lock()
    if stored == nil { stored = reason }
    lock.unlock()
  }

  /// Throws when the job must stop: the one line inner loops call.
  /// - Throws: `CancellationError`.
  public func check() throws {
    if isCancelled { throw CancellationError() }
  }
}

/// What a job has covered so far, kept as it goes, so a job stopped at its time limit still
/// reports how far it got.
public final class ScanProgress: @unchecked Sendable {
  private let lock = NSLock()
  private var covered = Coverage()
  /// How many commits the job's walk holds, when it walks one (for progress on a terminal).
  private var totalCommits = 0

  public init() {}

  /// Counts what was read.
  public func add(files: Int = 0, commits: Int = 0, bytes: Int = 0) {
    lock.lock()
    covered.files += files
    covered.commits += commits
    covered.bytes += bytes
    lock.unlock()
  }

  /// Records the length of the job's commit walk.
  public func setTotalCommits(_ count: Int) {
    lock.lock()
    totalCommits = count
    lock.unlock()
  }

  /// The coverage so far, and the walk's length.
  public var snapshot: (coverage: Coverage, totalCommits: Int) {
    lock.lock()
    defer { lock.unlock() }
    return (covered, totalCommits)
  }
}
