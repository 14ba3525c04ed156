import ArgumentParser
import Foundation
import ParapetCore
import ParapetDeps
import ParapetGit
import ParapetSignatures

/// `parapet audit --repos FILE --shard I/N`: the whole-history audit of many repositories, one
/// share of the list per shard, so that CI matrices and Kubernetes Indexed Jobs run the shares in
/// parallel; `parapet report merge` joins their JSON reports.
struct AuditCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract:
      "Audit the I-th share of a list of repositories (paths or clone URLs): secrets over the whole history, deps and licenses on HEAD, signatures where a repository configures them."
  )

  @Option(
    help: ArgumentHelp(
      "A file listing repositories, one path or clone URL per line (# comments).",
      valueName: "file"))
  var repos: String

  @Option(
    help: ArgumentHelp(
      "Audit the I-th of N shares: the repositories at lines I, I+N, I+2N, ... (default 1/1).",
      valueName: "I/N"))
  var shard = "1/1"

  @OptionGroup var report: ReportOptions

  func validate() throws {
    guard Self.share(shard) != nil else {
      throw ValidationError("--shard takes I/N with 1 <= I <= N, not '\(shard)'")
    }
  }

  private static func share(_ text: String) -> (index: Int, count: Int)? {
    let parts = text.split(separator: "/").compactMap { Int($0) }
    guard parts.count == 2, parts[1] >= 1, (1...parts[1]).contains(parts[0]) else { return nil }
    return (parts[0], parts[1])
  }

  func run() async throws {
    let outputs = try ReportOutputs.check(report)
    guard let data = FileManager.default.contents(atPath: repos) else {
      throw ParapetCoreError.io(path: repos, "cannot read the repository list")
    }
    let entries = String(decoding: data, as: UTF8.self).split(separator: "\n")
      .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    guard let (index, count) = Self.share(shard) else { return }
    let labels = Self.labels(entries)
    let workspace = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parapet-audit-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: workspace) }
    var reports: [RunReport] = []
    for (position, entry) in entries.enumerated() where position % count == index - 1 {
      reports.append(
        try await audit(entry, label: labels[position], workspace: workspace))
      LockfileCache.shared.clear()
    }
    try ScanPipeline.finish(RunReport.merged(reports), outputs: outputs, config: nil)
  }

  /// One repository's audit, its paths placed under its label. A repository that cannot be
  /// cloned or opened is a failed `audit` job in the reports, not the end of the run.
  private func audit(_ entry: String, label: String, workspace: URL) async throws -> RunReport {
    let folder: URL
    if FileManager.default.fileExists(atPath: entry) {
      folder = URL(fileURLWithPath: entry)
    } else {
      folder = workspace.appendingPathComponent(label)
      do {
        _ = try GitRepository.clone(entry, to: folder)
      } catch {
        return RunReport(
          toolVersion: Parapet.version,
          results: [
            JobResult(
              job: "audit", status: .failed,
              notifications: [Notice(.error, "cannot clone \(entry): \(error)")])
          ]
        ).placed(under: label)
      }
    }
    var options = report
    options.baselineRef = nil
    let pipeline = try ScanPipeline(path: folder.path, reportOptions: options)
    let isRepository = try GitRepository.openIfPresent(containing: folder.path) != nil
    var jobs: [any ScanJob] = [
      try pipeline.secretsJob(nil, mode: isRepository ? .history : .workTree),
      try pipeline.depsJob(nil),
      try pipeline.licensesJob(nil, includeFixtures: false, prodOnly: false),
    ]
    let signatures = try pipeline.signaturePolicy(nil, defaultCommits: .all)
    if isRepository && (signatures.allowedSigners != nil || !signatures.openPGPKeys.isEmpty) {
      jobs.append(try SignaturesJob(policy: signatures))
    }
    return try await pipeline.report(jobs).placed(under: label)
  }

  /// A name per entry: the repository's folder or URL name, numbered when two share one.
  static func labels(_ entries: [String]) -> [String] {
    let names = entries.map { entry -> String in
      var name = entry.split(separator: "/").last.map(String.init) ?? entry
      if name.hasSuffix(".git") { name.removeLast(4) }
      return name.isEmpty ? "repository" : name
    }
    return names.enumerated().map { position, name in
      names.filter { $0 == name }.count > 1 ? "\(name)-\(position + 1)" : name
    }
  }
}
