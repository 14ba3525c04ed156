import XCTest

@testable import ParapetLicenses

final class PolicyEvaluatorTests: XCTestCase {
  private let parser = LicenseExpressionParser()

  private func verdict(_ text: String, allow: [String] = [], deny: [String]) throws
    -> PolicyEvaluator.Verdict
  {
    try PolicyEvaluator(allow: allow, deny: deny, catalog: .embedded).evaluate(parser.parse(text))
  }

  func testAnOrPassesWhenOneBranchPassesAndAnAndOnlyWhenAllDo() throws {
    let deny = LicenseCatalog.embedded.defaultDeny
    XCTAssertEqual(try verdict("MIT OR GPL-3.0-only", deny: deny).kind, .allowed)
    XCTAssertEqual(
      try verdict("MIT AND GPL-3.0-only", deny: deny),
      .init(kind: .denied, licenses: ["GPL-3.0-only"]))
    XCTAssertEqual(
      try verdict("GPL-2.0-only OR GPL-3.0-only", deny: deny),
      .init(kind: .denied, licenses: ["GPL-2.0-only", "GPL-3.0-only"]))
    XCTAssertEqual(try verdict("GPL-2.0+", deny: deny).licenses, ["GPL-2.0-or-later"])
    XCTAssertEqual(try verdict("(MIT AND Zlib) OR AGPL-3.0-only", deny: deny).kind, .allowed)
  }

  func testCategoriesExceptionsAndTheAllowList() throws {
    XCTAssertEqual(try verdict("MPL-2.0", deny: ["weak-copyleft"]).kind, .denied)
    XCTAssertEqual(try verdict("MPL-2.0", allow: ["permissive"], deny: []).kind, .notAllowed)
    XCTAssertEqual(try verdict("ISC", allow: ["permissive"], deny: []).kind, .allowed)
    XCTAssertEqual(
      try verdict("GPL-2.0-only WITH Classpath-exception-2.0", deny: ["GPL-2.0-only"]).kind, .denied
    )
    XCTAssertEqual(
      try verdict(
        "GPL-2.0-only WITH Classpath-exception-2.0",
        allow: ["GPL-2.0-only WITH Classpath-exception-2.0"], deny: ["GPL-2.0-only"]
      ).kind, .allowed)
    // Deny wins over allow for the same license.
    XCTAssertEqual(try verdict("MIT", allow: ["permissive"], deny: ["MIT"]).kind, .denied)
  }

  func testReferencesAreUnknownUnlessACategoryPlacesThem() throws {
    XCTAssertEqual(try verdict("LicenseRef-Acme-EULA", deny: []).kind, .unknown)
    XCTAssertEqual(try verdict("LicenseRef-BSD", deny: []).kind, .allowed)
    XCTAssertEqual(try verdict("LicenseRef-UNLICENSED", deny: []).kind, .proprietary)
    XCTAssertEqual(
      try verdict("LicenseRef-GPL", deny: LicenseCatalog.embedded.defaultDeny).kind, .denied)
    XCTAssertEqual(try verdict("MIT OR LicenseRef-Acme-EULA", deny: []).kind, .allowed)
    XCTAssertEqual(try verdict("MIT AND LicenseRef-Acme-EULA", deny: []).kind, .unknown)
  }
}
