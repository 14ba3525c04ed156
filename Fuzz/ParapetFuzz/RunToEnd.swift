import Foundation
import ParapetCore

/// Runs a job over one in-memory file and waits for it: libFuzzer calls synchronously, jobs are
/// async.
/// - Parameters:
///   - job: the job.
///   - files: the files it sees, by repo-relative path.
func runToEnd(_ job: some ScanJob, files: [String: [UInt8]]) {
  let context = ScanContext(
    root: URL(fileURLWithPath: "/fuzz"), source: MemorySource(files),
    redaction: RedactionGate(recognizer: nil))
  let done = DispatchSemaphore(value: 0)
  Task.detached {
    _ = try? await job.run(context)
    done.signal()
  }
  done.wait()
}
