import ParapetCore
import XCTest

final class TOMLDocumentTests: XCTestCase {
  func testSyntaxErrorNamesFileLineAndColumn() {
    XCTAssertThrowsError(
      try TOMLDocument(text: "fail-on = \"low\"\n[secrets\nredact = 2\n", path: ".parapet.toml")
    ) { error in
      let text = "\(error)"
      XCTAssertTrue(text.hasPrefix(".parapet.toml:2:"), text)
      XCTAssertTrue(text.contains("invalid TOML"), text)
    }
  }

  func testUnknownKeyNamesItsLine() throws {
    let document = try TOMLDocument(
      text: "fail-on = \"low\"\n\n[secrets]\nredact = 2\nmax-size = 3\n", path: ".parapet.toml")
    let section = document.root["secrets"]?.table ?? [:]
    XCTAssertThrowsError(try document.checkKeys(section, allowed: ["redact"], under: "[secrets]")) {
      error in
      XCTAssertEqual(
        "\(error)",
        ".parapet.toml:5:1: unknown key 'max-size' in [secrets]; expected one of: redact")
    }
  }

  func testConfigRejectsAnUnknownSeverity() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "cfg-\(UUID().uuidString).toml")
    try Data("# comment\nfail-on = \"severe\"\n".utf8).write(to: folder)
    defer { try? FileManager.default.removeItem(at: folder) }
    XCTAssertThrowsError(try ParapetConfig.load(folder, displayPath: "p.toml")) { error in
      XCTAssertEqual(
        "\(error)", "p.toml:2:1: fail-on must be one of: info, low, medium, high, critical, never")
    }
  }

  func testInvalidUTF8IsAnErrorNotACrash() throws {
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "bad-\(UUID().uuidString).toml")
    try Data([0x66, 0x3D, 0xFF, 0xFE, 0x0A]).write(to: file)
    defer { try? FileManager.default.removeItem(at: file) }
    XCTAssertThrowsError(try TOMLDocument.load(file, displayPath: "bad.toml")) { error in
      XCTAssertEqual("\(error)", "bad.toml:1:1: file is not valid UTF-8")
    }
  }
}
