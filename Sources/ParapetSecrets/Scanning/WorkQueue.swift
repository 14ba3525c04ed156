import Foundation
import ParapetCore

/// Hands out indices of a list to workers in small batches, so that a worker that drew large
/// files does not hold up the others.
final class WorkQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private let count: Int
  private let batch: Int
  private let cancellation: Cancellation?

  init(count: Int, batch: Int = 8, cancellation: Cancellation? = nil) {
    self.count = count
    self.batch = batch
    self.cancellation = cancellation
  }

  /// The next batch of indices, or nil when all are handed out or the job must stop.
  func take() -> Range<Int>? {
    if cancellation?.isCancelled == true { return nil }
    lock.lock()
    defer { lock.unlock() }
    guard next < count else { return nil }
    let start = next
    next = min(count, next + batch)
    return start..<next
  }

  /// Runs `body` for every index on `workers` threads, each with its own state.
  /// - Parameters:
  ///   - count: how many items.
  ///   - workers: how many threads.
  ///   - batch: how many items a worker takes at a time.
  ///   - cancellation: when it is cancelled, workers take no more items.
  ///   - makeState: creates one worker's state (its scanner, its repository handle).
  ///   - body: handles one item with the worker's state.
  /// - Returns: each worker's state, for collecting what it gathered.
  /// - Throws: the first error a worker's `makeState` threw; `CancellationError` when the job
  ///   was told to stop before every item was handled.
  static func run<State>(
    count: Int, workers: Int, batch: Int = 8, cancellation: Cancellation? = nil,
    makeState: @escaping @Sendable () throws -> State,
    body: @escaping @Sendable (inout State, Int) -> Void
  ) throws -> [State] {
    let queue = WorkQueue(count: count, batch: batch, cancellation: cancellation)
    let results = ResultSlots<State>(count: max(1, workers))
    DispatchQueue.concurrentPerform(iterations: max(1, workers)) { worker in
      do {
        var state = try makeState()
        while let range = queue.take() {
          for index in range { body(&state, index) }
        }
        results.set(worker, .success(state))
      } catch {
        results.set(worker, .failure(error))
      }
    }
    try cancellation?.check()
    return try results.results.compactMap { try $0?.get() }
  }
}
