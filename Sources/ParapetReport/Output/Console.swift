#if canImport(Glibc)
  import Glibc
#endif

/// The terminal's two streams. Results (findings, the jobs table, the totals) go to standard
/// output, or to standard error when a report takes standard output (`--sarif -`); notes,
/// warnings, progress and errors always go to standard error. A closed pipe (`| head -1`) stops
/// the writing quietly: the process ignores SIGPIPE, and the run ends with its own exit code.
public struct Console: Sendable {
  /// Where results go.
  public let results: Int32

  /// A console.
  /// - Parameter reportTakesStandardOutput: whether a report is written to standard output.
  public init(reportTakesStandardOutput: Bool = false) {
    results = reportTakesStandardOutput ? STDERR_FILENO : STDOUT_FILENO
  }

  /// Writes results.
  public func result(_ text: String) {
    Self.write(text, to: results)
  }

  /// Writes a message: a note, a warning, an error, progress.
  public func message(_ text: String) {
    Self.write(text, to: STDERR_FILENO)
  }

  /// Whether results go to a terminal (colour, live lines).
  public var resultsAreTerminal: Bool { isatty(results) == 1 }

  /// Writes text, giving up quietly on a closed pipe or any other write error: the terminal is
  /// not a report, and its loss must not change the run's outcome.
  private static func write(_ text: String, to descriptor: Int32) {
    let bytes = Array(text.utf8)
    bytes.withUnsafeBytes { buffer in
      guard let base = buffer.baseAddress else { return }
      var offset = 0
      while offset < buffer.count {
        let count = Glibc.write(descriptor, base + offset, buffer.count - offset)
        if count < 0 {
          if errno == EINTR { continue }
          return
        }
        offset += count
      }
    }
  }
}
