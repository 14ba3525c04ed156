import Foundation
import ParapetCore

/// Hands out indices of a list to workers in small batches, so that a worker that drew large
/// files does not hold up the others.
final class WorkQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private let count: Int
  private let batch: Int

  init(count: Int, batch: Int = 8) {
    self.count = count
    self.batch = batch
  }

  /// The next batch of indices, or nil when all are handed out.
  func take() -> Range<Int>? {
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
  ///   - makeState: creates one worker's state (its scanner, its repository handle).
  ///   - body: handles one item with the worker's state.
  /// - Returns: each worker's state, for collecting what it gathered.
  /// - Throws: the first error a worker's `makeState` threw.
  static func run<State>(
    count: Int, workers: Int, batch: Int = 8, makeState: @escaping @Sendable () throws -> State,
    body: @escaping @Sendable (inout State, Int) -> Void
  ) throws -> [State] {
    let queue = WorkQueue(count: count, batch: batch)
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
    return try results.results.compactMap { try $0?.get() }
  }
}
