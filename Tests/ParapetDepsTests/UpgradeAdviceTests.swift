import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetDeps

/// The one version that fixes all of a package's advisories: on the real PyPI and crates.io
/// records of `../shared/data/advisories`, and on hand-written npm (SemVer) and Maven records
/// that use every OSV event.
final class UpgradeAdviceTests: XCTestCase {
  private static let database: OSVDatabase? = try? OSVDatabase.load(
    TestPaths.shared.appendingPathComponent("data/advisories"))

  private func fixAll(_ ecosystem: Ecosystem, _ name: String, _ version: String) throws -> String? {
    let database = try XCTUnwrap(Self.database)
    let package = Package(ecosystem: ecosystem, name: name, version: version, path: "x", line: 1)
    return UpgradeAdvice.fixAll(package, records: database.records(for: ecosystem, name: name))
  }

  func testRealPyPIAndCratesRecordsInTheirOrderings() throws {
    XCTAssertEqual(try fixAll(.pypi, "urllib3", "1.26.4"), "1.26.18")
    XCTAssertEqual(try fixAll(.pypi, "Jinja2", "2.10"), "2.11.3")
    // PEP 440: 2.10 sorts above 2.9, and 1.26.18 above 1.26.5.
    XCTAssertEqual(try fixAll(.pypi, "requests", "2.25.0"), "2.31.0")
    // `py` has only `last_affected: 1.11.0`: no record names a version above it.
    XCTAssertNil(try fixAll(.pypi, "py", "1.11.0"))
    // openssl 0.10.70 fixes the seven advisories of 0.10.38 but has one of its own.
    XCTAssertEqual(try fixAll(.crates, "openssl", "0.10.38"), "0.10.72")
    XCTAssertEqual(try fixAll(.crates, "ammonia", "3.1.0"), "3.3.3")
    XCTAssertEqual(try fixAll(.crates, "hyper", "0.12.0"), "0.14.12")
  }

  private func record(_ id: String, _ ecosystem: String, _ name: String, _ events: String) throws
    -> OSVRecord
  {
    let json = """
      {"id": "\(id)", "affected": [{"package": {"ecosystem": "\(ecosystem)", "name": "\(name)"},
        "ranges": [{"type": "\(ecosystem == "npm" ? "SEMVER" : "ECOSYSTEM")", "events": [\(events)]}]}]}
      """
    return try JSONDecoder().decode(OSVRecord.self, from: Data(json.utf8))
  }

  func testNPMRecordsWithFixedLastAffectedAndLimitEvents() throws {
    let records = [
      try record("A", "npm", "lodash", #"{"introduced": "0"}, {"fixed": "4.17.11"}"#),
      try record("B", "npm", "lodash", #"{"introduced": "0"}, {"fixed": "4.17.19"}"#),
      try record("C", "npm", "lodash", #"{"introduced": "4.17.0"}, {"last_affected": "4.17.20"}"#),
      try record("D", "npm", "lodash", #"{"introduced": "0"}, {"fixed": "4.17.21"}"#),
    ]
    let lodash = Package(ecosystem: .npm, name: "lodash", version: "4.17.10", path: "x", line: 1)
    XCTAssertEqual(UpgradeAdvice.fixAll(lodash, records: records), "4.17.21")
    // A range bounded by `limit` is left at its limit: 4.18.0 is the first version it spares.
    let limited =
      records + [
        try record("E", "npm", "lodash", #"{"introduced": "4.0.0"}, {"limit": "4.18.0"}"#)
      ]
    XCTAssertEqual(UpgradeAdvice.fixAll(lodash, records: limited), "4.18.0")
    // A pre-release sorts below its release in SemVer.
    let prerelease = [
      try record("F", "npm", "next", #"{"introduced": "0"}, {"fixed": "14.0.0-canary.3"}"#),
      try record("G", "npm", "next", #"{"introduced": "13.0.0"}, {"fixed": "14.0.0"}"#),
    ]
    let next = Package(ecosystem: .npm, name: "next", version: "13.5.1", path: "x", line: 1)
    XCTAssertEqual(UpgradeAdvice.fixAll(next, records: prerelease), "14.0.0")
    XCTAssertTrue(UpgradeAdvice.isNewMajor(from: "13.5.1", to: "14.0.0"))
  }

  func testMavenRecordsInMavensOrdering() throws {
    // Log4Shell and its follow-ups, as their ranges read for the 2.13+ line.
    let records = [
      try record(
        "CVE-2021-44228", "Maven", "org.apache.logging.log4j:log4j-core",
        #"{"introduced": "2.13.0"}, {"fixed": "2.15.0"}"#),
      try record(
        "CVE-2021-45046", "Maven", "org.apache.logging.log4j:log4j-core",
        #"{"introduced": "2.13.0"}, {"fixed": "2.16.0"}"#),
      try record(
        "CVE-2021-45105", "Maven", "org.apache.logging.log4j:log4j-core",
        #"{"introduced": "2.13.0"}, {"fixed": "2.17.0"}"#),
      try record(
        "CVE-2021-44832", "Maven", "org.apache.logging.log4j:log4j-core",
        #"{"introduced": "2.13.0"}, {"fixed": "2.17.1"}, {"introduced": "2.3.1"}, {"fixed": "2.3.2"}"#
      ),
    ]
    let log4j = Package(
      ecosystem: .maven, name: "org.apache.logging.log4j:log4j-core", version: "2.14.1",
      path: "pom.xml", line: 1)
    XCTAssertEqual(UpgradeAdvice.fixAll(log4j, records: records), "2.17.1")
    XCTAssertFalse(UpgradeAdvice.isNewMajor(from: "2.14.1", to: "2.17.1"))
  }

  func testNewMajorVersions() {
    XCTAssertTrue(UpgradeAdvice.isNewMajor(from: "0.12.0", to: "0.14.12"))
    XCTAssertFalse(UpgradeAdvice.isNewMajor(from: "0.12.0", to: "0.12.9"))
    XCTAssertFalse(UpgradeAdvice.isNewMajor(from: "1.26.4", to: "1.26.18"))
    XCTAssertTrue(UpgradeAdvice.isNewMajor(from: "v1.9.0", to: "v2.0.1"))
  }
}
