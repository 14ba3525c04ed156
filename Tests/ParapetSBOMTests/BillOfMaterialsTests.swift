import Foundation
import ParapetDeps
import XCTest

@testable import ParapetSBOM

final class BillOfMaterialsTests: XCTestCase {
  func testLockfileIntegrityValuesBecomeHexHashes() {
    let sri = BillOfMaterials.hash(
      "sha512-" + Data(repeating: 0xab, count: 64).base64EncodedString())
    XCTAssertEqual(sri?.algorithm, "SHA-512")
    XCTAssertEqual(sri?.hex, String(repeating: "ab", count: 64))
    XCTAssertEqual(
      BillOfMaterials.hash("sha256:" + String(repeating: "0F", count: 32))?.hex,
      String(repeating: "0f", count: 32))
    XCTAssertEqual(BillOfMaterials.hash(String(repeating: "1", count: 40))?.algorithm, "SHA-1")
    XCTAssertNil(BillOfMaterials.hash("h1:" + Data(repeating: 1, count: 32).base64EncodedString()))
    XCTAssertNil(BillOfMaterials.hash("not a hash"))
  }

  func testPackagesMergeAcrossLockfilesAndKeepTheirEdges() {
    let a = Lockfile(
      path: "a/package-lock.json", kind: "x",
      packages: [
        Package(
          ecosystem: .npm, name: "express", version: "4.17.1", direct: true,
          path: "a/package-lock.json", line: 3, dependencies: ["qs@6.7.0"]),
        Package(
          ecosystem: .npm, name: "qs", version: "6.7.0", scope: .dev, path: "a/package-lock.json",
          line: 9),
      ])
    let b = Lockfile(
      path: "b/package-lock.json", kind: "x",
      packages: [
        Package(ecosystem: .npm, name: "qs", version: "6.7.0", path: "b/package-lock.json", line: 4)
      ])
    let bom = BillOfMaterials(
      lockfiles: [a, b], projectName: "shop", reproducible: true,
      environment: ["SOURCE_DATE_EPOCH": "86400"])
    XCTAssertEqual(bom.components.map(\.ref), ["pkg:npm/express@4.17.1", "pkg:npm/qs@6.7.0"])
    XCTAssertEqual(bom.components[0].dependsOn, ["pkg:npm/qs@6.7.0"])
    XCTAssertEqual(bom.components[1].lockfiles, ["a/package-lock.json", "b/package-lock.json"])
    XCTAssertEqual(
      bom.components[1].package.scope, .prod, "a package needed in production anywhere is required")
    XCTAssertEqual(bom.direct, ["pkg:npm/express@4.17.1"])
    XCTAssertEqual(bom.isoTimestamp, "1970-01-02T00:00:00Z")
    let again = BillOfMaterials(
      lockfiles: [a, b], projectName: "shop", reproducible: true, environment: [:])
    XCTAssertEqual(bom.serial, again.serial, "the serial is derived from the content")
    XCTAssertNotEqual(
      bom.serial, BillOfMaterials(lockfiles: [a], projectName: "shop", reproducible: true).serial)
  }
}
