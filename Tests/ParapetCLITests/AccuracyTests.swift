import Foundation
import ParapetTestSupport
import XCTest

/// The accuracy test of the secrets job: `fixtures/make-leaky-repo.py` plants random,
/// format-valid secrets of many kinds through a realistic history (deletions, a rename, a merged
/// branch, a base64 Kubernetes Secret) among decoys; every planted secret must be found at its
/// path, line and rule, and nothing else may be.
final class AccuracyTests: XCTestCase {
  func testEveryPlantedSecretIsFoundAndNoDecoyIs() throws {
    let folder = try TemporaryRepository(git: false)
    let seed = UInt32.random(in: 0...UInt32.max)
    let script = TestPaths.packageRoot.appendingPathComponent("fixtures/make-leaky-repo.py")
    let made = try Command.run(
      URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path, folder.url.path, "\(seed)"])
    XCTAssertEqual(made.status, 0, made.stderr)
    let expected = try String(
      contentsOf: folder.url.appendingPathComponent("expected.tsv"), encoding: .utf8
    )
    .split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    let repo = folder.url.appendingPathComponent("repo")
    XCTAssertGreaterThanOrEqual(Set(expected.map { $0[1...].joined(separator: " ") }).count, 60)
    XCTAssertGreaterThanOrEqual(Set(expected.map { $0[3] }).count, 30)

    for (mode, flags) in [("history", ["--history"]), ("worktree", [])] {
      let json = folder.url.appendingPathComponent("\(mode).json")
      let result = try Command.parapet(["secrets", repo.path, "--json", json.path] + flags)
      XCTAssertEqual(result.status, 1, result.stderr)
      let found = Set(try Self.findings(json))
      let wanted = Set(expected.filter { $0[0] == mode }.map { "\($0[1]):\($0[2]) \($0[3])" })
      XCTAssertEqual(
        wanted.subtracting(found).sorted(), [], "seed \(seed): \(mode) scan missed planted secrets")
      XCTAssertEqual(
        found.subtracting(wanted).sorted(), [],
        "seed \(seed): \(mode) scan reported what was not planted")
    }
  }

  private static func findings(_ json: URL) throws -> [String] {
    let jobs = try JSONReport.jobs(json)
    return jobs.flatMap { $0["findings"] as? [[String: Any]] ?? [] }.map { finding in
      let location = finding["location"] as? [String: Any] ?? [:]
      return "\(location["path"] ?? ""):\(location["startLine"] ?? 0) \(finding["ruleId"] ?? "")"
    }
  }
}
