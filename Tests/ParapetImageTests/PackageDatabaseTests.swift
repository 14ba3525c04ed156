import ParapetCore
import ParapetDeps
import XCTest

@testable import ParapetImage

/// The OS package databases and the distribution, as images keep them.
final class PackageDatabaseTests: XCTestCase {
  func testOSReleaseNamesTheOSVEcosystem() throws {
    let debian = try XCTUnwrap(
      OSRelease.parse(
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"))
    XCTAssertEqual(debian.ecosystem?.ecosystem, .debian)
    XCTAssertEqual(debian.ecosystem?.release, "12")
    XCTAssertEqual(debian.distroQualifier, "debian-12")
    let ubuntu = try XCTUnwrap(OSRelease.parse("ID=ubuntu\nVERSION_ID=\"22.04\"\n"))
    XCTAssertEqual(ubuntu.ecosystem?.release, "22.04")
    XCTAssertNil(OSRelease.parse("NAME=nothing\n"))
  }

  func testDpkgStanzasGivePackagesWithTheirSourcePackages() {
    let stanzas = DpkgDatabase.stanzas(
      "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nSource: zlib\nDescription: compression\n library\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1\n"
    )
    XCTAssertEqual(stanzas.count, 2)
    XCTAssertEqual(stanzas[0].line, 1)
    XCTAssertEqual(stanzas[1].line, 8)
    XCTAssertEqual(stanzas[0].fields["Source"], "zlib")
    XCTAssertEqual(stanzas[0].fields["Description"], "compression")
  }

  func testAPackageMatchesOnlyItsOwnRelease() {
    var package = Package(ecosystem: .debian, name: "zlib1g", version: "1", path: "p", line: 1)
    package.release = "12"
    XCTAssertTrue(package.isInEcosystem("Debian:12"))
    XCTAssertFalse(package.isInEcosystem("Debian:11"))
    XCTAssertFalse(package.isInEcosystem("Debian:120"))
    package.ecosystem = .ubuntu
    package.release = "22.04"
    XCTAssertTrue(package.isInEcosystem("Ubuntu:22.04:LTS"))
  }
}
