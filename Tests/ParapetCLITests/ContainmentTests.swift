import Foundation
import ParapetTestSupport
import XCTest

/// Issue 16: nothing outside the scanned repository is read or quoted. A repository whose
/// lockfiles, includes, parent poms and install folders lead out of it, and whose requirements
/// carry a token in a URL, is scanned by every command in every format; neither a canary
/// environment variable (`requirements.txt -> /proc/self/environ`), nor a canary file outside
/// the repository, nor the token appears in anything parapet prints or writes.
final class ContainmentTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 0x16_c0a1)
  private let database = TestPaths.shared.appendingPathComponent("data/advisories").path

  private struct Hostile {
    let repo: TemporaryRepository
    let outside: TemporaryRepository
    /// Strings that must never be printed or written.
    let canaries: [String]
    let environment: [String: String]
  }

  private func hostileRepository() throws -> Hostile {
    let environmentCanary = "parapet-env-canary-\(try tokens.make("{{alnum:24}}"))"
    let fileCanary = "parapet-file-canary-\(try tokens.make("{{alnum:24}}"))"
    let urlToken = try tokens.make("ghp_{{base62-crc32}}")
    let outside = try TemporaryRepository(git: false)
    try outside.write("secret.env", "requests==\(fileCanary)\nTOKEN=\(fileCanary)\n")
    try outside.write(
      "pom.xml",
      """
      <project><groupId>evil</groupId><artifactId>parent</artifactId><version>1</version>
      <properties><leak>\(fileCanary)</leak></properties></project>
      """)
    try outside.write(
      "node_modules/left-pad/package.json",
      #"{"name": "left-pad", "version": "1.3.0", "license": "\#(fileCanary)"}"#)
    try outside.write("nginx/secret.conf", "add_header X-Leak \(fileCanary);\n")
    let repo = try TemporaryRepository()
    let manager = FileManager.default
    func link(_ path: String, to target: String) throws {
      let file = repo.url.appendingPathComponent(path)
      try manager.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try manager.createSymbolicLink(atPath: file.path, withDestinationPath: target)
    }
    try link("requirements.txt", to: "/proc/self/environ")
    try link("svc/Cargo.lock", to: outside.url.appendingPathComponent("secret.env").path)
    try link("web/node_modules", to: outside.url.appendingPathComponent("node_modules").path)
    let up = "../../" + outside.url.lastPathComponent
    try repo.write("app/requirements.txt", "-r \(up)/secret.env\nflask==2.0.0\n")
    try repo.write(
      "app/requirements-dev.txt",
      "git+https://oauth2:\(urlToken)@github.com/example/private.git#egg=private\n"
        + "requests @ git+https://x-access-token:\(urlToken)@github.com/psf/requests\n")
    try repo.write(
      "java/pom.xml",
      """
      <project>
        <parent><groupId>evil</groupId><artifactId>parent</artifactId><version>1</version>
          <relativePath>\(up)/pom.xml</relativePath></parent>
        <artifactId>app</artifactId>
        <dependencies><dependency><groupId>g</groupId><artifactId>a</artifactId>
          <version>${leak}</version></dependency></dependencies>
      </project>
      """)
    try repo.write(
      "web/package-lock.json",
      """
      {"name": "web", "lockfileVersion": 3, "packages": {
        "": {"name": "web", "dependencies": {"left-pad": "1.3.0"}},
        "node_modules/left-pad": {"version": "1.3.0"}}}
      """)
    try repo.write(
      "nginx/nginx.conf",
      "http { server { listen 80; include \(outside.url.path)/nginx/secret.conf; } }\n")
    try repo.commitAll("hostile")
    return Hostile(
      repo: repo, outside: outside, canaries: [environmentCanary, fileCanary, urlToken],
      environment: Command.outsideCI.merging(["PARAPET_CANARY": environmentCanary]) { $1 })
  }

  func testIssue16NothingOutsideTheRepositoryIsQuotedByAnyCommandInAnyFormat() throws {
    let hostile = try hostileRepository()
    let out = try TemporaryRepository(git: false)
    let root = hostile.repo.url.path
    var runs: [(String, [String])] = [
      (
        "scan",
        [
          "scan", root, "--db", database, "--sarif", out.url.appendingPathComponent("s.sarif").path,
          "--junit", out.url.appendingPathComponent("s.xml").path, "--json",
          out.url.appendingPathComponent("s.json").path, "--sbom",
          out.url.appendingPathComponent("s.cdx.json").path,
        ]
      ),
      ("audit", ["scan", root, "--audit", "--db", database]),
      ("deps", ["deps", root, "--db", database]),
      ("licenses", ["licenses", root]),
      ("secrets", ["secrets", root]),
      ("history", ["secrets", root, "--history"]),
      ("gateway", ["gateway", root]),
    ]
    for format in ["cyclonedx-json", "cyclonedx-xml", "spdx-json"] {
      runs.append(("sbom \(format)", ["sbom", root, "--format", format]))
      runs.append(
        (
          "sbom \(format) file",
          ["sbom", root, "--format", format, "-o", out.url.appendingPathComponent(format).path]
        ))
    }
    var outputs: [String: String] = [:]
    for (name, arguments) in runs {
      let result = try Command.run(
        TestPaths.binary, arguments, environment: hostile.environment)
      XCTAssertNotEqual(result.status, 2, "\(name): \(result.stderr)")
      outputs["\(name) stdout"] = result.stdout
      outputs["\(name) stderr"] = result.stderr
    }
    for file in try FileManager.default.contentsOfDirectory(atPath: out.url.path) {
      outputs[file] = try String(
        contentsOf: out.url.appendingPathComponent(file), encoding: .utf8)
    }
    XCTAssertEqual(outputs.count, runs.count * 2 + 7)
    for (name, text) in outputs {
      for canary in hostile.canaries {
        XCTAssertFalse(text.contains(canary), "\(name) quotes '\(canary.prefix(20))…':\n\(text)")
      }
    }
    // What was refused is named, with the link or reference that leads out.
    let deps = outputs["deps stderr"] ?? ""
    for expected in [
      "deps: warning: requirements.txt: lockfile leads outside the scanned root (to /proc/self/environ); not read",
      "deps: warning: svc/Cargo.lock: lockfile leads outside the scanned root (to \(hostile.outside.url.path)/secret.env); not read",
      "deps: note: app/requirements.txt:1: included file '../../\(hostile.outside.url.lastPathComponent)/secret.env' leaves the scanned root; not read",
      "deps: note: java/pom.xml:2: parent pom '../../\(hostile.outside.url.lastPathComponent)/pom.xml' leaves the scanned root; not read",
    ] {
      XCTAssertTrue(deps.contains(expected), "missing: \(expected)\n\(deps)")
    }
    // The token in the requirement URL is shown masked, as the secrets job shows it.
    XCTAssertTrue(deps.contains("git+https://oauth2:ghp_…@github.com/"), deps)
    XCTAssertTrue(
      (outputs["secrets stdout"] ?? "").contains("app/requirements-dev.txt:1:"),
      outputs["secrets stdout"] ?? "")
  }

  func testIssue16AJobThatSkippedAnOutsideLockfileIsIncomplete() throws {
    let hostile = try hostileRepository()
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.run(
      TestPaths.binary,
      [
        "scan", hostile.repo.url.path, "--jobs", "deps,licenses", "--db", database, "--json",
        json.path, "--strict", "--fail-on", "critical",
      ],
      environment: hostile.environment)
    XCTAssertEqual(result.status, 3, result.stdout)
    let statuses = try JSONReport.jobs(json).map { "\($0["job"] ?? "") \($0["status"] ?? "")" }
    XCTAssertEqual(statuses, ["deps incomplete", "licenses incomplete"])
  }
}

