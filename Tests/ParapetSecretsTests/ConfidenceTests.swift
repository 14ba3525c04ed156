import XCTest

@testable import ParapetSecrets

/// Issue 19: what makes a secrets finding less sure.
final class ConfidenceTests: XCTestCase {
  func testPlaceholderLikeValues() {
    let placeholders = [
      "1234567890abcdef1234567890abcdef", "123456789a1234", "AKIAZZZZZZZZZZZZZZZZ",
      "rk_live_TESTtestTESTtestTESTtest", "webpack-dev-server", "change_me1", "user:pass",
      "xoxb-abcdefghijkl", "glsoat-PREfix_helloworld380_testin_pretty_long_token_long",
    ]
    for value in placeholders {
      XCTAssertTrue(PlaceholderLikeness.isPlaceholderLike(Array(value.utf8)), value)
    }
    let generated = [
      "AKIAQ3EGXKM7JD2LPW5T", "hf_QmZpTyrkWcBvXeLsNaDuHgJoFi", "dop_v1_3f9a8c7e1b2d4f6a",
      "Zx8vQ2mL9pR4tW7y", "S3cr3t-Pa55-w0rd!",
      "-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----",
    ]
    for value in generated {
      XCTAssertFalse(PlaceholderLikeness.isPlaceholderLike(Array(value.utf8)), value)
    }
  }

  func testExamplePaths() {
    for path in [
      "tests/certs/server.key", "src/__tests__/a.js", "docs/guide.md", "README.md",
      "pkg/client_test.go", "test_settings.py", "examples/https/webpack.config.js",
      "web/app.spec.ts", "example.env",
    ] {
      XCTAssertTrue(ExamplePaths.contains(path), path)
    }
    for path in ["src/app.py", "deploy/prod.env", "config/latest.yaml", "contest/main.go"] {
      XCTAssertFalse(ExamplePaths.contains(path), path)
    }
  }

  func testLevelsAreOrdered() {
    XCTAssertLessThan(Confidence.low, .medium)
    XCTAssertLessThan(Confidence.medium, .high)
    XCTAssertEqual(Confidence.high.lowered, .medium)
    XCTAssertEqual(Confidence.medium.lowered, .low)
  }
}
