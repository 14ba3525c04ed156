import ParapetCore
import XCTest

final class PathPatternTests: XCTestCase {
  func testPathPatterns() {
    XCTAssertTrue(PathPattern.matches("deploy/prod/app.yaml", "deploy/**"))
    XCTAssertTrue(PathPattern.matches("deploy/app.yaml", "deploy/"))
    XCTAssertTrue(PathPattern.matches(".github/workflows/ci.yml", ".github/workflows/*"))
    XCTAssertFalse(PathPattern.matches(".github/workflows/sub/ci.yml", ".github/workflows/*"))
    XCTAssertTrue(PathPattern.matches("src/a/b/Keys.swift", "**/Keys.swift"))
    XCTAssertTrue(PathPattern.matches("Keys.swift", "**/Keys.swift"))
    XCTAssertFalse(PathPattern.matches("c10.txt", "c0*.txt"))
  }
}
