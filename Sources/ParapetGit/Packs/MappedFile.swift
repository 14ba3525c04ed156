import Foundation

/// A file mapped read-only, whose resident pages can be handed back at any time: being a
/// private mapping that is never written, a page dropped is read again from the page cache on
/// its next use, so dropping is safe while other threads read.
final class MappedFile: @unchecked Sendable {
  let bytes: UnsafeRawBufferPointer

  /// The file mapped; nil when it cannot be opened or mapped, or is empty.
  init?(path: String) {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var info = stat()
    guard fstat(descriptor, &info) == 0, info.st_size > 0,
      let start = mmap(nil, Int(info.st_size), PROT_READ, MAP_PRIVATE, descriptor, 0),
      start != MAP_FAILED
    else { return nil }
    bytes = UnsafeRawBufferPointer(start: start, count: Int(info.st_size))
  }

  deinit {
    munmap(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count)
  }

  /// Hands the resident pages back to the system.
  func dropPages() {
    madvise(UnsafeMutableRawPointer(mutating: bytes.baseAddress), bytes.count, MADV_DONTNEED)
  }
}
