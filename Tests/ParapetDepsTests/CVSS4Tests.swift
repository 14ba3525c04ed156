import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetDeps

/// CVSS v4.0 scores against the 3,000 vectors of `../shared/data/cvss4/vectors.tsv`, scored by
/// an independent implementation of the specification.
final class CVSS4Tests: XCTestCase {
  func testEveryVectorOfTheOracleGetsItsScoreAndSeverity() throws {
    let text = try String(
      contentsOf: TestPaths.shared.appendingPathComponent("data/cvss4/vectors.tsv"),
      encoding: .utf8)
    var rows = 0
    var mismatches: [String] = []
    for line in text.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: "\t").map(String.init)
      guard fields.count == 3 else { continue }
      rows += 1
      let cvss = try CVSS4(fields[0])
      let got = "\(String(format: "%.1f", cvss.score)) \(cvss.severity)"
      let want = "\(fields[1]) \(fields[2].lowercased())"
      if got != want { mismatches.append("\(fields[0]): \(got), want \(want)") }
    }
    XCTAssertEqual(rows, 3000)
    XCTAssertEqual(mismatches.count, 0, mismatches.prefix(10).joined(separator: "\n"))
  }

  func testMalformedVectorsSayWhatIsWrong() {
    let base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N"
    for (vector, why) in [
      ("CVSS:3.1/AV:N", "not a CVSS:4.0 vector"),
      (base, "the base metric SA is missing"),
      (base + "/SA:N/SA:N", "SA is given twice"),
      (base + "/SA:Q", "'Q' is not a value of SA"),
      (base + "/SA:N/XX:Y", "unknown metric 'XX'"),
      (base + "/SA:N/", "'' is not METRIC:VALUE"),
    ] {
      XCTAssertThrowsError(try CVSS4(vector)) { error in
        XCTAssertEqual("\(error)", why, vector)
      }
    }
  }
}
