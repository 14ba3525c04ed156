import Foundation
import ParapetTestSupport
import XCTest

/// Issue 15: reports go where the user points them (standard output, a FIFO, a link, a file
/// replaced whole), bad report paths stop the run before any work, results and messages use
/// their own streams, a closed pipe ends the run with its own exit code, and the exit code and
/// colour follow the flags.
final class OutputTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 0x15_00)

  private func leakyRepository() throws -> TemporaryRepository {
    let repo = try TemporaryRepository()
    try repo.write("app.env", "TOKEN=\(tokens.make("ghp_{{base62-crc32}}"))\n")
    return repo
  }

  func testIssue15AReportOnStandardOutputMovesTheSummaryToStandardError() throws {
    let repo = try leakyRepository()
    let result = try Command.parapet(["secrets", repo.url.path, "--sarif", "-"])
    XCTAssertEqual(result.status, 1, result.stderr)
    let sarif = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(sarif?["version"] as? String, "2.1.0")
    XCTAssertTrue(result.stderr.contains("app.env:1:7: critical github-pat"), result.stderr)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: repo.url.appendingPathComponent("-").path))
    // gitleaks' and trivy's -f/-o: a format to standard output, or to a file.
    let piped = try Command.parapet(["secrets", repo.url.path, "-f", "json"])
    XCTAssertEqual(
      (try JSONSerialization.jsonObject(with: Data(piped.stdout.utf8)) as? [String: Any])?[
        "version"] as? Int, 1)
    let out = try TemporaryRepository(git: false)
    let file = out.url.appendingPathComponent("r.xml")
    XCTAssertEqual(
      try Command.parapet(["secrets", repo.url.path, "-f", "junit", "-o", file.path]).status, 1)
    XCTAssertTrue(try String(contentsOf: file, encoding: .utf8).hasPrefix("<?xml"))
  }

  func testIssue15BadReportPathsStopTheRunAtOnceWithOneLine() throws {
    let repo = try leakyRepository()
    let out = try TemporaryRepository(git: false)
    let good = out.url.appendingPathComponent("good.json").path
    let cases: [([String], String)] = [
      (["--sarif", out.url.path], "\(out.url.path): is a folder; name a file\n"),
      (
        ["--json", good, "--sarif", out.url.appendingPathComponent("no/such/r.sarif").path],
        "\(out.url.appendingPathComponent("no/such/r.sarif").path): its folder \(out.url.appendingPathComponent("no/such").path) does not exist\n"
      ),
      (
        ["--json", good, "--sarif", good],
        "\(good): --sarif and --json both write to the same file\n"
      ),
      (["--json", "-", "--sarif", "-"], "-: --sarif and --json both write to standard output\n"),
    ]
    for (flags, message) in cases {
      let result = try Command.parapet(["secrets", repo.url.path] + flags)
      XCTAssertEqual(result.status, 2, "\(flags): \(result.stdout)")
      XCTAssertEqual(result.stderr, "parapet: " + message)
      XCTAssertEqual(result.stdout, "", "no scan ran")
      XCTAssertFalse(FileManager.default.fileExists(atPath: good), "\(flags)")
    }
  }

  func testIssue15LinksFIFOsAndFilesAreWrittenAsTheyAre() throws {
    let repo = try leakyRepository()
    let out = try TemporaryRepository(git: false)
    let manager = FileManager.default
    // A regular file is replaced whole and keeps its mode; a link is written through.
    let target = out.url.appendingPathComponent("target.json")
    try Data("old".utf8).write(to: target)
    chmod(target.path, 0o600)
    let link = out.url.appendingPathComponent("link.json")
    try manager.createSymbolicLink(atPath: link.path, withDestinationPath: target.path)
    XCTAssertEqual(try Command.parapet(["secrets", repo.url.path, "--json", link.path]).status, 1)
    XCTAssertEqual(try manager.destinationOfSymbolicLink(atPath: link.path), target.path)
    XCTAssertTrue(try String(contentsOf: target, encoding: .utf8).contains("\"version\" : 1"))
    XCTAssertEqual(
      (try manager.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int), 0o600)
    XCTAssertEqual(
      try manager.contentsOfDirectory(atPath: out.url.path).sorted(), ["link.json", "target.json"],
      "no temporary file is left")
    // A FIFO is opened and written in place: its reader gets the report.
    let fifo = out.url.appendingPathComponent("report.fifo").path
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    let read = try Command.run(
      URL(fileURLWithPath: "/bin/bash"),
      [
        "-c",
        "cat '\(fifo)' > '\(fifo).got' & '\(TestPaths.binary.path)' secrets '\(repo.url.path)' --sarif '\(fifo)' > /dev/null; wait",
      ],
      environment: Command.outsideCI)
    XCTAssertEqual(read.status, 0, read.stderr)
    XCTAssertTrue(try String(contentsOfFile: fifo + ".got", encoding: .utf8).contains("\"2.1.0\""))
    var info = stat()
    XCTAssertEqual(lstat(fifo, &info), 0)
    XCTAssertEqual(info.st_mode & S_IFMT, S_IFIFO)
    // A process substitution (/dev/fd/N) is written in place too.
    let substituted = try Command.run(
      URL(fileURLWithPath: "/bin/bash"),
      [
        "-c",
        "'\(TestPaths.binary.path)' secrets '\(repo.url.path)' --json >(wc -c > '\(out.url.path)/count') > /dev/null; status=$?; sleep 0.3; exit $status",
      ],
      environment: Command.outsideCI)
    XCTAssertEqual(substituted.status, 1, substituted.stderr)
    let count = try String(contentsOfFile: out.url.path + "/count", encoding: .utf8)
    XCTAssertGreaterThan(Int(count.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0, 100)
  }

  func testIssue15AClosedPipeEndsTheRunWithItsOwnExitCode() throws {
    let repo = try leakyRepository()
    for index in 1...40 {
      try repo.write("more/\(index).env", "TOKEN=\(tokens.make("ghp_{{base62-crc32}}"))\n")
    }
    let result = try Command.run(
      URL(fileURLWithPath: "/bin/bash"),
      [
        "-c",
        "'\(TestPaths.binary.path)' secrets '\(repo.url.path)' --verbose | head -1 > /dev/null; echo \"${PIPESTATUS[0]}\"",
      ],
      environment: Command.outsideCI)
    XCTAssertEqual(result.stdout, "1\n", result.stderr)
  }

  func testIssue15ExitCodeFailOnNeverAndColour() throws {
    let repo = try leakyRepository()
    XCTAssertEqual(try Command.parapet(["secrets", repo.url.path, "--exit-code", "7"]).status, 7)
    XCTAssertEqual(try Command.parapet(["secrets", repo.url.path, "--fail-on", "never"]).status, 0)
    XCTAssertEqual(try Command.parapet(["secrets", repo.url.path, "--exit-code", "3"]).status, 2)
    let coloured = try Command.parapet(["secrets", repo.url.path, "--color", "always"])
    XCTAssertTrue(coloured.stdout.contains("\u{1B}[1;31mcritical\u{1B}[0m"), coloured.stdout)
    let forced = try Command.run(
      TestPaths.binary, ["secrets", repo.url.path],
      environment: Command.outsideCI.merging(["CLICOLOR_FORCE": "1"]) { $1 })
    XCTAssertTrue(forced.stdout.contains("\u{1B}["), forced.stdout)
    let plain = try Command.parapet(["secrets", repo.url.path, "--color", "never"])
    XCTAssertFalse(plain.stdout.contains("\u{1B}["), plain.stdout)
  }
}
