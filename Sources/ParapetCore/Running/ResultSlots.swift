import Foundation

/// One result per index, filled from several threads (`DispatchQueue.concurrentPerform`
/// workers), read once they are all done.
public final class ResultSlots<Value>: @unchecked Sendable {
  private let lock = NSLock()
  private var slots: [Result<Value, Error>?]

  /// Empty slots.
  /// - Parameter count: how many.
  public init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  /// Fills a slot.
  /// - Parameters:
  ///   - index: which.
  ///   - result: the value or the error.
  public func set(_ index: Int, _ result: Result<Value, Error>) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }

  /// Every slot, in index order (nil for a slot never filled).
  public var results: [Result<Value, Error>?] {
    lock.lock()
    defer { lock.unlock() }
    return slots
  }
}
