import Foundation
import ParapetTestSupport
import XCTest

/// Issue 21: placeholders and documentation values are not secrets, detect-secrets' pragmas and
/// baseline are honoured, and the real values beside them are still found.
final class SecretsPlaceholderTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 2121)

  func testTemplatePlaceholdersAreNotSecrets() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "client.py",
      """
      url = f"http://{ENCODED_USER}:{ENCODED_PASSWORD}@request.com/u"
      password = "{cloud_iam_key}"
      db_password = "%(db_password)s"
      password: <PASSWORD>
      admin_password = $ADMIN_PASSWORD
      secret_key = "${vault:secret/app#key}"
      password = ":db_password_bind"
      signing_key = "@signing.key.value@"

      """)
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 0, result.stdout)
    XCTAssertTrue(result.stdout.contains("0 findings"), result.stdout)
  }

  func testDocumentationValuesAreNotSecretsButRealOnesAre() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "docs.md",
      """
      curl -H "Authorization: Basic dXNlcjpwYXNz" https://api.internal
      Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==
      aws_access_key_id = AKIAZZZZZZZZZZZZZZZZ
      aws_access_key_id = AKIATESTTESTTESTTEST
       * app.get('http://tobi:hello@example.com/')
      proxies = {"http": "https://foo001:bar002@foo.bar/x"}
      proxy = "http://user:pass%20pass@proxy.internal:3128"
      git clone https://x-oauth-basic@github.com/o/r and https://me:x-oauth-basic@github.com/o/r

      """)
    let clean = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(clean.status, 0, clean.stdout)

    let basic = Data("deploy:\(tokens.make("{{alnum:20}}"))".utf8).base64EncodedString()
    try repo.write(
      "deploy.sh",
      """
      curl -H "Authorization: Basic \(basic)" https://api.internal
      aws_access_key_id = \(tokens.make("AKIA{{upper2-7:16}}"))
      DATABASE_URL=postgres://app:\(tokens.make("{{alnum:20}}"))@db.internal:5432/app

      """)
    let real = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(real.status, 1, real.stdout)
    XCTAssertTrue(real.stdout.contains("deploy.sh:1:31: high basic-auth-header"), real.stdout)
    XCTAssertTrue(real.stdout.contains("deploy.sh:2:21: high aws-access-key-id"), real.stdout)
    XCTAssertTrue(real.stdout.contains("deploy.sh:3:29: info url-credentials"), real.stdout)
    XCTAssertFalse(real.stdout.contains("docs.md"), real.stdout)
  }

  func testDetectSecretsPragmasAcceptTheirLineOrTheNext() throws {
    let repo = try TemporaryRepository()
    let secret = { self.tokens.make("dop_v1_{{hex:64}}") }
    try repo.write(
      "deploy.sh",
      """
      export A=\(secret())  # pragma: allowlist secret
      # pragma: allowlist nextline secret
      export B=\(secret())
      export C=\(secret())

      """)
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 1, result.stdout)
    XCTAssertEqual(
      result.stdout.split(separator: "\n").filter { $0.contains("digitalocean-token") }.map {
        String($0.prefix(13))
      }, ["deploy.sh:4:1"])
  }

  func testADetectSecretsBaselineAcceptsItsAuditedSecrets() throws {
    let repo = try TemporaryRepository()
    let accepted = tokens.make("dop_v1_{{hex:64}}")
    let confirmed = tokens.make("dop_v1_{{hex:64}}")
    let fresh = tokens.make("dop_v1_{{hex:64}}")
    try repo.write("deploy.sh", "A=\(accepted)\nB=\(confirmed)\nC=\(fresh)\n")
    let hash = { (text: String) in
      try Command.run(
        URL(fileURLWithPath: "/bin/sh"), ["-c", "printf %s '\(text)' | sha1sum | cut -c1-40"],
        in: repo.url
      ).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    try repo.write(
      ".secrets.baseline",
      """
      {
        "version": "1.5.0",
        "plugins_used": [{"name": "KeywordDetector"}],
        "results": {
          "deploy.sh": [
            {"type": "Secret Keyword", "filename": "deploy.sh", "hashed_secret": "\(try hash(accepted))",
             "is_verified": false, "line_number": 7, "is_secret": false},
            {"type": "Secret Keyword", "filename": "deploy.sh", "hashed_secret": "\(try hash(confirmed))",
             "is_verified": false, "line_number": 2, "is_secret": true}
          ]
        },
        "generated_at": "2026-11-30T10:00:00Z"
      }

      """)
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 1, result.stdout)
    let lines = result.stdout.split(separator: "\n").filter { $0.contains("digitalocean-token") }
    XCTAssertEqual(lines.map { String($0.prefix(13)) }, ["deploy.sh:2:3", "deploy.sh:3:3"])

    try repo.write(".secrets.baseline", "{\"results\": []}\n")
    let broken = try Command.parapet(["secrets", repo.url.path])
    XCTAssertTrue(
      broken.stderr.contains(
        ".secrets.baseline: not a detect-secrets baseline, so none of it is accepted"),
      broken.stderr)
  }
}

/// Issue 19: every secrets finding carries a confidence; below `--min-confidence` it is `info`.
final class SecretsConfidenceTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 1919)

  func testConfidenceSetsTheSeverityBelowTheMinimum() throws {
    let repo = try TemporaryRepository()
    try repo.write("deploy/prod.env", "DIGITALOCEAN_TOKEN=\(tokens.make("dop_v1_{{hex:64}}"))\n")
    try repo.write("tests/fixtures/env.py", "TOKEN = '\(tokens.make("dop_v1_{{hex:64}}"))'\n")
    try repo.write("src/app.py", "db_password = \"\(tokens.make("{{alnum:16}}"))\"\n")
    try repo.write("src/legacy.py", "# stripe = sk_live_\(tokens.make("{{alnum:24}}"))\n")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.parapet(["secrets", repo.url.path, "--json", json.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    XCTAssertTrue(
      lines.contains { $0.hasPrefix("deploy/prod.env:1:20: critical digitalocean-token") },
      result.stdout)
    XCTAssertTrue(
      lines.contains { $0.hasPrefix("tests/fixtures/env.py:1:10: critical digitalocean-token") },
      result.stdout)
    XCTAssertTrue(
      lines.contains { $0.hasPrefix("src/app.py:1:16: info generic-password") }, result.stdout)
    XCTAssertTrue(
      lines.contains { $0.hasPrefix("src/legacy.py:1:12: critical stripe-secret-key") },
      result.stdout)
    let report = try String(contentsOf: json, encoding: .utf8).filter { !$0.isWhitespace }
    for expected in [
      #""confidence":"high""#, #""confidence":"medium""#, #""confidence":"low""#,
      #""ruleSeverity":"high""#,
    ] {
      XCTAssertTrue(report.contains(expected), expected)
    }

    let everything = try Command.parapet(["secrets", repo.url.path, "--min-confidence", "low"])
    XCTAssertTrue(
      everything.stdout.contains("src/app.py:1:16: high generic-password"), everything.stdout)
    let strict = try Command.parapet(["secrets", repo.url.path, "--min-confidence", "high"])
    XCTAssertTrue(
      strict.stdout.contains("tests/fixtures/env.py:1:10: info digitalocean-token"), strict.stdout)
    XCTAssertTrue(
      strict.stdout.contains("src/legacy.py:1:12: info stripe-secret-key"), strict.stdout)
  }
}
