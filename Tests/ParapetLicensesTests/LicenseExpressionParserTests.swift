import XCTest

@testable import ParapetLicenses

final class LicenseExpressionParserTests: XCTestCase {
  private let parser = LicenseExpressionParser()

  func testExpressionsParseToTheirCanonicalForm() throws {
    let cases: [(String, String)] = [
      ("MIT", "MIT"),
      ("mit", "MIT"),
      ("MIT OR Apache-2.0", "MIT OR Apache-2.0"),
      ("mit or apache-2.0", "MIT OR Apache-2.0"),
      ("(MIT OR Apache-2.0) AND BSD-3-Clause", "(MIT OR Apache-2.0) AND BSD-3-Clause"),
      ("MIT OR Apache-2.0 AND BSD-3-Clause", "MIT OR Apache-2.0 AND BSD-3-Clause"),
      ("GPL-2.0-only WITH Classpath-exception-2.0", "GPL-2.0-only WITH Classpath-exception-2.0"),
      ("GPL-2.0", "GPL-2.0-only"),
      ("GPL-2.0+", "GPL-2.0-or-later"),
      ("LGPL-2.1+", "LGPL-2.1-or-later"),
      ("GPL-3.0-only+", "GPL-3.0-or-later"),
      ("Apache-2.0+", "Apache-2.0+"),
      ("LicenseRef-my-license", "LicenseRef-my-license"),
      ("DocumentRef-other:LicenseRef-x.1", "DocumentRef-other:LicenseRef-x.1"),
      ("((MIT))", "MIT"),
      ("(MIT AND (Zlib OR ISC))", "MIT AND (Zlib OR ISC)"),
    ]
    for (input, canonical) in cases {
      XCTAssertEqual(try parser.parse(input).description, canonical, input)
    }
  }

  func testOperatorsBindAsTheSpecificationSays() throws {
    XCTAssertEqual(
      try parser.parse("MIT OR Apache-2.0 AND BSD-3-Clause"),
      .any([.license("MIT"), .all([.license("Apache-2.0"), .license("BSD-3-Clause")])]))
    XCTAssertEqual(
      try parser.parse("GPL-2.0-or-later WITH Bison-exception-2.2 AND MIT"),
      .all([.exception(.license("GPL-2.0-or-later"), "Bison-exception-2.2"), .license("MIT")]))
  }

  func testMalformedExpressionsAreRejectedWithTheReason() {
    let cases: [(String, String)] = [
      ("", "empty license expression"),
      ("MIT License", "unexpected 'License' in license expression 'MIT License'"),
      ("Foo-1.0", "unknown license id 'Foo-1.0'"),
      ("MIT AND", "license expression ends where a license was expected"),
      ("(MIT OR ISC", "missing ')'"),
      ("MIT WITH Nonsense-exception", "unknown license exception 'Nonsense-exception'"),
      ("(MIT OR ISC) WITH Classpath-exception-2.0", "WITH must follow a single license"),
      ("LicenseRef-", "malformed license reference 'LicenseRef-'"),
      ("OR MIT", "unexpected 'OR' where a license was expected"),
    ]
    for (input, message) in cases {
      XCTAssertThrowsError(try parser.parse(input), input) { error in
        XCTAssertEqual("\(error)", message, input)
      }
    }
  }

  func testDeclaredLicensesNormalizeNamesAndKeepTheRest() {
    let cases: [(String, String?)] = [
      ("MIT", "MIT"),
      ("MIT License", "MIT"),
      ("The MIT License (MIT)", "MIT"),
      ("Apache License, Version 2.0", "Apache-2.0"),
      ("Apache 2.0", "Apache-2.0"),
      ("BSD", "LicenseRef-BSD"),
      ("PSFL", "PSF-2.0"),
      ("GPLv3+", "GPL-3.0-or-later"),
      ("MIT/Apache-2.0", "MIT OR Apache-2.0"),
      ("MIT or Apache 2.0", "MIT OR Apache-2.0"),
      ("UNLICENSED", "LicenseRef-UNLICENSED"),
      ("My Company Custom License v2", "LicenseRef-My-Company-Custom-License-v2"),
      ("NOASSERTION", nil),
      ("SEE LICENSE IN LICENSE.txt", nil),
      ("  ", nil),
    ]
    for (raw, expected) in cases {
      XCTAssertEqual(DeclaredLicense(raw)?.text, expected, raw)
      if expected != nil { XCTAssertNotNil(DeclaredLicense(raw)?.expression, raw) }
    }
    XCTAssertEqual(
      DeclaredLicense("(MIT OR Frobnicate-2)"),
      .unparsable(raw: "(MIT OR Frobnicate-2)", reason: "unknown license id 'Frobnicate-2'"))
  }

  /// Debian's copyright files and rpm's License tag write short names with versions and
  /// lowercase operators; read as a distribution's, they become SPDX.
  func testDistributionsShortNamesBecomeSPDX() {
    let cases: [(String, String?)] = [
      ("GPL-2+", "GPL-2.0-or-later"),
      ("GPL-2", "GPL-2.0-only"),
      (
        "GPL-2+ AND (Artistic or GPL-1+) AND BSD-3-clause",
        "GPL-2.0-or-later AND (LicenseRef-Artistic OR GPL-1.0-or-later) AND BSD-3-Clause"
      ),
      ("LGPL-2.1+ and/or Expat", "LGPL-2.1-or-later OR MIT"),
      (
        "GPL-3+ with Bison exception and GFDL-NIV-1.3",
        "GPL-3.0-or-later AND GFDL-1.3-no-invariants-only"
      ),
      ("GPLv2+ and LGPLv2+ with exceptions", "GPL-2.0-or-later AND LGPL-2.0-or-later"),
      ("ASL 2.0", "Apache-2.0"),
      ("Apache-2 and Perl", "Apache-2.0 AND (Artistic-1.0-Perl OR GPL-1.0-or-later)"),
      ("BSD-4-clause-UC and public-domain", "BSD-4-Clause-UC AND LicenseRef-public-domain"),
      ("BSLA", "LicenseRef-BSLA"),
    ]
    for (raw, expected) in cases {
      XCTAssertEqual(DeclaredLicense(raw, shortNames: true)?.text, expected, raw)
    }
    XCTAssertEqual(
      DeclaredLicense("GPL-2+ AND Frobnicate"),
      .unparsable(raw: "GPL-2+ AND Frobnicate", reason: "unknown license id 'GPL-2'"),
      "a lockfile's field is meant to be SPDX: what does not parse is said so")
  }
}
