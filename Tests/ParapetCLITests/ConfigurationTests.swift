import Foundation
import ParapetTestSupport
import XCTest

/// `.parapet.toml`, gitleaks configs, ignore files, inline suppression and baselines, through the
/// real binary.
final class ConfigurationTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: UInt64(Date().timeIntervalSince1970) ^ 0x5eed)

  func testUnknownConfigKeyIsAnErrorNamingFileAndLine() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      ".parapet.toml", "fail-on = \"high\"\n\n[secrets]\nredact = 4\nmax-filesize = 10\n")
    let result = try Command.parapet(["scan", repo.url.path])
    XCTAssertEqual(result.status, 2)
    XCTAssertEqual(
      result.stderr,
      "parapet: .parapet.toml:5:1: unknown key 'max-filesize' in [secrets]; expected one of: allowlist, cache, gitleaks-config, max-file-size, min-confidence, redact\n"
    )
  }

  func testMalformedConfigNamesTheLine() throws {
    let repo = try TemporaryRepository()
    try repo.write(".parapet.toml", "[secrets]\nredact = \n")
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(result.stderr.hasPrefix("parapet: .parapet.toml:2:"), result.stderr)
  }

  func testFailOnFromConfigAndFlag() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.txt", "token = \(tokens.make("{{jwt}}"))\n")  // a JWT is medium
    try repo.write(".parapet.toml", "fail-on = \"high\"\n")
    XCTAssertEqual(try Command.parapet(["secrets", repo.url.path]).status, 0)
    XCTAssertEqual(
      try Command.parapet(["secrets", repo.url.path, "--fail-on", "medium"]).status, 1)
  }

  func testAllowlistsInConfigAndInline() throws {
    let repo = try TemporaryRepository()
    try repo.write("testdata/keys.env", "STRIPE=\(tokens.make("sk_live_{{alnum:30}}"))\n")
    try repo.write(
      "app/main.env",
      "A=\(tokens.make("sk_live_{{alnum:30}}")) # parapet:allow\nB=\(tokens.make("sk_live_localdev{{alnum:24}}"))\n"
    )
    try repo.write(
      ".parapet.toml",
      "[secrets.allowlist]\npaths = ['''^testdata/''']\nstopwords = [\"localdev\"]\n")
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 0, result.stdout)
  }

  func testIgnoreFilesDismissFindings() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "a.env", "X=\(tokens.make("dapi{{hex:32}}"))\nY=\(tokens.make("pul-{{hex:40}}"))\n")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    try Command.parapet(["secrets", repo.url.path, "--json", json.path])
    let fingerprint = try XCTUnwrap(
      SecretsCommandTests.matches(
        of: #""fingerprint" : "([0-9a-f]{32})""#, in: String(contentsOf: json, encoding: .utf8)
      ).first)
    try repo.write(".parapetignore", "\(fingerprint)\n")
    try repo.write(".gitleaksignore", "a.env:pulumi-access-token:2\n")
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 0, result.stdout)
    XCTAssertTrue(result.stdout.hasSuffix("0 findings, 2 suppressed\n"), result.stdout)
  }

  func testBaselineCreateThenOnlyNewFindingsFail() throws {
    let repo = try TemporaryRepository()
    try repo.write("old.env", "K=\(tokens.make("glpat-{{base64url:20}}"))\n")
    let out = try TemporaryRepository(git: false)
    let baseline = out.url.appendingPathComponent("baseline.json")
    let created = try Command.parapet([
      "baseline", "create", repo.url.path, "--output", baseline.path,
    ])
    XCTAssertEqual(created.status, 0, created.stderr)
    XCTAssertEqual(created.stdout, "wrote \(baseline.path): 1 entry\n")
    XCTAssertEqual(
      try Command.parapet(["secrets", repo.url.path, "--baseline", baseline.path]).status, 0)
    try repo.write("new.env", "K=\(tokens.make("glpat-{{base64url:20}}"))\n")
    let result = try Command.parapet(["secrets", repo.url.path, "--baseline", baseline.path])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stdout.hasPrefix("new.env:1:3: critical gitlab-pat"), result.stdout)
  }

  func testGitleaksConfigRulesAndAllowlistsAreLoaded() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      ".gitleaks.toml",
      """
      title = "team rules"
      [extend]
      useDefault = true
      disabledRules = ["jwt"]

      [[rules]]
      id = "acme-internal-token"
      description = "ACME internal token"
      regex = '''acme_[a-z0-9]{32}'''
      keywords = ["acme_"]

      [allowlist]
      paths = ['''^vendor/''']
      """)
    try repo.write(
      "a.txt", "t = \(tokens.make("acme_{{lowernum:32}}"))\nj = \(tokens.make("{{jwt}}"))\n")
    try repo.write("vendor/b.txt", "t = \(tokens.make("acme_{{lowernum:32}}"))\n")
    try repo.write("c.txt", "GH=\(tokens.make("ghp_{{base62-crc32}}"))\n")
    let result = try Command.parapet([
      "secrets", repo.url.path, "--gitleaks-config",
      repo.url.appendingPathComponent(".gitleaks.toml").path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = result.stdout.split(separator: "\n").filter {
      $0.contains(": high ") || $0.contains(": critical ")
    }
    XCTAssertEqual(
      lines.map { String($0.split(separator: ":").first ?? "") }.sorted(), ["a.txt", "c.txt"],
      result.stdout)
    XCTAssertTrue(result.stdout.contains("acme-internal-token"), result.stdout)
    XCTAssertFalse(result.stdout.contains(" jwt:"), result.stdout)
  }

  func testBadGitleaksRegexNamesFileAndLine() throws {
    let repo = try TemporaryRepository()
    try repo.write("gl.toml", "[[rules]]\nid = \"broken\"\nregex = '''(unclosed'''\n")
    let result = try Command.parapet([
      "secrets", repo.url.path, "--gitleaks-config",
      repo.url.appendingPathComponent("gl.toml").path,
    ])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(
      result.stderr.contains("gl.toml:1:1: rule 'broken': invalid regex"), result.stderr)
  }
}

extension ConfigurationTests {
  func testSinceAndCommitAllowlistLimitHistory() throws {
    let repo = try TemporaryRepository()
    try repo.write("old.env", "A=\(tokens.make("rnd_{{alnum:32}}"))\n")
    let old = try repo.commitAll("old")  // dated 2023-11-14
    try repo.git("commit", "-q", "--allow-empty", "-m", "spacer")
    try repo.write("new.env", "B=\(tokens.make("ico-{{alnum:32}}"))\n")
    try repo.commitAll("new")
    let all = try Command.parapet(["secrets", repo.url.path, "--history"])
    XCTAssertTrue(
      all.stdout.contains("render-api-key") && all.stdout.contains("infracost-api-key"), all.stdout)
    let since = try Command.parapet([
      "secrets", repo.url.path, "--history", "--since", "2030-01-01",
    ])
    XCTAssertEqual(since.status, 0, since.stdout)
    try repo.write(".parapet.toml", "[secrets.allowlist]\ncommits = [\"\(old)\"]\n")
    let allowed = try Command.parapet(["secrets", repo.url.path, "--history"])
    XCTAssertFalse(allowed.stdout.contains("render-api-key"), allowed.stdout)
    XCTAssertTrue(allowed.stdout.contains("infracost-api-key"), allowed.stdout)
  }
}
