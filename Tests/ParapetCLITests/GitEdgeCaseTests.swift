import Foundation
import ParapetTestSupport
import XCTest

/// Issue 16: git's edge cases fail closed, as users expect: an empty repository, HEAD on an
/// unborn branch, names that are not UTF-8, a repository of another user, a binary staged file,
/// and JSON nested deeper than any parser should follow.
final class GitEdgeCaseTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 0x16_91)
  private func aws() -> String { tokens.make("AKIA{{upper2-7:16}}") }

  func testIssue16AnEmptyRepositoryScansItsWorkTreeWithOneLine() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.env", "AWS_ACCESS_KEY_ID=\(aws())\n")
    let result = try Command.parapet(["secrets", repo.url.path, "--history"])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      result.stderr,
      "secrets: note: the repository has no commits yet: its work tree was scanned instead\n")
    XCTAssertTrue(result.stdout.hasPrefix("a.env:1:19: high aws-access-key-id"), result.stdout)
  }

  func testIssue16AnUnbornHeadWalksEveryRef() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.env", "AWS_ACCESS_KEY_ID=\(aws())\n")
    try repo.commitAll("on main")
    try repo.git("checkout", "-q", "--orphan", "fresh")
    try repo.git("rm", "-q", "--cached", "a.env")
    let result = try Command.parapet(["secrets", repo.url.path, "--history"])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stdout.hasPrefix("a.env:1:19 ["), result.stdout)
  }

  func testIssue16NamesThatAreNotUTF8AreReadAndShownLosslessly() throws {
    let repo = try TemporaryRepository()
    let folder = Array(repo.url.path.utf8) + [UInt8(ascii: "/")] + Array("caf".utf8) + [0xE9]
    XCTAssertEqual(mkdir(folder.map { CChar(bitPattern: $0) } + [0], 0o755), 0)
    for (name, text) in [
      ("requirements.txt", "urllib3==1.26.4\n"), ("a.env", "AWS_ACCESS_KEY_ID=\(aws())\n"),
    ] {
      let file = folder + Array("/\(name)".utf8)
      let descriptor = open(file.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
      XCTAssertGreaterThanOrEqual(descriptor, 0)
      _ = text.withCString { write(descriptor, $0, strlen($0)) }
      close(descriptor)
    }
    try repo.commitAll("latin-1 folder")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let deps = try Command.parapet([
      "deps", repo.url.path, "--db",
      TestPaths.shared.appendingPathComponent("data/advisories").path,
      "--json", json.path,
    ])
    XCTAssertEqual(deps.status, 1, deps.stderr)
    let job = try XCTUnwrap(JSONReport.jobs(json).first)
    XCTAssertEqual(job["status"] as? String, "complete")
    let finding = (job["findings"] as? [[String: Any]])?.first
    XCTAssertEqual(
      (finding?["location"] as? [String: Any])?["path"] as? String, "caf\\xE9/requirements.txt")
    for mode in [[], ["--history"]] {
      let secrets = try Command.parapet(["secrets", repo.url.path] + mode)
      XCTAssertEqual(secrets.status, 1, "\(mode): \(secrets.stderr)")
      XCTAssertTrue(secrets.stdout.hasPrefix("caf\\xE9/a.env:1:19"), "\(mode): \(secrets.stdout)")
    }
  }

  func testIssue16ARepositoryOfAnotherUserIsNamedAndSafeDirectoryHonoured() throws {
    try XCTSkipUnless(getuid() == 0, "giving a repository to another user needs root")
    let repo = try TemporaryRepository()
    try repo.write("a.env", "AWS_ACCESS_KEY_ID=\(aws())\n")
    try repo.commitAll("mine")
    let chown = try Command.run(
      URL(fileURLWithPath: "/bin/chown"), ["-R", "nobody", repo.url.path])
    XCTAssertEqual(chown.status, 0, chown.stderr)
    defer {
      _ = try? Command.run(URL(fileURLWithPath: "/bin/chown"), ["-R", "root", repo.url.path])
    }
    let home = try TemporaryRepository(git: false)
    let environment = Command.outsideCI.merging(["HOME": home.url.path]) { $1 }
    for mode in [["--history"], []] {
      let refused = try Command.run(
        TestPaths.binary, ["secrets", repo.url.path] + mode, environment: environment)
      XCTAssertEqual(refused.status, 3, "\(mode): \(refused.stdout)")
      XCTAssertEqual(
        refused.stderr,
        "parapet: \(repo.url.path): the repository belongs to another user (git calls this dubious ownership); if you trust it, run: git config --global --add safe.directory '\(repo.url.path)'\n"
      )
    }
    try home.write(".gitconfig", "[safe]\n\tdirectory = \(repo.url.path)\n")
    let trusted = try Command.run(
      TestPaths.binary, ["secrets", repo.url.path, "--history"], environment: environment)
    XCTAssertEqual(trusted.status, 1, trusted.stderr)
  }

  func testIssue16TheStagedScanSkipsBinaryFilesLikeTheOtherScans() throws {
    let repo = try TemporaryRepository()
    try repo.write("blob.bin", "header\n")
    try repo.commitAll("text first")
    var binary = Data("header\nAWS_ACCESS_KEY_ID=\(aws())\n".utf8)
    binary.append(contentsOf: [0, 1, 2, 0])
    try repo.write("blob.bin", binary)
    try repo.git("add", "blob.bin")
    let staged = try Command.parapet(["secrets", repo.url.path, "--staged"])
    XCTAssertEqual(staged.status, 0, staged.stdout)
    XCTAssertTrue(staged.stderr.contains("secrets: note: skipped 1 file: binary"), staged.stderr)
  }

  func testIssue16DeepButValidJSONIsRefusedWithItsDepth() throws {
    let repo = try TemporaryRepository()
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    try repo.write("Pipfile.lock", "{\"default\": \(deep)}")
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    let result = try Command.parapet(["deps", repo.url.path, "--allow-missing-db"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "deps: warning: Pipfile.lock:1: cannot read lockfile: JSON nested deeper than 512 levels; not read"
      ), result.stderr)
  }
}
