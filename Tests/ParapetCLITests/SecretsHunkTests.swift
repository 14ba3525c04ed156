import Foundation
import ParapetTestSupport
import XCTest

/// Issue 21, defect 1: a history finding always exists in the version of the file it names. A
/// commit's added lines are matched hunk by hunk, and single-line rules never cross a line break.
final class SecretsHunkTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 21)

  func testSeparateHunksOfOneCommitAreNotJoined() throws {
    let repo = try TemporaryRepository()
    // The JSON key rule spans lines; here its two halves are 30 lines (over 400 bytes) apart.
    let filler = (1...30).map { "  \"note_\($0)\": \"a line of ordinary configuration text\"," }
    let before = ["{", "  \"type\": \"user\","] + filler + ["  \"private_key_id\": \"none\"", "}"]
    try repo.write("account.json", before.joined(separator: "\n") + "\n")
    try repo.commitAll("account")
    var after = before
    after[1] = "  \"type\": \"service_account\","
    after[32] = "  \"private_key_id\": \"\(tokens.make("{{hex:40}}"))\""
    try repo.write("account.json", after.joined(separator: "\n") + "\n")
    // The case seen in detect-secrets' history: line 2 and line 7 of one file change together.
    let report = (1...8).map { "line \($0) = \($0)" }
    try repo.write("report.py", report.joined(separator: "\n") + "\n")
    try repo.commitAll("report")
    var changed = report
    changed[1] = "kind = \"Secret\":"
    changed[6] = "    abcdefgh_ijklmnopq_rst: int = 0"
    try repo.write("report.py", changed.joined(separator: "\n") + "\n")
    try repo.commitAll("both")

    // The last version holds one real finding (the key id, by the generic rule), and the history
    // holds the same one: neither the service-account rule nor a generic one across lines.
    let tree = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(Self.rules(in: tree.stdout), ["generic-secret"], tree.stdout)
    let result = try Command.parapet(["secrets", repo.url.path, "--history"])
    XCTAssertEqual(Self.rules(in: result.stdout), ["generic-secret"], result.stdout)
    XCTAssertTrue(result.stdout.contains("account.json:33:22 ["), result.stdout)
  }

  private static func rules(in output: String) -> [String] {
    output.split(separator: "\n").compactMap { line in
      line.range(of: #": (critical|high|medium|low|info) [a-z0-9-]+:"#, options: .regularExpression)
        .map { String(line[$0].split(separator: " ")[2].dropLast()) }
    }
  }

  func testAKeyCompletedByAChangeIsFoundThroughItsContext() throws {
    let repo = try TemporaryRepository()
    let body = (1...4).map { _ in tokens.make("{{alnum:64}}") }
    let key = ["-----BEGIN OPENSSH PRIVATE KEY-----"] + body + ["-----END OPENSSH PRIVATE KEY-----"]
    try repo.write("id_test", (key.dropLast() + ["(truncated)"]).joined(separator: "\n") + "\n")
    try repo.commitAll("half a key")
    try repo.write("id_test", key.joined(separator: "\n") + "\n")
    let completed = try repo.commitAll("the rest")
    let result = try Command.parapet(["secrets", repo.url.path, "--history"])
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertTrue(
      result.stdout.contains("id_test:1:1 [\(completed.prefix(12))]: critical private-key-openssh"),
      result.stdout)
  }

  /// For every finding of a history scan over a random edit history, the secret is on the
  /// reported line of the blob at the reported commit and path.
  func testEveryHistoryFindingIsInTheBlobItNames() throws {
    let repo = try TemporaryRepository()
    var random = SystemRandomNumberGenerator()
    let plants = [
      "token = 'ghp_{{base62-crc32}}'", "DIGITALOCEAN_TOKEN=dop_v1_{{hex:64}}",
      "key: AKIA{{upper2-7:16}}",
      "password = \"{{alnum:14}}\"", "api_token: {{alnum:32}}", "secret = {{alnum:20}}",
    ]
    var files: [String: [String]] = [:]
    for name in ["a.py", "b.yaml", "c/d.env", "e.txt"] {
      files[name] = (1...40).map { "value_\($0) = \($0)" }
      try repo.write(name, (files[name] ?? []).joined(separator: "\n") + "\n")
    }
    try repo.commitAll("start")
    for step in 0..<40 {
      let names = files.keys.sorted()
      for (number, name) in names.enumerated()
      where number == step % names.count || Int.random(in: 0..<3, using: &random) == 0 {
        var lines = files[name] ?? []
        for _ in 0..<Int.random(in: 1...4, using: &random) {
          let at = Int.random(in: 0..<lines.count, using: &random)
          switch Int.random(in: 0..<4, using: &random) {
          case 0: lines[at] = tokens.make(plants.randomElement(using: &random) ?? "")
          case 1 where lines.count > 10: lines.remove(at: at)
          case 2: lines.insert("key_\(step)_\(at) = ordinary", at: at)
          default: lines[at] = "changed_\(step) = \(at)"
          }
        }
        files[name] = lines
        try repo.write(name, lines.joined(separator: "\n") + "\n")
      }
      try repo.commitAll("step \(step)")
    }
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.parapet([
      "secrets", repo.url.path, "--history", "--no-redact", "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let report = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
    let jobs = report?["jobs"] as? [[String: Any]] ?? []
    let findings = jobs.flatMap { $0["findings"] as? [[String: Any]] ?? [] }
    XCTAssertGreaterThan(findings.count, 5)
    for finding in findings {
      let location = finding["location"] as? [String: Any] ?? [:]
      let properties = finding["properties"] as? [String: Any] ?? [:]
      let commit = try XCTUnwrap(location["commit"] as? String)
      let path = try XCTUnwrap(location["path"] as? String)
      let line = try XCTUnwrap(location["startLine"] as? Int)
      let secret = try XCTUnwrap(properties["secret"] as? String)
      let blob = try repo.git("show", "\(commit):\(path)").components(separatedBy: "\n")
      XCTAssertTrue(
        blob.indices.contains(line - 1) && blob[line - 1].contains(secret),
        "\(path):\(line) at \(commit) does not hold \(secret)")
    }
  }
}
