import Foundation
import ParapetCore
import ParapetGateway
import ParapetGit

/// The gateway job of `scan --pre-commit`: the configuration as it will be committed. The
/// index's copies of the files the gateway job reads are written to a temporary folder (the
/// repository is not touched), checked there, and only findings in staged files are kept, so
/// a commit is held to the checklist for what it changes.
struct StagedGatewayJob: ScanJob {
  let name = "gateway"
  let inner: GatewayJob

  func run(_ context: ScanContext) async throws -> JobResult {
    let repository = try GitRepository.open(containing: context.root.path)
    let staged = Set(try repository.stagedChanges().map(\.path).filter(GatewayFiles.mayRead))
    guard !staged.isEmpty else { return JobResult(job: name, status: .complete) }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parapet-staged-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try repository.exportIndex(to: folder, including: GatewayFiles.mayRead)
    var result = try await inner.run(ScanContext(root: folder))
    result.findings = result.findings.filter { staged.contains($0.location?.path ?? "") }
    let failing = Set(result.findings.compactMap(\.unit))
    result.unitProperties = result.unitProperties.filter { unit, properties in
      if case .string(let file)? = properties["file"], staged.contains(file) { return true }
      return failing.contains(unit)
    }
    result.checked = result.unitProperties.keys.sorted()
    let fired = Set(result.findings.map(\.ruleId))
    result.rules = result.rules.filter { fired.contains($0.id) }
    return result
  }
}
