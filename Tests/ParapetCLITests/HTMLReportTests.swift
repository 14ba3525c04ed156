import Foundation
import ParapetTestSupport
import XCTest

/// Issue 15: the HTML report is one self-contained page that a browser renders with no network:
/// headless Chromium (Debian's `chromium`) draws it to a PNG, and its DOM holds every finding's
/// fingerprint, the gateway checklist, the dependency tree and the license overview.
final class HTMLReportTests: XCTestCase {
  private var tokens = ExampleTemplate(seed: 0x15_47)

  func testIssue15TheHTMLReportRendersEveryFindingInChromium() throws {
    let repo = try TemporaryRepository()
    try repo.write("app.env", "TOKEN=\(tokens.make("ghp_{{base62-crc32}}"))\n")
    try repo.write("requirements.txt", "urllib3==1.26.4\nrequests==2.25.0\n")
    try repo.write(
      "nginx/nginx.conf",
      "http { server { listen 443 ssl; ssl_protocols TLSv1; location / { proxy_pass http://a; } } }\n"
    )
    try repo.commitAll("project")
    let out = try TemporaryRepository(git: false)
    let html = out.url.appendingPathComponent("report.html")
    let json = out.url.appendingPathComponent("report.json")
    let scan = try Command.parapet([
      "scan", repo.url.path, "--db",
      TestPaths.shared.appendingPathComponent("data/advisories").path,
      "--html", html.path, "--json", json.path,
    ])
    XCTAssertEqual(scan.status, 1, scan.stderr)
    let page = try String(contentsOf: html, encoding: .utf8)
    XCTAssertFalse(page.contains("src=\"http"), "no script or image from elsewhere")
    XCTAssertFalse(page.contains("<link"), "no stylesheet or font from elsewhere")
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
      FileManager.default.isExecutableFile(atPath: $0)
    }
    let browser = try XCTUnwrap(chromium, "Debian's chromium is needed (ci/install-deps.sh)")
    let flags = ["--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    let png = out.url.appendingPathComponent("report.png")
    let shot = try Command.run(
      URL(fileURLWithPath: browser),
      flags + ["--window-size=1280,1800", "--screenshot=\(png.path)", html.absoluteString])
    XCTAssertEqual(shot.status, 0, shot.stderr)
    let image = try Data(contentsOf: png)
    XCTAssertEqual(Array(image.prefix(4)), [0x89, 0x50, 0x4E, 0x47], "a PNG")
    XCTAssertGreaterThan(image.count, 10_000)
    let dom = try Command.run(
      URL(fileURLWithPath: browser), flags + ["--dump-dom", html.absoluteString])
    XCTAssertEqual(dom.status, 0, dom.stderr)
    let fingerprints = try JSONReport.jobs(json).flatMap {
      ($0["findings"] as? [[String: Any]] ?? []).compactMap { $0["fingerprint"] as? String }
    }
    XCTAssertGreaterThanOrEqual(fingerprints.count, 8)
    for fingerprint in fingerprints {
      XCTAssertTrue(dom.stdout.contains("data-fingerprint=\"\(fingerprint)\""), fingerprint)
    }
    // The filter script ran: it says how many rows it shows.
    XCTAssertTrue(
      dom.stdout.contains("\(fingerprints.count) of \(fingerprints.count) shown"), "script ran")
    for section in ["Gateway checklist", "Dependencies", "Licenses"] {
      XCTAssertTrue(dom.stdout.contains("<h2>\(section)</h2>"), section)
    }
  }
}
