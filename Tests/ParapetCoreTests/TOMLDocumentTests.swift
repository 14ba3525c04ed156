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
  /// Found by fuzzing: TOMLKit's parser aborts the process on a table header that does not
  /// start with a key and on a `}` where an array expects a value, so both are refused before
  /// it runs.
  func testWhatTOMLKitWouldAbortOnIsAnError() {
    let header = "a table header must start with a key"
    let array = "expected a value or ']' in the array"
    for (text, location, message) in [
      ("version = 3\n\n[\u{12}\u{0}]]\nname = \"serde\"\n", "3:2", header),
      ("[=license]\nproject = \"\"\n", "1:2", header),
      ("[[package]]\nname = \"a\"\n\n[[ {x = 1}]]\n", "4:4", header),
      ("a = 1\n  [+b]\n", "2:4", header),
      ("\u{FEFF}[\u{1}a[vers", "1:5", header),
      ("version = [}}}\n", "1:12", array),
      ("a = [\n  1, # one\n  }\n", "3:3", array),
    ] {
      XCTAssertThrowsError(try TOMLDocument(text: text, path: "Cargo.lock"), text) { error in
        XCTAssertEqual("\(error)", "Cargo.lock:\(location): invalid TOML: \(message)")
      }
    }
  }

  func testArraysStringsAndCommentsThatOpenALineAreNotHeaders() throws {
    let text = #"""
      # [=not a header]
      matrix = [
        [1, 2],
        [{ a = 1 }],
        [+3],
      ]
      notes = """
      [=inside a string]
      ends with quotes"""""
      literal = '''
      [{also inside}
      '''
      quoted = "a [= b"

      ["quoted key"]
      'x' = [
        "]",
      ]
      [[a.b]] # comment [=
      c = 1
      """#
    let document = try TOMLDocument(text: text, path: "ok.toml")
    XCTAssertEqual(document.root["matrix"]?.array?.count, 3)
    XCTAssertEqual(document.root["notes"]?.string, "[=inside a string]\nends with quotes\"\"")
    XCTAssertNotNil(document.root["quoted key"]?.table?["x"])
  }
}
