import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetDeps

/// Matching against the real advisories in `../shared/data/advisories`. The expected ids were
/// computed independently with Python's `packaging` over the same records.
final class MatchingTests: XCTestCase {
  private static let database: OSVDatabase? = try? OSVDatabase.load(
    TestPaths.shared.appendingPathComponent("data/advisories"))

  private func ids(_ ecosystem: Ecosystem, _ name: String, _ version: String) throws -> [String] {
    let database = try XCTUnwrap(Self.database)
    let package = Package(ecosystem: ecosystem, name: name, version: version, path: "x", line: 1)
    return VulnerabilityMatcher.matches([package], in: database).map(\.id).sorted()
  }

  func testTheDatabaseLoadsEveryRecord() throws {
    let database = try XCTUnwrap(Self.database)
    XCTAssertEqual(database.problems.count, 0, "\(database.problems.prefix(3))")
    XCTAssertEqual(database.counts["PyPI"], 2651)  // 2,661 records, 10 withdrawn
    XCTAssertEqual(database.counts["crates.io"], 1193)  // 1,206 records, 13 withdrawn
  }

  func testPyPIMatchesAgreeWithPackaging() throws {
    XCTAssertEqual(try ids(.pypi, "requests", "2.25.0"), ["PYSEC-2023-74"])
    XCTAssertEqual(
      try ids(.pypi, "urllib3", "1.26.4"), ["PYSEC-2021-108", "PYSEC-2023-192", "PYSEC-2023-212"])
    XCTAssertEqual(try ids(.pypi, "Jinja2", "2.10"), ["PYSEC-2019-217", "PYSEC-2021-66"])
    XCTAssertEqual(try ids(.pypi, "PyYAML", "5.3"), ["PYSEC-2020-96", "PYSEC-2021-142"])
    XCTAssertEqual(try ids(.pypi, "py", "1.11.0"), ["PYSEC-2022-42969"])  // last_affected
    XCTAssertEqual(try ids(.pypi, "py", "1.11.1"), [])
    XCTAssertEqual(
      try ids(.pypi, "aubio", "0.4.7"), ["PYSEC-2019-162", "PYSEC-2019-163", "PYSEC-2019-164"])
    XCTAssertEqual(try ids(.pypi, "django", "3.2.0").count, 25)
  }

  func testCratesMatchesAndFixedVersions() throws {
    let database = try XCTUnwrap(Self.database)
    let smallvec = Package(
      ecosystem: .crates, name: "smallvec", version: "1.6.0", path: "Cargo.lock", line: 1)
    let matches = VulnerabilityMatcher.matches([smallvec], in: database)
    XCTAssertEqual(matches.map(\.id), ["RUSTSEC-2021-0003"])
    XCTAssertEqual(matches.first?.fixed, "1.6.1")
    XCTAssertEqual(matches.first?.aliases, ["CVE-2021-25900", "GHSA-43w2-9j62-hq99"])
    XCTAssertEqual(matches.first?.severity, .critical)  // CVSS:3.1 ... 9.8
    XCTAssertEqual(try ids(.crates, "smallvec", "1.6.1"), [])
  }

  func testAliasesMergeRecordsIntoOneVulnerability() {
    var database = OSVDatabase()
    let affected = OSVRecord.Affected(
      package: .init(ecosystem: "PyPI", name: "demo"),
      ranges: [.init(type: "ECOSYSTEM", events: [.init(introduced: "0"), .init(fixed: "2.0")])])
    database.add(OSVRecord(id: "PYSEC-1", aliases: ["CVE-9"], affected: [affected]))
    database.add(OSVRecord(id: "GHSA-x", aliases: ["CVE-9"], affected: [affected]))
    database.add(OSVRecord(id: "PYSEC-2", affected: [affected]))
    database.add(OSVRecord(id: "PYSEC-3", withdrawn: "2024-01-01T00:00:00Z", affected: [affected]))
    let package = Package(ecosystem: .pypi, name: "Demo", version: "1.5", path: "x", line: 1)
    let matches = VulnerabilityMatcher.matches([package], in: database)
    XCTAssertEqual(matches.map(\.id).sorted(), ["GHSA-x", "PYSEC-2"])
    XCTAssertEqual(matches.first { $0.id == "GHSA-x" }?.aliases, ["CVE-9", "PYSEC-1"])
  }

  func testCVSS3BaseScores() {
    XCTAssertEqual(CVSS3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"), 9.8)
    XCTAssertEqual(CVSS3.baseScore("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N"), 6.1)
    XCTAssertEqual(CVSS3.baseScore("CVSS:3.0/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L"), 1.8)
    XCTAssertEqual(CVSS3.baseScore("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H"), 9.9)
    XCTAssertNil(CVSS3.baseScore("CVSS:4.0/AV:N"))
  }
}
