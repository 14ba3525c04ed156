import Foundation
import ParapetTestSupport
import XCTest

/// End-to-end tests of `parapet secrets` and `parapet scan`: the real binary on real git
/// repositories, checking exit codes, output and the files written.
final class SecretsCommandTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: UInt64(Date().timeIntervalSince1970))

  func testScanWritesValidReportsWithoutSecretsAndExits1() throws {
    let repo = try TemporaryRepository()
    let github = tokens.make("ghp_{{base62-crc32}}")
    let slack = tokens.make(
      "https://hooks.slack.com/services/T{{upperdigits:10}}/B{{upperdigits:10}}/{{alnum:24}}")
    let stripe = tokens.make("sk_live_{{alnum:40}}")
    try repo.write("config/app.yml", "name: shop\ngithub:\n  token: \(github)\nalerts: \(slack)\n")
    try repo.write("src/pay.py", "import stripe\nstripe.api_key = \"\(stripe)\"\n")
    try repo.write("README.md", "# shop\nNothing secret here.\n")
    try repo.commitAll("initial")
    let out = try TemporaryRepository(git: false)
    let sarif = out.url.appendingPathComponent("r.sarif")
    let junit = out.url.appendingPathComponent("r.xml")
    let json = out.url.appendingPathComponent("r.json")
    let before = try repo.git("status", "--porcelain", "--ignored")

    let result = try Command.parapet(
      ["scan", repo.url.path, "--sarif", sarif.path, "--junit", junit.path, "--json", json.path])

    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      try repo.git("status", "--porcelain", "--ignored"), before,
      "parapet wrote inside the repository")
    XCTAssertNil(
      try SchemaValidator.sarifErrors(sarif))
    XCTAssertNil(
      SchemaValidator.junitErrors(junit))
    for file in [sarif, junit, json] {
      let text = try String(contentsOf: file, encoding: .utf8)
      for secret in [github, String(slack.suffix(24)), stripe] {
        XCTAssertFalse(text.contains(secret), "\(file.lastPathComponent) shows a secret in clear")
      }
    }
    let jobs = try JSONReport.jobs(json)
    let findings =
      jobs.first?["findings"] as? [[String: Any]] ?? []
    let places = findings.map { finding -> String in
      let location = finding["location"] as? [String: Any]
      return "\(location?["path"] ?? ""):\(location?["startLine"] ?? 0) \(finding["ruleId"] ?? "")"
    }
    XCTAssertEqual(
      places,
      [
        "config/app.yml:3 github-pat", "config/app.yml:4 slack-webhook-url",
        "src/pay.py:2 stripe-secret-key",
      ])
    XCTAssertTrue(
      result.stdout.contains(
        "config/app.yml:3:10: critical github-pat: GitHub personal access token 'ghp_…'"),
      result.stdout)
  }

  func testAllThreeReportsCarryTheSameFingerprints() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      ".env",
      "AWS_ACCESS_KEY_ID=\(tokens.make("AKIA{{upper2-7:16}}"))\nNPM_TOKEN=\(tokens.make("npm_{{base62-crc32}}"))\n"
    )
    try repo.commitAll("env")
    let out = try TemporaryRepository(git: false)
    let paths = ["r.sarif", "r.xml", "r.json"].map { out.url.appendingPathComponent($0) }
    try Command.parapet([
      "secrets", repo.url.path, "--sarif", paths[0].path, "--junit", paths[1].path, "--json",
      paths[2].path,
    ])

    let sarif = try String(contentsOf: paths[0], encoding: .utf8)
    let junit = try String(contentsOf: paths[1], encoding: .utf8)
    let json = try String(contentsOf: paths[2], encoding: .utf8)
    let fingerprints = Self.matches(of: #""fingerprint" : "([0-9a-f]{32})""#, in: json)
    XCTAssertEqual(fingerprints.count, 2)
    XCTAssertEqual(Self.matches(of: #""parapet/v1" : "([0-9a-f]{32})""#, in: sarif), fingerprints)
    XCTAssertEqual(Self.matches(of: #"fingerprint ([0-9a-f]{32})"#, in: junit), fingerprints)
  }

  func testCleanRepositoryExits0AndJUnitHasPassingCases() throws {
    let repo = try TemporaryRepository()
    try repo.write("main.swift", "print(\"hello\")\n")
    try repo.write("docs/setup.md", "Set `API_KEY=<your-key>` and `password: changeme`.\n")
    try repo.commitAll("clean")
    let out = try TemporaryRepository(git: false)
    let junit = out.url.appendingPathComponent("r.xml")
    let result = try Command.parapet(["secrets", repo.url.path, "--junit", junit.path])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    let xml = try String(contentsOf: junit, encoding: .utf8)
    XCTAssertTrue(
      xml.contains(
        #"<testcase name="docs/setup.md" classname="parapet.secrets" time="0"/>"#), xml)
    XCTAssertTrue(xml.contains(#"tests="2" failures="0" errors="0""#), xml)
  }

  func testStagedScansTheIndexNotTheWorkTree() throws {
    let repo = try TemporaryRepository()
    try repo.write("app.py", "print('v1')\n")
    try repo.commitAll("v1")
    let staged = tokens.make("glpat-{{base64url:20}}")
    try repo.write("app.py", "print('v1')\nTOKEN = '\(staged)'\n")
    try repo.git("add", "app.py")
    // The work tree now differs from the index: the staged secret is gone, another one is new.
    try repo.write(
      "app.py",
      "print('v1')\nTOKEN = os.environ['TOKEN']\nOTHER = '\(tokens.make("xoxb-{{digits:12}}-{{digits:12}}-{{alnum:24}}"))'\n"
    )

    let result = try Command.parapet(["secrets", repo.url.path, "--staged"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stdout.contains("app.py:2:10: critical gitlab-pat"), result.stdout)
    XCTAssertFalse(result.stdout.contains("slack-bot-token"), result.stdout)
  }

  func testHistoryReportsADeletedSecretOnceWithItsOldestCommit() throws {
    let repo = try TemporaryRepository()
    let key = tokens.make("dop_v1_{{hex:64}}")
    try repo.write("deploy.sh", "#!/bin/sh\nexport DIGITALOCEAN_TOKEN=\(key)\n")
    let first = try repo.commitAll("add deploy")
    try repo.write("deploy.sh", "#!/bin/sh\nexport DIGITALOCEAN_TOKEN=\(key)\necho deploying\n")
    try repo.commitAll("echo")
    try FileManager.default.removeItem(at: repo.url.appendingPathComponent("deploy.sh"))
    try repo.commitAll("remove deploy")

    XCTAssertEqual(try Command.parapet(["secrets", repo.url.path]).status, 0)
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.parapet(["secrets", repo.url.path, "--history", "--json", json.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let text = try String(contentsOf: json, encoding: .utf8)
    XCTAssertEqual(
      Self.matches(of: #""ruleId" : "([a-z0-9-]+)""#, in: text), ["digitalocean-token"])
    XCTAssertTrue(text.contains(#""commit" : "\#(first)""#), text)
    XCTAssertTrue(text.contains(#""author" : "Ada Lovelace <ada@example.org>""#), text)
    XCTAssertTrue(text.contains(#""commitsCarrying" : 2"#), text)
    XCTAssertTrue(
      result.stdout.contains("deploy.sh:2:27 [\(first.prefix(12))]: critical digitalocean-token"),
      result.stdout)
  }

  func testRangeScansOnlyTheCommitsOfTheRange() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.env", "OLD=\(tokens.make("shpat_{{hex:32}}"))\n")
    try repo.commitAll("old secret")
    try repo.git("tag", "base")
    try repo.write("b.env", "NEW=\(tokens.make("pul-{{hex:40}}"))\n")
    try repo.commitAll("new secret")
    let result = try Command.parapet(["secrets", repo.url.path, "--range", "base..HEAD"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stdout.contains("pulumi-access-token"), result.stdout)
    XCTAssertFalse(result.stdout.contains("shopify-access-token"), result.stdout)
  }

  /// Issue 19: `--since` stops the walk at the date; the commits before it are not scanned.
  func testIssue19SinceLeavesOutTheOlderCommits() throws {
    let repo = try TemporaryRepository()
    let commit = { (message: String, date: String) in
      try repo.git("add", "-A")
      try Command.run(
        URL(fileURLWithPath: "/usr/bin/git"), ["commit", "-q", "-m", message], in: repo.url,
        environment: [
          "GIT_CONFIG_GLOBAL": "/dev/null", "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@b.c",
          "GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@b.c", "GIT_AUTHOR_DATE": date,
          "GIT_COMMITTER_DATE": date,
        ])
    }
    try repo.write("a.env", "OLD=\(tokens.make("shpat_{{hex:32}}"))\n")
    try commit("old secret", "2020-01-01T12:00:00Z")
    try repo.write("b.env", "NEW=\(tokens.make("pul-{{hex:40}}"))\n")
    try commit("new secret", "2024-06-01T12:00:00Z")
    try repo.write("c.txt", "nothing\n")
    try commit("newest", "2024-07-01T12:00:00Z")
    let result = try Command.parapet([
      "secrets", repo.url.path, "--history", "--since", "2024-01-01",
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stdout.contains("b.env:1:5 ["), result.stdout)
    XCTAssertFalse(result.stdout.contains("a.env"), result.stdout)
    // The first commit after the date is diffed against its parent: only what it added counts.
    XCTAssertTrue(result.stdout.contains("2 files, 2 commits"), result.stdout)
  }

  func testNotARepositoryWithHistoryIsAUsageError() throws {
    let folder = try TemporaryRepository(git: false)
    for mode in ["--history", "--staged"] {
      let result = try Command.parapet(["secrets", folder.url.path, mode])
      XCTAssertEqual(result.status, 2, "\(mode): \(result.stderr)")
      XCTAssertEqual(
        result.stderr,
        "parapet: \(folder.url.resolvingSymlinksInPath().path): not a git repository\n")
    }
  }

  func testExclusiveModesAreAUsageError() throws {
    let result = try Command.parapet(["secrets", ".", "--staged", "--history"])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(
      result.stderr.contains("--staged, --history, --range and --no-git exclude one another"),
      result.stderr)
  }

  func testStandardInput() throws {
    let token = tokens.make("hf_{{letters:34}}")
    let result = try Command.parapet(["secrets", "-"], input: Data("HF_TOKEN=\(token)\n".utf8))
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stdout.hasPrefix(
        "-:1:10: high huggingface-token: Hugging Face access token '\(token.prefix(4))…'\n"),
      result.stdout)
  }

  func testAProviderTokenInACurlHeaderIsTheProvidersFinding() throws {
    let github = tokens.make("ghp_{{base62-crc32}}")
    let bearer = tokens.make("{{alnum:40}}")
    let password = tokens.make("{{alnum:16}}")
    let script = """
      curl -H "Authorization: Bearer \(github)" https://api.github.com/user
      curl -H "Authorization: Bearer \(bearer)" https://api.internal/v1/jobs
      curl -u deploy:\(password) https://api.internal/v1/jobs

      """
    let result = try Command.parapet(["secrets", "-"], input: Data(script.utf8))
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      Self.matches(of: "^-:([0-9]+:[0-9]+: [a-z]+ [a-z0-9-]+):", in: result.stdout, lines: true),
      [
        "1:32: critical github-pat", "2:32: high curl-authorization-header",
        "3:16: high curl-user-credentials",
      ], result.stdout)
  }

  func testNoRedactShowsTheSecretAndRedactChangesTheLength() throws {
    let token = tokens.make("hf_{{letters:34}}")
    let input = Data("HF_TOKEN=\(token)\n".utf8)
    XCTAssertTrue(
      try Command.parapet(["secrets", "-", "--no-redact"], input: input).stdout.contains(
        "'\(token)'"))
    XCTAssertTrue(
      try Command.parapet(["secrets", "-", "--redact", "8"], input: input).stdout.contains(
        "'\(token.prefix(8))…'"))
  }

  static func matches(of pattern: String, in text: String, lines: Bool = false) -> [String] {
    let options: NSRegularExpression.Options = lines ? .anchorsMatchLines : []
    guard let regex = try? NSRegularExpression(pattern: pattern, options: options) else {
      return []
    }
    return regex.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap {
      Range($0.range(at: 1), in: text).map { String(text[$0]) }
    }
  }
}
