import Foundation
import ParapetTestSupport
import XCTest

/// Inputs that break naive scanners: binary and huge files, invalid UTF-8, symlinks leaving the
/// repository, very deep folders, corrupt objects and shallow clones. Each gets a notice or a
/// clear error, never a crash, a hang or a silent pass.
final class BadInputTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: UInt64(Date().timeIntervalSince1970) ^ 0xbad)

  func testBinaryLargeAndLFSFilesAreSkippedWithCountedNotices() throws {
    let repo = try TemporaryRepository()
    var binary = Data("GH=\(tokens.make("ghp_{{base62-crc32}}"))\n".utf8)
    binary.append(contentsOf: [0, 1, 2, 0, 255])
    try repo.write("image.bin", binary)
    try repo.write(
      "big.txt",
      String(repeating: "x", count: 2000) + "\nGH=\(tokens.make("ghp_{{base62-crc32}}"))\n")
    try repo.write(
      "model.onnx",
      "version https://git-lfs.github.com/spec/v1\noid sha256:\(tokens.make("{{hex:64}}"))\nsize 1234\n"
    )
    try repo.write("ok.txt", "fine\n")
    let result = try Command.parapet(["secrets", repo.url.path, "--max-file-size", "1000"])
    XCTAssertEqual(result.status, 0, result.stdout)
    XCTAssertTrue(result.stderr.contains("secrets: note: skipped 1 file: binary\n"), result.stdout)
    XCTAssertTrue(
      result.stderr.contains("secrets: note: skipped 1 file: lfs-pointer\n"), result.stdout)
    XCTAssertTrue(
      result.stderr.contains("secrets: note: skipped 1 file: too-large\n"), result.stdout)
  }

  func testInvalidUTF8IsScannedAsBytes() throws {
    let repo = try TemporaryRepository()
    var data = Data([0xC3, 0x28, 0xFF, 0x0A])
    data.append(Data("key: \(tokens.make("sk_live_{{alnum:40}}"))\n".utf8))
    try repo.write("latin1.cfg", data)
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stdout.hasPrefix("latin1.cfg:2:6: critical stripe-secret-key"), result.stdout)
  }

  func testSymlinksAreNotFollowedAndOnesLeavingTheRepositoryAreCounted() throws {
    let outside = try TemporaryRepository(git: false)
    try outside.write("secret.env", "K=\(tokens.make("dop_v1_{{hex:64}}"))\n")
    let repo = try TemporaryRepository()
    try repo.write("inside.txt", "plain\n")
    try FileManager.default.createSymbolicLink(
      atPath: repo.url.appendingPathComponent("escape.env").path,
      withDestinationPath: outside.url.appendingPathComponent("secret.env").path)
    try FileManager.default.createSymbolicLink(
      atPath: repo.url.appendingPathComponent("alias.txt").path, withDestinationPath: "inside.txt")
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 0, result.stdout)
    XCTAssertTrue(
      result.stderr.contains("skipped 1 file: symlink-outside-repository"), result.stderr)
    XCTAssertTrue(result.stderr.contains("skipped 1 file: symlink\n"), result.stderr)
  }

  func testAFiftyMegabyteSingleLineFileIsScannedWithoutHanging() throws {
    let repo = try TemporaryRepository(git: false)
    let chunk = "var a=function(b){return b.key?b.token:c(b)},d={api:1,secret:null};"
    var text = String(repeating: chunk, count: 50_000_000 / chunk.utf8.count)
    let token = tokens.make("xoxb-{{digits:12}}-{{digits:12}}-{{alnum:24}}")
    text += "slack=\"\(token)\";"
    try repo.write("bundle.min.js", text)
    let result = try Command.parapet([
      "secrets", repo.url.path, "--no-git", "--max-file-size", "60000000",
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(
      result.stdout.hasPrefix(
        "bundle.min.js:1:\(text.utf8.count - token.utf8.count - 1): high slack-bot-token"),
      String(result.stdout.prefix(300)))
  }

  func testVeryDeepFoldersAreScanned() throws {
    let repo = try TemporaryRepository(git: false)
    let deep = Array(repeating: "d", count: 300).joined(separator: "/")
    try repo.write("\(deep)/x.env", "T=\(tokens.make("rubygems_{{hex:48}}"))\n")
    let result = try Command.parapet(["secrets", repo.url.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(
      result.stdout.hasPrefix("\(deep)/x.env:1:3: critical rubygems-api-key"), result.stdout)
  }

  func testACorruptObjectIsReportedAndTheRestIsScanned() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.env", "A=\(tokens.make("pul-{{hex:40}}"))\n")
    try repo.commitAll("a")
    try repo.write("b.env", "B=\(tokens.make("dapi{{hex:32}}"))\n")
    try repo.commitAll("b")
    let blob = try repo.git("rev-parse", "HEAD:b.env")
    let object = repo.url.appendingPathComponent(
      ".git/objects/\(blob.prefix(2))/\(blob.dropFirst(2))")
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: object.path)
    try Data("not a zlib stream".utf8).write(to: object)
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.parapet(["secrets", repo.url.path, "--history", "--json", json.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(result.stdout.contains("a.env:1:3 ["), result.stdout)
    XCTAssertTrue(
      result.stderr.contains("secrets: warning: b.env: cannot read blob \(blob)"), result.stdout)
    XCTAssertTrue(
      try String(contentsOf: json, encoding: .utf8).contains(#""status" : "incomplete""#))
    let strict = try Command.parapet([
      "secrets", repo.url.path, "--history", "--strict", "--fail-on", "critical",
    ])
    XCTAssertEqual(strict.status, 3, strict.stdout)
  }

  func testAShallowCloneSaysWhatItCouldNotScan() throws {
    let origin = try TemporaryRepository()
    for index in 0..<4 {
      try origin.write("f\(index).txt", "\(index)\n")
      try origin.commitAll("c\(index)")
    }
    let clone = try TemporaryRepository(git: false)
    let target = clone.url.appendingPathComponent("shallow")
    try Command.run(
      URL(fileURLWithPath: "/usr/bin/git"),
      ["clone", "-q", "--depth", "2", "file://\(origin.url.path)", target.path])
    let result = try Command.parapet(["secrets", target.path, "--history"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "secrets: warning: repository is shallow: history before the boundary is not scanned"),
      result.stdout)
  }
}

extension BadInputTests {
  /// Issue 16: a file name carrying terminal escape sequences is shown escaped, and characters
  /// XML 1.0 forbids never reach the JUnit or CycloneDX XML documents.
  func testIssue16ControlCharactersNeitherReachTheTerminalNorBreakXML() throws {
    let repo = try TemporaryRepository()
    let name = "evil\u{1B}]0;owned\u{07}.env"
    try repo.write(name, "TOKEN=\(tokens.make("ghp_{{base62-crc32}}"))\n")
    try repo.write(
      "package-lock.json",
      #"{"lockfileVersion": 3, "packages": {"": {"license": "MIT"}, "node_modules/bad\u0001name": {"version": "1.0.0\u0002"}}}"#
    )
    let out = try TemporaryRepository(git: false)
    let junit = out.url.appendingPathComponent("r.xml")
    let result = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets,licenses", "--junit", junit.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertFalse((result.stdout + result.stderr).contains("\u{1B}"), "no raw escape")
    XCTAssertTrue(result.stdout.contains("evil\\x1B]0;owned\\x07.env:1:7"), result.stdout)
    XCTAssertNil(SchemaValidator.junitErrors(junit))
    let sbom = try Command.parapet(["sbom", repo.url.path, "--format", "cyclonedx-xml"])
    XCTAssertEqual(sbom.status, 0, sbom.stderr)
    let xml = out.url.appendingPathComponent("bom.xml")
    try Data(sbom.stdout.utf8).write(to: xml)
    let parsed = try Command.run(
      URL(fileURLWithPath: "/usr/bin/python3"),
      [
        "-c", "import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1]); print('ok')",
        xml.path,
      ])
    XCTAssertEqual(parsed.stdout, "ok\n", parsed.stderr)
    XCTAssertTrue(sbom.stdout.contains("bad\u{FFFD}name"), sbom.stdout)
  }
}
