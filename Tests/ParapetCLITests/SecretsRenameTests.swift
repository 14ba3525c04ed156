import Foundation
import ParapetTestSupport
import XCTest

/// Issue 21, renames: a secret moved through renames is one finding at its oldest commit and
/// path, listing every path it lived at; a copy is a finding of its own.
final class SecretsRenameTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 2103)

  func testRenamesAreOneFindingAndCopiesAreTheirOwn() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.env", "TOKEN=\(tokens.make("dop_v1_{{hex:64}}"))\n")
    let first = try repo.commitAll("add")
    _ = try repo.git("mv", "a.env", "b.env")
    try repo.commitAll("rename")
    try FileManager.default.createDirectory(
      at: repo.url.appendingPathComponent("config"), withIntermediateDirectories: true)
    _ = try repo.git("mv", "b.env", "config/c.env")
    try repo.commitAll("move")
    try FileManager.default.copyItem(
      at: repo.url.appendingPathComponent("config/c.env"),
      to: repo.url.appendingPathComponent("d.env"))
    let copy = try repo.commitAll("copy")

    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let sarif = out.url.appendingPathComponent("r.sarif")
    let result = try Command.parapet([
      "secrets", repo.url.path, "--history", "--json", json.path, "--sarif", sarif.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = result.stdout.split(separator: "\n").filter { $0.contains("digitalocean-token") }
    XCTAssertEqual(
      lines.map { String($0.split(separator: ":")[0]) + " " + String($0.split(separator: " ")[1]) },
      ["a.env [\(first.prefix(12))]:", "d.env [\(copy.prefix(12))]:"], result.stdout)
    let report = try String(contentsOf: json, encoding: .utf8).filter { !$0.isWhitespace }
    XCTAssertEqual(
      report.components(separatedBy: #""paths":["a.env","b.env","config/c.env"]"#).count, 2,
      report)
    let code = try String(contentsOf: sarif, encoding: .utf8)
    XCTAssertTrue(code.contains(#""uri" : "config/c.env""#), code)
    XCTAssertFalse(code.contains(#""uri" : "a.env""#), code)
  }

  func testOneGenericValueAcrossManyFilesIsOneFindingWithItsCount() throws {
    let repo = try TemporaryRepository()
    let passphrase = tokens.make("{{alnum:18}}")
    try repo.write("test/a.test.js", "const options = { passphrase: '\(passphrase)' };\n")
    let first = try repo.commitAll("first test")
    try repo.write("test/b.test.js", "  passphrase: '\(passphrase)',\n")
    try repo.write("examples/https/README.md", "passphrase: '\(passphrase)'\n")
    try repo.commitAll("more tests")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("r.json")
    let result = try Command.parapet([
      "secrets", repo.url.path, "--history", "--min-confidence", "low", "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = result.stdout.split(separator: "\n").filter { $0.contains("generic-password") }
    XCTAssertEqual(lines.count, 1, result.stdout)
    XCTAssertTrue(lines[0].hasPrefix("test/a.test.js:1:32 [\(first.prefix(12))]"), result.stdout)
    let report = try String(contentsOf: json, encoding: .utf8).filter { !$0.isWhitespace }
    XCTAssertTrue(report.contains(#""pathCount":3"#), report)
  }
}
