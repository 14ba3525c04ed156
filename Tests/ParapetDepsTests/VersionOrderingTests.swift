import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetDeps

/// Every comparison of the osv-scalibr conformance fixtures in `../shared/data/version-ordering`,
/// both ways round.
final class VersionOrderingTests: XCTestCase {
  private func check(
    _ scheme: VersionScheme, _ files: [String], except known: Set<String> = [],
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    var failures: [String] = []
    var count = 0
    for name in files {
      let url = TestPaths.shared.appendingPathComponent("data/version-ordering/\(name)")
      for text in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
        if text.hasPrefix("# ") || text.hasPrefix("// ")
          || text.trimmingCharacters(in: .whitespaces).isEmpty
        {
          continue
        }
        let parts = text.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 3, let expected = ["<": -1, "=": 0, ">": 1][String(parts[1])] else {
          continue
        }
        count += 1
        let forward = scheme.compare(String(parts[0]), String(parts[2]))
        let backward = scheme.compare(String(parts[2]), String(parts[0]))
        if (forward.signum() != expected || backward.signum() != -expected)
          && !known.contains(String(text))
        {
          failures.append(
            "\(name): \(text) (got \(forward.signum()), reverse \(backward.signum()))")
        }
      }
    }
    XCTAssertGreaterThan(count, 0, file: file, line: line)
    XCTAssertEqual(
      failures.count, 0,
      "\(failures.count) of \(count) wrong:\n" + failures.prefix(15).joined(separator: "\n"),
      file: file, line: line)
  }

  func testSemVer() throws { try check(.semver, ["semver-versions.txt"]) }
  func testPub() throws { try check(.pub, ["pub-versions.txt"]) }
  func testPEP440() throws {
    try check(.pep440, ["pypi-versions.txt", "pypi-versions-generated.txt"])
  }
  func testMaven() throws {
    try check(.maven, ["maven-versions.txt", "maven-versions-generated.txt"])
  }
  func testRubyGems() throws {
    try check(.rubygems, ["rubygems-versions.txt", "rubygems-versions-generated.txt"])
  }
  func testNuGet() throws { try check(.nuget, ["nuget-versions.txt"]) }
  func testPackagist() throws {
    try check(.packagist, ["packagist-versions.txt", "packagist-versions-generated.txt"])
  }
  /// apk-tools 2, which every Alpine 3.x release ships, orders these malformed versions the other
  /// way from the fixture, which follows a later apk (its comments say so for most of them).
  /// No package of Alpine's has such a version; every other comparison must hold.
  func testAlpine() throws {
    let apk2 = [
      "1-r-0 < 1-r0", "1-r-1 < 1-r0", "0.r1 < 0r2", "0.8.21.r2 < 0.8.21r2", "1.2.0A < 1.2.0d",
      "1.2.0D < 1.2.0d", "1 > 1-ruff", "1-ruff2 = 1--ruff1",
    ]
    try check(.alpine, ["alpine-versions.txt", "alpine-versions-generated.txt"], except: Set(apk2))
    for text in apk2 {
      let parts = text.split(separator: " ").map(String.init)
      let expected = ["<": -1, "=": 0, ">": 1][parts[1]]!
      XCTAssertNotEqual(VersionScheme.alpine.compare(parts[0], parts[2]), expected, text)
    }
  }
  func testRPM() throws { try check(.rpm, ["redhat-versions.txt"]) }
  func testDebian() throws {
    try check(.debian, ["debian-versions.txt", "debian-versions-generated.txt"])
  }
}
