import Foundation
import ParapetTestSupport
import XCTest

/// Issue 14: GitHub code scanning refuses a whole SARIF file when one result breaks its rules,
/// losing every job's results. A scan where every job finds something must be accepted: every
/// result placed in a file at a line (signatures at the trust policy), every rule defined.
final class CodeScanningUploadTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 0x14_5a)

  func testIssue14EveryJobsResultsMeetCodeScanningsUploadRules() throws {
    let repo = try TemporaryRepository()
    try repo.write("app.env", "TOKEN=\(tokens.make("ghp_{{base62-crc32}}"))\n")
    try repo.write("requirements.txt", "urllib3==1.26.4\nflask==2.0.0\n")
    try repo.write(
      "nginx/nginx.conf",
      "http { server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.2; location / { proxy_pass http://app; } } }\n"
    )
    let keys = try TemporaryRepository(git: false)
    let key = keys.url.appendingPathComponent("ada").path
    try Command.run(
      URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", key])
    try repo.write(
      ".github/allowed_signers",
      "ada@example.org \(try String(contentsOfFile: key + ".pub", encoding: .utf8))")
    try repo.write(
      ".parapet.toml",
      "[signatures]\nallowed-signers = \".github/allowed_signers\"\n\n[licenses]\ndeny = [\"MIT\"]\n"
    )
    try repo.commitAll("everything at once")
    let out = try TemporaryRepository(git: false)
    let sarif = out.url.appendingPathComponent("r.sarif")
    let result = try Command.parapet([
      "scan", repo.url.path, "--audit", "--db",
      TestPaths.shared.appendingPathComponent("data/advisories").path, "--sarif", sarif.path,
    ])
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    XCTAssertNil(try SchemaValidator.sarifErrors(sarif))
    XCTAssertEqual(try CodeScanningRules.violations(sarif), [])
    let document = try JSONSerialization.jsonObject(with: Data(contentsOf: sarif)) as? [String: Any]
    let runs = document?["runs"] as? [[String: Any]] ?? []
    let withResults = runs.filter { !(($0["results"] as? [Any])?.isEmpty ?? true) }.compactMap {
      ($0["properties"] as? [String: Any])?["job"] as? String
    }
    XCTAssertEqual(withResults.sorted(), ["deps", "gateway", "licenses", "secrets", "signatures"])
    // A signature finding points at the trust policy, where the commit was judged.
    let signatures = runs.first {
      ($0["properties"] as? [String: Any])?["job"] as? String == "signatures"
    }
    let location =
      ((signatures?["results"] as? [[String: Any]])?.first?["locations"] as? [[String: Any]])?
      .first?["physicalLocation"] as? [String: Any]
    XCTAssertEqual(
      (location?["artifactLocation"] as? [String: Any])?["uri"] as? String,
      ".github/allowed_signers")
  }
}
