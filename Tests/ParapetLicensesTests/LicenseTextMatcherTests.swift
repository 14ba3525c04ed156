import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetLicenses

final class LicenseTextMatcherTests: XCTestCase {
  private let matcher = LicenseTextMatcher.embedded

  private func text(_ id: String) throws -> String {
    try String(
      contentsOf: TestPaths.shared.appendingPathComponent("data/spdx/text/\(id).txt"),
      encoding: .utf8)
  }

  /// Rewraps every paragraph at 72 columns, as license files in repositories are written.
  private func rewrapped(_ text: String) -> String {
    text.components(separatedBy: "\n\n").map { paragraph in
      var lines: [String] = []
      var line = ""
      for word in paragraph.split(whereSeparator: \.isWhitespace) {
        if line.count + word.count + 1 > 72 {
          lines.append(line)
          line = ""
        }
        line += (line.isEmpty ? "" : " ") + word
      }
      lines.append(line)
      return lines.joined(separator: "\n")
    }.joined(separator: "\n\n")
  }

  func testEveryLicenseTextMatchesItselfOrAnIdenticalText() throws {
    let folder = TestPaths.shared.appendingPathComponent("data/spdx/text")
    let ids = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .map { String($0.dropLast(4)) }
    for id in ids {
      let text = try text(id)
      let match = try XCTUnwrap(matcher.match(text: rewrapped(text)), id)
      if match.license != id {
        // -only and -or-later share one text; the match names the -only form.
        XCTAssertEqual(try self.text(match.license), text, "\(id) matched \(match.license)")
      }
      XCTAssertGreaterThanOrEqual(match.confidence, 93, id)
      XCTAssertEqual(matcher.match(text: text)?.confidence, 100, id)
    }
  }

  func testLicenseFilesAsProjectsWriteThemMatch() throws {
    let mit = try text("MIT").replacingOccurrences(
      of: "MIT License\n\nCopyright (c) <year> <copyright holders>",
      with:
        "The MIT License (MIT)\n\nCopyright (c) 2014-2026 Jane Doe <jane@example.org>\nCopyright (c) Example Corp."
    )
    XCTAssertEqual(matcher.match(text: rewrapped(mit))?.license, "MIT")

    let apache = try text("Apache-2.0")
    let withoutAppendix = String(apache[..<apache.range(of: "APPENDIX")!.lowerBound])
    let match = try XCTUnwrap(matcher.match(text: withoutAppendix))
    XCTAssertEqual(match.license, "Apache-2.0")
    XCTAssertGreaterThanOrEqual(match.confidence, 90)

    let bsd3 = try text("BSD-3-Clause")
      .replacingOccurrences(of: "<year> <owner>", with: "2019, The Regents of Somewhere")
      .replacingOccurrences(of: "the copyright holder", with: "The Regents of Somewhere")
      .replacingOccurrences(of: "1. ", with: "  * ").replacingOccurrences(of: "2. ", with: "  * ")
      .replacingOccurrences(of: "3. ", with: "  * ")
    XCTAssertEqual(matcher.match(text: rewrapped(bsd3))?.license, "BSD-3-Clause")
    XCTAssertEqual(matcher.match(text: try text("BSD-2-Clause"))?.license, "BSD-2-Clause")

    let lgpl = try text("LGPL-3.0-only")
    let lesser = String(
      lgpl[..<lgpl.range(of: "GNU GENERAL PUBLIC LICENSE\nVersion 3")!.lowerBound])
    XCTAssertEqual(matcher.match(text: lesser)?.license, "LGPL-3.0-only")
    XCTAssertEqual(matcher.match(text: try text("GPL-3.0-only"))?.license, "GPL-3.0-only")

    let isc = try text("ISC").replacingOccurrences(of: "licence", with: "license")
    XCTAssertEqual(matcher.match(text: isc)?.license, "ISC")
  }

  func testOtherTextsDoNotMatch() throws {
    XCTAssertNil(
      matcher.match(text: "# Example\n\nA library that does things. MIT licensed, see below."))
    let mitHalf = try text("MIT").prefix(300)
    XCTAssertNil(matcher.match(text: String(mitHalf)))
  }

  func testEncodingsAndBadFiles() throws {
    let mit = try text("MIT").replacingOccurrences(of: "<copyright holders>", with: "Jürgen Müller")
    XCTAssertEqual(try matcher.match(Data(mit.utf8))?.license, "MIT")
    XCTAssertEqual(try matcher.match(try XCTUnwrap(mit.data(using: .isoLatin1)))?.license, "MIT")
    XCTAssertEqual(try matcher.match(try XCTUnwrap(mit.data(using: .utf16)))?.license, "MIT")
    XCTAssertThrowsError(try matcher.match(Data(" \n\n".utf8))) {
      XCTAssertEqual($0 as? LicenseTextMatcher.Problem, .empty)
    }
    XCTAssertThrowsError(try matcher.match(Data(count: LicenseTextMatcher.maximumBytes + 1))) {
      XCTAssertEqual(
        $0 as? LicenseTextMatcher.Problem, .tooLarge(LicenseTextMatcher.maximumBytes + 1))
    }
  }
}