/// The ignore files are read like every other file: one that links out of the repository is
/// not read, so it cannot accept findings from outside.
final class IgnoreFileContainmentTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 0x16_1e)

  func testAnIgnoreFileLinkingOutsideIsNotRead() throws {
    let repo = try TemporaryRepository()
    try repo.write("deploy.sh", "export DIGITALOCEAN_TOKEN=\(tokens.make("dop_v1_{{hex:64}}"))\n")
    let first = try Command.parapet(["secrets", repo.url.path, "--json", "-"])
    let fingerprint = try XCTUnwrap(
      first.stdout.range(of: #""fingerprint" : "[0-9a-f]{32}""#, options: .regularExpression)
        .map { String(first.stdout[$0].dropLast().suffix(32)) })
    try repo.write(".parapetignore", "\(fingerprint)\n")
    XCTAssertEqual(try Command.parapet(["secrets", repo.url.path]).status, 0)

    let outside = try TemporaryRepository(git: false)
    try outside.write("ignore", "\(fingerprint)\n")
    try FileManager.default.removeItem(at: repo.url.appendingPathComponent(".parapetignore"))
    try FileManager.default.createSymbolicLink(
      at: repo.url.appendingPathComponent(".parapetignore"),
      withDestinationURL: outside.url.appendingPathComponent("ignore"))
    let linked = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(linked.status, 1, linked.stdout + linked.stderr)
    XCTAssertTrue(
      linked.stdout.contains("deploy.sh:1:27: critical digitalocean-token"), linked.stdout)
  }
}
