import CPCRE2

/// A compiled, JIT-compiled PCRE2 pattern over bytes (no UTF mode: input may be any bytes).
/// Immutable after creation, so one instance is shared by all workers.
final class PCRE2Pattern: @unchecked Sendable {
  let code: OpaquePointer
  let captureCount: Int
  private let jitCompiled: Bool

  /// Compiles a pattern.
  /// - Parameters:
  ///   - pattern: PCRE2 syntax.
  ///   - caseless: match letters regardless of case.
  /// - Throws: `PCRE2CompileError` with the offset and PCRE2's message.
  init(_ pattern: String, caseless: Bool = false) throws {
    var errorCode: Int32 = 0
    var errorOffset = 0
    let options = caseless ? UInt32(PCRE2_CASELESS) : 0
    let compiled = pattern.withCString { pointer in
      pointer.withMemoryRebound(to: UInt8.self, capacity: pattern.utf8.count) {
        pcre2_compile_8($0, pattern.utf8.count, options, &errorCode, &errorOffset, nil)
      }
    }
    guard let compiled else {
      throw PCRE2CompileError(offset: errorOffset, message: Self.message(for: errorCode))
    }
    code = compiled
    jitCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    var count: UInt32 = 0
    pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
    captureCount = Int(count)
  }

  deinit {
    pcre2_code_free_8(code)
  }

  /// Finds the next match at or after `start`.
  /// - Parameters:
  ///   - bytes: the subject.
  ///   - start: the offset to search from.
  ///   - scratch: the worker's match data.
  /// - Returns: the capture ranges (index 0 is the whole match; nil for unset groups), or nil.
  func match(
    _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, scratch: MatchScratch
  ) -> [Range<Int>?]? {
    let data = scratch.matchData(for: captureCount)
    let base = bytes.baseAddress ?? UnsafePointer(bitPattern: 1)
    let result =
      jitCompiled
      ? pcre2_jit_match_8(code, base, bytes.count, start, 0, data, scratch.context)
      : pcre2_match_8(code, base, bytes.count, start, 0, data, scratch.context)
    guard result > 0 else { return nil }
    guard let vector = pcre2_get_ovector_pointer_8(data) else { return nil }
    var ranges: [Range<Int>?] = []
    ranges.reserveCapacity(captureCount + 1)
    for group in 0...captureCount {
      let lower = vector[2 * group]
      let upper = vector[2 * group + 1]
      ranges.append(lower == Self.unset || lower > upper ? nil : lower..<upper)
    }
    return ranges
  }

  /// PCRE2_UNSET, `~(PCRE2_SIZE)0`, as the offset of a group that did not take part in the
  /// match: `size_t` is imported as `Int`, so it reads as -1, not as `Int.max`.
  static let unset = Int(bitPattern: UInt.max)

  /// Whether the pattern matches anywhere in a string.
  /// - Parameters:
  ///   - text: the subject.
  ///   - scratch: the worker's match data.
  /// - Returns: true on a match.
  func matches(_ text: some StringProtocol, scratch: MatchScratch) -> Bool {
    var copy = String(text)
    return copy.withUTF8 { match($0, from: 0, scratch: scratch) != nil }
  }

  static func message(for code: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = pcre2_get_error_message_8(code, &buffer, buffer.count)
    return length > 0
      ? String(decoding: buffer.prefix(Int(length)), as: UTF8.self) : "error \(code)"
  }
}

/// A pattern did not compile.
struct PCRE2CompileError: Error, CustomStringConvertible {
  let offset: Int
  let message: String
  var description: String { "invalid regex at offset \(offset): \(message)" }
}

/// One worker's PCRE2 scratch space: match data and a JIT stack, created once and reused.
final class MatchScratch {
  let context: OpaquePointer
  private let stack: OpaquePointer
  private var data: OpaquePointer
  private var pairs: Int

  init() {
    context = pcre2_match_context_create_8(nil)
    stack = pcre2_jit_stack_create_8(64 * 1024, 4 * 1024 * 1024, nil)
    pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(stack))
    // Bound backtracking so that a pathological line cannot hang a scan.
    pcre2_set_match_limit_8(context, 5_000_000)
    pairs = 32
    data = pcre2_match_data_create_8(UInt32(pairs), nil)
  }

  func matchData(for captureCount: Int) -> OpaquePointer {
    if captureCount + 1 > pairs {
      pcre2_match_data_free_8(data)
      pairs = captureCount + 1
      data = pcre2_match_data_create_8(UInt32(pairs), nil)
    }
    return data
  }

  deinit {
    pcre2_match_data_free_8(data)
    pcre2_jit_stack_free_8(stack)
    pcre2_match_context_free_8(context)
  }
}
