import XCTest

@testable import ParapetGateway

final class NginxParserTests: XCTestCase {
  func testDirectivesBlocksQuotesAndPlaces() throws {
    let text = """
      # comment
      http {
          log_format main '$remote_addr "$request"' escape=json;
          server {
              listen 443 ssl;   # trailing comment
              location ~ ^/(api|v1)/ {
                  add_header X-Test "a \\"quoted\\" value; with semicolon" always;
                  set $target ${scheme}://backend;
              }
          }
      }
      """
    let directives = try NginxParser.parse(text, path: "nginx.conf")
    let http = try XCTUnwrap(directives.first)
    XCTAssertEqual(http.name, "http")
    XCTAssertEqual(http.line, 2)
    let logFormat = try XCTUnwrap(http.child("log_format"))
    XCTAssertEqual(logFormat.values, ["main", "$remote_addr \"$request\"", "escape=json"])
    let server = try XCTUnwrap(http.child("server"))
    XCTAssertEqual(server.child("listen")?.values, ["443", "ssl"])
    let location = try XCTUnwrap(server.child("location"))
    XCTAssertEqual(location.values, ["~", "^/(api|v1)/"])
    let header = try XCTUnwrap(location.child("add_header"))
    XCTAssertEqual(header.values, ["X-Test", "a \"quoted\" value; with semicolon", "always"])
    XCTAssertEqual(header.line, 7)
    XCTAssertEqual(header.column, 13)
    XCTAssertEqual(header.arguments[1].column, 31)
    XCTAssertEqual(location.child("set")?.values, ["$target", "${scheme}://backend"])
  }

  func testSyntaxErrorsNameLineAndColumn() {
    let cases: [(String, String)] = [
      ("http {\n  server {\n", "3:1: a block is not closed"),
      ("listen 80\n}", "2:1: unexpected '}'"),
      ("server {\n  listen 80\n}\n", "2:3: directive 'listen' has no ';'"),
      ("add_header X \"open;\n", "1:14: unterminated quote"),
      ("  ;", "1:3: ';' without a directive"),
    ]
    for (text, message) in cases {
      XCTAssertThrowsError(try NginxParser.parse(text, path: "x.conf"), text) { error in
        XCTAssertEqual("\(error)", message, text)
      }
    }
  }
}
