import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetLicenses

/// The embedded copies must be exactly what the generators make from `rules/licenses/` and
/// `../shared/data/spdx`, and every id the rules name must exist.
final class EmbeddedDataTests: XCTestCase {
  func testEmbeddedRulesMatchTheRuleFiles() throws {
    XCTAssertEqual(
      try EmbeddedFiles.staleness(
        EmbeddedRules.files, folder: "rules/licenses", pathExtension: "yaml"), [])
  }

  func testEmbeddedSPDXMatchesTheSharedData() throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
    process.arguments = [
      TestPaths.packageRoot.appendingPathComponent("ci/embed-spdx.py").path, "--stdout",
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let generated = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    let committed = try Data(
      contentsOf: TestPaths.packageRoot.appendingPathComponent(
        "Sources/ParapetLicenses/Data/EmbeddedSPDX.swift"))
    XCTAssertTrue(generated == committed, "EmbeddedSPDX.swift is stale: run ci/embed-spdx.py")
  }

  func testTheListHasEveryLicenseOfTheSharedData() throws {
    let data = try Data(
      contentsOf: TestPaths.shared.appendingPathComponent("data/spdx/licenses.json"))
    let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    let licenses = try XCTUnwrap(json["licenses"] as? [[String: Any]])
    XCTAssertEqual(LicenseList.embedded.licenseIDs.count, licenses.count)
    XCTAssertEqual(LicenseList.embedded.version, json["licenseListVersion"] as? String)
    XCTAssertEqual(LicenseList.embedded.license("apache-2.0")?.id, "Apache-2.0")
    XCTAssertEqual(LicenseList.embedded.license("GPL-2.0")?.deprecated, true)
    XCTAssertEqual(LicenseList.embedded.license("MIT")?.inCycloneDXEnum, true)
    XCTAssertEqual(LicenseList.embedded.license("Bugroff")?.inCycloneDXEnum, false)
    XCTAssertEqual(
      LicenseList.embedded.exception("classpath-exception-2.0")?.id, "Classpath-exception-2.0")
  }

  func testEveryIdTheRulesNameIsAnSPDXIdOrAReference() throws {
    let catalog = LicenseCatalog.embedded
    let parser = LicenseExpressionParser()
    var ids = catalog.categories.values.flatMap(\.licenses) + catalog.defaultDeny
    ids += catalog.textVariants.map(\.id)
    for id in ids {
      if LicenseExpression.isReference(id) { continue }
      XCTAssertEqual(LicenseList.embedded.license(id)?.id, id, "'\(id)' is not an SPDX id")
      XCTAssertEqual(LicenseList.embedded.license(id)?.deprecated, false, "'\(id)' is deprecated")
    }
    for (name, expression) in catalog.names.merging(
      catalog.classifiers, uniquingKeysWith: { a, _ in a })
    {
      XCTAssertNoThrow(try parser.parse(expression), "alias '\(name)' maps to '\(expression)'")
    }
    for key in catalog.names.keys {
      XCTAssertEqual(
        LicenseCatalog.aliasKey(key), key, "alias key '\(key)' is not written as aliasKey writes it"
      )
    }
    XCTAssertEqual(
      Set(catalog.rules.keys),
      [
        "license-denied", "license-not-allowed", "license-unknown", "license-unparsable",
        "license-unlicensed",
      ])
    // A license sits in one category.
    let all = catalog.categories.values.flatMap(\.licenses)
    XCTAssertEqual(all.count, Set(all).count)
  }
}
