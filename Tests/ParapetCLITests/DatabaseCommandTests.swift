import Foundation
import ParapetTestSupport
import XCTest

/// `parapet db import | info | update`; updates are served by a local HTTP server on 127.0.0.1
/// that the test starts and stops.
final class DatabaseCommandTests: XCTestCase {
  private let advisories = TestPaths.shared.appendingPathComponent("data/advisories")

  func testImportThenInfoThenScanWithTheIndexedDatabase() throws {
    let folder = try TemporaryRepository(git: false)
    let db = folder.url.appendingPathComponent("osv").path
    let imported = try Command.parapet(["db", "import", advisories.path, "--db", db])
    XCTAssertEqual(imported.status, 0, imported.stderr)
    XCTAssertEqual(imported.stdout, "imported 3844 records into \(db)\n")
    let info = try Command.parapet(["db", "info", "--db", db])
    XCTAssertTrue(
      info.stdout.contains(
        "PyPI       2651     2024-10-10T17:22:00.587279Z\ncrates.io  1193     2026-08-21T06:28:40Z\n"
      ),
      info.stdout)
    XCTAssertTrue(info.stdout.contains("newest record: 2026-08-21T06:28:40Z"), info.stdout)
    try folder.write("app/requirements.txt", "urllib3==1.26.4\n")
    let scan = try Command.parapet([
      "deps", folder.url.appendingPathComponent("app").path, "--db", db,
    ])
    XCTAssertEqual(scan.status, 1)
    XCTAssertEqual(
      scan.stdout.split(separator: "\n").filter { $0.contains("PYSEC-") }.count, 3, scan.stdout)
  }

  func testUpdateDownloadsZipsAndReplacesTheDatabaseOnlyWhenAllSucceed() throws {
    let server = try TemporaryRepository(git: false)
    let zip = server.url.appendingPathComponent("PyPI/all.zip")
    try FileManager.default.createDirectory(
      at: zip.deletingLastPathComponent(), withIntermediateDirectories: true)
    let folder = advisories.appendingPathComponent("PyPI")
    let records = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix("PYSEC-2023") }.sorted()
    let live = try records.filter {
      try !String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).contains(
        "\"withdrawn\"")
    }.count
    let script = """
      import sys, zipfile, os
      with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
          for name in sys.argv[3:]:
              z.write(os.path.join(sys.argv[2], name), name)
      """
    try Command.run(
      URL(fileURLWithPath: "/usr/bin/env"),
      ["python3", "-c", script, zip.path, advisories.appendingPathComponent("PyPI").path] + records)
    let port = Int.random(in: 20_000...40_000)
    let http = Process()
    http.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    http.arguments = [
      "python3", "-m", "http.server", "\(port)", "--bind", "127.0.0.1", "--directory",
      server.url.path,
    ]
    http.standardOutput = FileHandle.nullDevice
    http.standardError = FileHandle.nullDevice
    try http.run()
    defer { http.terminate() }
    let base = "http://127.0.0.1:\(port)"
    let db = server.url.appendingPathComponent("db").path
    var result = try Command.parapet([
      "db", "update", "--ecosystems", "PyPI", "--url", base, "--db", db,
    ])
    for _ in 0..<50 where result.status != 0 && result.stderr.contains("downloading") == false {
      Thread.sleep(forTimeInterval: 0.1)  // the server may still be starting
      result = try Command.parapet([
        "db", "update", "--ecosystems", "PyPI", "--url", base, "--db", db,
      ])
    }
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.hasSuffix("updated \(db): \(live) records\n"), result.stdout)
    let failed = try Command.parapet([
      "db", "update", "--ecosystems", "PyPI,NoSuchEcosystem", "--url", base, "--db", db,
    ])
    XCTAssertEqual(failed.status, 3)
    XCTAssertTrue(
      failed.stderr.contains("NoSuchEcosystem/all.zip: HTTP 404; the database was not changed"),
      failed.stdout + failed.stderr)
    XCTAssertTrue(
      try Command.parapet(["db", "info", "--db", db]).stdout.split(separator: "\n").contains {
        $0.hasPrefix("PyPI ") && $0.contains(" \(live) ")
      })
  }

  /// An image's ecosystems are what `db update --for-image` fetches: a Rocky Linux image's rpm
  /// packages need Rocky Linux's advisories; a Fedora image's need none, since OSV has none.
  func testTheEcosystemsOfAnImageLeaveOutRpmPackagesNoAdvisoriesCover() throws {
    let folder = try TemporaryRepository(git: false)
    for (name, osRelease) in [
      ("rocky", "ID=\"rocky\"\nVERSION_ID=\"9.3\"\n"),
      ("fedora", "ID=fedora\nVERSION_ID=39\nPRETTY_NAME=\"Fedora Linux 39 (Container Image)\"\n"),
    ] {
      try TestImage.writeDockerArchive(
        TestImage.Image(
          layers: [
            [
              .file("etc/os-release", osRelease),
              .bytes("var/lib/rpm/rpmdb.sqlite", try TestRpmDatabase.bytes(TestRpmDatabase.rocky)),
              .file("app/requirements.txt", "urllib3==1.26.4\n"),
            ]
          ], user: "65534", healthcheck: ["CMD", "true"]), tag: "\(name):1",
        to: folder.url.appendingPathComponent("\(name).tar"))
    }
    let rocky = try Command.parapet(["db", "ecosystems", "--image", "rocky.tar"], in: folder.url)
    XCTAssertEqual(rocky.status, 0, rocky.stderr)
    XCTAssertEqual(rocky.stdout, "PyPI\nRocky Linux\n")
    XCTAssertEqual(rocky.stderr, "")
    let fedora = try Command.parapet(["db", "ecosystems", "--image", "fedora.tar"], in: folder.url)
    XCTAssertEqual(fedora.status, 0, fedora.stderr)
    XCTAssertEqual(fedora.stdout, "PyPI\n")
    XCTAssertEqual(
      fedora.stderr,
      "note: Fedora Linux 39 (Container Image) has no OSV advisories; its rpm packages need none fetched\n"
    )
  }
}
