import Foundation

/// Reads another stream ahead on a thread of its own, a few chunks at a time, so that
/// decompressing a layer (zlib's inflate, most of an image's cost) overlaps with hashing and
/// parsing what was already decompressed.
final class PrefetchingStream: ByteStream {
  let name: String
  private let queue: ChunkQueue
  private var current: [UInt8] = []
  private var offset = 0
  private var ended = false

  private static let chunkSize = 1 << 20

  /// The chunks between the reading thread and the reader. The thread holds this and the inner
  /// stream, never the `PrefetchingStream`, so a reader that stops early releases it, and its
  /// `deinit` stops the thread.
  private final class ChunkQueue: @unchecked Sendable {
    let condition = NSCondition()
    /// Read and not yet consumed, oldest first; an empty chunk marks the end.
    var chunks: [[UInt8]] = []
    var failure: ImageError?
    var stopped = false
    static let depth = 4
  }

  init(_ inner: any ByteStream) {
    name = inner.name
    let queue = ChunkQueue()
    self.queue = queue
    nonisolated(unsafe) let source = inner
    let thread = Thread { Self.produce(from: source, into: queue) }
    thread.stackSize = 1 << 20
    thread.start()
  }

  deinit {
    queue.condition.lock()
    queue.stopped = true
    queue.condition.broadcast()
    queue.condition.unlock()
  }

  /// The reading thread: fills chunks until the end, an error, or the reader goes away.
  private static func produce(from inner: any ByteStream, into queue: ChunkQueue) {
    while true {
      let result = Result { () throws(ImageError) -> [UInt8] in try inner.read(count: chunkSize) }
      queue.condition.lock()
      while queue.chunks.count >= ChunkQueue.depth && !queue.stopped { queue.condition.wait() }
      guard !queue.stopped else {
        queue.condition.unlock()
        return
      }
      switch result {
      case .success(let chunk): queue.chunks.append(chunk)
      case .failure(let error): queue.failure = error
      }
      queue.condition.broadcast()
      queue.condition.unlock()
      guard case .success(let chunk) = result, !chunk.isEmpty else { return }
    }
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws(ImageError) -> Int {
    guard !buffer.isEmpty, !ended else { return 0 }
    if offset == current.count {
      queue.condition.lock()
      while queue.chunks.isEmpty && queue.failure == nil { queue.condition.wait() }
      if queue.chunks.isEmpty, let failure = queue.failure {
        queue.condition.unlock()
        throw failure
      }
      current = queue.chunks.removeFirst()
      offset = 0
      queue.condition.broadcast()
      queue.condition.unlock()
      if current.isEmpty {
        ended = true
        return 0
      }
    }
    let count = min(buffer.count, current.count - offset)
    current.withUnsafeBytes { bytes in
      buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + count)]))
    }
    offset += count
    return count
  }
}
