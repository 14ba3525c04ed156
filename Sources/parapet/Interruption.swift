import Foundation
import ParapetCore

/// SIGINT and SIGTERM during a run: the jobs are told to stop, the reports are written whole
/// with those jobs `cancelled` (so no report of an earlier run is left looking current), and the
/// run exits 130 or 143. A second signal ends the process at once.
final class Interruption: @unchecked Sendable {
  /// The run's token: cancelling it stops every job.
  let cancellation = Cancellation()
  private let lock = NSLock()
  private var received: Int32?
  private var sources: [any DispatchSourceSignal] = []

  /// Starts listening for SIGINT and SIGTERM.
  init() {
    for number in [SIGINT, SIGTERM] {
      signal(number, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
      source.setEventHandler { [weak self] in self?.receive(number) }
      source.resume()
      sources.append(source)
    }
  }

  /// The exit code of an interrupted run (128 + the signal), or nil.
  var exitCode: Int32? {
    lock.lock()
    defer { lock.unlock() }
    return received.map { 128 + $0 }
  }

  private func receive(_ number: Int32) {
    lock.lock()
    let first = received == nil
    if first { received = number }
    lock.unlock()
    guard first else { _exit(128 + number) }
    ExitStatus.printError("interrupted: stopping the jobs and writing the reports")
    cancellation.cancel(.interrupted)
  }
}
