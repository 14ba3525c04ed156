import Foundation

/// A rule's pattern, compiled (with JIT) the first time a buffer needs it: a pre-commit scan
/// that touches three rules compiles three patterns, not all of them.
final class LazyPattern: @unchecked Sendable {
  private let source: String
  private let lock = NSLock()
  private var state: Result<PCRE2Pattern, PCRE2CompileError>?

  init(_ source: String) {
    self.source = source
  }

  /// The compiled pattern.
  /// - Returns: the pattern.
  /// - Throws: `PCRE2CompileError` when it does not compile (every call, after the first).
  func get() throws -> PCRE2Pattern {
    lock.lock()
    defer { lock.unlock() }
    if let state { return try state.get() }
    let result = Result { () throws(PCRE2CompileError) -> PCRE2Pattern in
      do { return try PCRE2Pattern(source) } catch let error as PCRE2CompileError {
        throw error
      } catch {
        throw PCRE2CompileError(offset: 0, message: "\(error)")
      }
    }
    state = result
    return try result.get()
  }
}
