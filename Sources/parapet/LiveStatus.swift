import Foundation
import ParapetCore

/// The live line per job on a terminal: a spinner and the elapsed time while it runs, its status
/// and time once done. Written to standard error and redrawn in place, only when standard error
/// is a terminal; otherwise the summary table is the whole story.
final class LiveStatus: JobObserver, @unchecked Sendable {
  private let lock = NSLock()
  private let names: [String]
  private var started: [String: (date: Date, progress: ScanProgress)] = [:]
  private var finished: [String: (status: JobResult.Status, seconds: Double)] = [:]
  private var drawn = 0
  private var frame = 0
  private var ticker: Task<Void, Never>?

  private static let spinner = Array("⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏")

  /// A live status for these jobs, or nil when standard error is not a terminal.
  static func onTerminal(jobs: [String], quiet: Bool) -> LiveStatus? {
    guard !quiet, isatty(STDERR_FILENO) == 1 else { return nil }
    return LiveStatus(jobs: jobs)
  }

  private init(jobs: [String]) {
    names = jobs
  }

  /// Starts redrawing, ten times a second.
  func start() {
    ticker = Task { [weak self] in
      while !Task.isCancelled {
        self?.draw()
        try? await Task.sleep(for: .milliseconds(100))
      }
    }
  }

  /// Stops redrawing and leaves the final lines.
  func stop() {
    ticker?.cancel()
    draw()
  }

  func started(_ job: String, progress: ScanProgress) {
    lock.lock()
    started[job] = (Date(), progress)
    lock.unlock()
  }

  func finished(_ result: JobResult) {
    lock.lock()
    finished[result.job] = (result.status, Double(result.durationMs) / 1000)
    lock.unlock()
  }

  private func draw() {
    lock.lock()
    defer { lock.unlock() }
    frame += 1
    var text = drawn > 0 ? "\u{1B}[\(drawn)A" : ""
    for name in names {
      let line: String
      if let done = finished[name] {
        let mark = done.status == .failed ? "✗" : "✓"
        line =
          "\(mark) \(pad(name)) \(pad(done.status.rawValue)) \(String(format: "%.2fs", done.seconds))"
      } else if let (since, progress) = started[name] {
        let spin = Self.spinner[frame % Self.spinner.count]
        let seconds = Date().timeIntervalSince(since)
        line =
          "\(spin) \(pad(name)) \(pad("running")) \(String(format: "%.1fs", seconds))"
          + Self.commits(progress.snapshot, seconds: seconds)
      } else {
        line = "· \(pad(name)) waiting"
      }
      text += "\u{1B}[2K\(line)\n"
    }
    drawn = names.count
    FileHandle.standardError.write(Data(text.utf8))
  }

  /// `  12,000/30,000 commits, 4,100/s, about 5s left` for a job walking commits.
  private static func commits(_ progress: (coverage: Coverage, totalCommits: Int), seconds: Double)
    -> String
  {
    let (done, total) = (progress.coverage.commits, progress.totalCommits)
    guard total > 0 else { return "" }
    let rate = seconds > 0 ? Double(done) / seconds : 0
    let left = rate > 0 ? String(format: ", about %.0fs left", Double(total - done) / rate) : ""
    return "  \(done)/\(total) commits, \(Int(rate))/s\(left)"
  }

  private func pad(_ text: String) -> String {
    text.padding(toLength: 12, withPad: " ", startingAt: 0)
  }
}
