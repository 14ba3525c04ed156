import Foundation
import ParapetTestSupport
import XCTest

/// `parapet licenses` end to end on a repository with npm, Python and Rust lockfiles and the
/// installed packages beside them.
final class LicensesCommandTests: XCTestCase {
  /// A project licensed MIT whose dependencies carry their licenses in every place the job
  /// reads: lockfile fields, `node_modules`, a virtual environment, `vendor/`.
  static func mixedProject() throws -> TemporaryRepository {
    let repo = try TemporaryRepository()
    try repo.write("package.json", #"{"name": "shop", "version": "1.0.0", "license": "MIT"}"#)
    try repo.write(
      "package-lock.json",
      """
      {
        "name": "shop",
        "version": "1.0.0",
        "lockfileVersion": 3,
        "requires": true,
        "packages": {
          "": {
            "name": "shop",
            "version": "1.0.0",
            "license": "MIT",
            "dependencies": {
              "web-kit": "^1.0.0",
              "mystery": "0.1.0"
            }
          },
          "node_modules/web-kit": {
            "version": "1.4.0",
            "resolved": "https://registry.npmjs.org/web-kit/-/web-kit-1.4.0.tgz",
            "integrity": "sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==",
            "license": "(MIT OR Apache-2.0)",
            "dependencies": {
              "gnu-readline-shim": "^2.0.0",
              "left-pad-ish": "1.0.0"
            }
          },
          "node_modules/gnu-readline-shim": {
            "version": "2.1.0",
            "license": "GPL-3.0-only"
          },
          "node_modules/left-pad-ish": {
            "version": "1.0.0"
          },
          "node_modules/mystery": {
            "version": "0.1.0"
          }
        }
      }
      """)
    try repo.write(
      "node_modules/left-pad-ish/package.json", #"{"name": "left-pad-ish", "version": "1.0.0"}"#)
    try repo.write(
      "node_modules/left-pad-ish/LICENSE",
      try String(
        contentsOf: TestPaths.shared.appendingPathComponent("data/spdx/text/BSD-3-Clause.txt"),
        encoding: .utf8
      ).replacingOccurrences(of: "<year> <owner>", with: "2021 Left Pad Authors"))
    try repo.write(
      "api/poetry.lock",
      """
      [[package]]
      name = "certifi"
      version = "2024.2.2"
      groups = ["main"]

      [[package]]
      name = "psycopg2"
      version = "2.9.9"
      groups = ["main"]
      """)
    try repo.write(
      "api/.venv/lib/python3.12/site-packages/certifi-2024.2.2.dist-info/METADATA",
      "Metadata-Version: 2.1\nName: certifi\nVersion: 2024.2.2\nLicense: MPL-2.0\nClassifier: License :: OSI Approved :: Mozilla Public License 2.0 (MPL 2.0)\n\nbody\n"
    )
    try repo.write(
      "api/.venv/lib/python3.12/site-packages/psycopg2-2.9.9.dist-info/METADATA",
      "Metadata-Version: 2.1\nName: psycopg2\nVersion: 2.9.9\nLicense: LGPL with exceptions\n\nbody\n"
    )
    try repo.write(
      "engine/Cargo.lock",
      """
      version = 3

      [[package]]
      name = "engine"
      version = "0.1.0"
      dependencies = [
       "serde",
       "copyleft-db",
      ]

      [[package]]
      name = "serde"
      version = "1.0.200"
      source = "registry+https://github.com/rust-lang/crates.io-index"

      [[package]]
      name = "copyleft-db"
      version = "0.3.1"
      source = "registry+https://github.com/rust-lang/crates.io-index"
      """)
    try repo.write(
      "engine/vendor/serde/Cargo.toml",
      "[package]\nname = \"serde\"\nversion = \"1.0.200\"\nlicense = \"MIT OR Apache-2.0\"\n")
    try repo.write(
      "engine/vendor/copyleft-db/Cargo.toml",
      "[package]\nname = \"copyleft-db\"\nversion = \"0.3.1\"\nedition = \"2021\"\nlicense = \"AGPL-3.0-or-later\"\n"
    )
    return repo
  }

  /// Runs the binary with package caches pointed at an empty folder, so that the machine's
  /// own `~/.cargo` and Go module cache never leak into a test.
  private func parapet(_ arguments: [String], in directory: URL? = nil) throws -> CommandResult {
    let empty = FileManager.default.temporaryDirectory.appendingPathComponent("parapet-no-cache")
    return try Command.run(
      TestPaths.binary, arguments, in: directory,
      environment: Command.outsideCI.merging([
        "CARGO_HOME": empty.path, "GOMODCACHE": empty.path, "HOME": empty.path,
      ]) { $1 })
  }

  func testTheDefaultPolicyFailsCopyleftDependenciesAndExplainsTheirPaths() throws {
    let repo = try Self.mixedProject()
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("l.json")
    let sarif = out.url.appendingPathComponent("l.sarif")
    let junit = out.url.appendingPathComponent("l.xml")
    let result = try parapet([
      "licenses", repo.url.path, "--json", json.path, "--sarif", sarif.path, "--junit", junit.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let findings = result.stdout.split(separator: "\n").filter {
      $0.contains(": high ") || $0.contains(": medium ") || $0.contains(": info ")
    }.sorted()
    XCTAssertEqual(
      findings,
      [
        "api/poetry.lock:6:1: medium license-unparsable: psycopg2 2.9.9 declares the license 'LGPL with exceptions', which is not an SPDX expression (unknown license id 'LGPL'); evidence: api/.venv/lib/python3.12/site-packages/psycopg2-2.9.9.dist-info/METADATA:4 License: LGPL with exceptions; path: psycopg2 2.9.9",
        "engine/Cargo.lock:16:1: high license-denied: copyleft-db 0.3.1 is licensed AGPL-3.0-or-later, which the default policy for a project licensed MIT (package.json license: MIT) denies: AGPL-3.0-or-later is network copyleft: Strong copyleft that also reaches users who only interact with the software over a network.; evidence: engine/vendor/copyleft-db/Cargo.toml:5 license: AGPL-3.0-or-later; path: copyleft-db 0.3.1",
        "package-lock.json:26:1: high license-denied: gnu-readline-shim 2.1.0 is licensed GPL-3.0-only, which the default policy for a project licensed MIT (package.json license: MIT) denies: GPL-3.0-only is strong copyleft: A work that includes or links the licensed code must be distributed, whole, under the same license with its source.; evidence: package-lock.json:26 license: GPL-3.0-only; path: web-kit 1.4.0 → gnu-readline-shim 2.1.0",
        "package-lock.json:33:1: info license-unknown: mystery 0.1.0 has no known license: no lockfile field, installed metadata or license file names one; path: mystery 0.1.0",
      ].map { Substring($0) })
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    // The Cargo.lock's own root package is the project, not a dependency.
    XCTAssertEqual((job["checked"] as? [String])?.count, 8)
    XCTAssertNil(try SchemaValidator.sarifErrors(sarif))
    XCTAssertNil(SchemaValidator.junitErrors(junit))
    let junitText = try String(contentsOf: junit, encoding: .utf8)
    XCTAssertTrue(junitText.contains(#"tests="8" failures="4""#), junitText)
  }

  func testPolicyFromConfigurationAllowsOverridesAndExplainsBadKeys() throws {
    let repo = try Self.mixedProject()
    try repo.write(
      ".parapet.toml",
      """
      [licenses]
      allow = ["permissive", "public-domain", "MPL-2.0"]

      [[licenses.override]]
      package = "gnu-readline-shim"
      reason = "only used by the build script, never shipped"

      [[licenses.override]]
      package = "psycopg2@2.9.9"
      license = "LGPL-3.0-or-later"
      reason = "checked by legal: LGPL with the OpenSSL exception"

      [[licenses.override]]
      package = "mystery"
      license = "ISC"
      reason = "the upstream README says ISC"
      until = "2020-01-01"
      """)
    let result = try parapet(["licenses", repo.url.path, "--fail-on", "medium"])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = result.stdout.split(separator: "\n").filter { $0.contains(" license-") }
      .map { $0.split(separator: ":").prefix(4).joined(separator: ":") }.sorted()
    XCTAssertEqual(
      lines,
      [
        "api/poetry.lock:6:1: high license-not-allowed",
        "engine/Cargo.lock:16:1: high license-not-allowed",
        "package-lock.json:33:1: info license-unknown",
      ])
    XCTAssertTrue(
      result.stderr.contains("the license override of mystery expired on 2020-01-01"), result.stderr
    )

    try repo.write(".parapet.toml", "[licenses]\nallow = [\"permissive\"]\ndeny = [\"GPL-9\"]\n")
    let bad = try parapet(["licenses", repo.url.path])
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(
      bad.stderr.hasPrefix(
        "parapet: .parapet.toml:3:1: deny: 'GPL-9' is neither an SPDX license id nor a category"),
      bad.stderr)
    try repo.write(".parapet.toml", "[licenses]\nprojekt = \"MIT\"\n")
    let unknown = try parapet(["licenses", repo.url.path])
    XCTAssertEqual(unknown.status, 2)
    XCTAssertTrue(
      unknown.stderr.contains(".parapet.toml:2:1: unknown key 'projekt' in [licenses]"),
      unknown.stderr)
  }

  func testACopyleftProjectHasNoDefaultDenyList() throws {
    let repo = try Self.mixedProject()
    let result = try parapet(["licenses", repo.url.path, "--project-license", "GPL-3.0-or-later"])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertFalse(result.stdout.contains("license-denied"), result.stdout)
    XCTAssertTrue(result.stdout.contains("license-unknown"), result.stdout)
  }

  func testOddLicenseFilesGiveNoticesAndNeverStopTheJob() throws {
    let repo = try TemporaryRepository()
    var packages: [String] = []
    for name in ["empty-license", "huge-license", "latin1-license", "utf16-license"] {
      packages.append(#""node_modules/\#(name)": {"version": "1.0.0"}"#)
      try repo.write(
        "node_modules/\(name)/package.json", #"{"name": "\#(name)", "version": "1.0.0"}"#)
    }
    try repo.write(
      "package-lock.json",
      #"{"lockfileVersion": 3, "packages": {"": {"license": "MIT"}, "#
        + packages.joined(separator: ", ") + "}}")
    try repo.write("node_modules/empty-license/LICENSE", "\n\n")
    try repo.write("node_modules/huge-license/LICENSE", String(repeating: "word ", count: 200_000))
    let mit = try String(
      contentsOf: TestPaths.shared.appendingPathComponent("data/spdx/text/MIT.txt"), encoding: .utf8
    ).replacingOccurrences(of: "<copyright holders>", with: "François Lefèvre")
    try repo.write(
      "node_modules/latin1-license/LICENSE", try XCTUnwrap(mit.data(using: .isoLatin1)))
    try repo.write("node_modules/utf16-license/COPYING", try XCTUnwrap(mit.data(using: .utf16)))
    // Packages with no evidence are info findings by default ([licenses] unknown = "warn").
    let result = try parapet(["licenses", repo.url.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    let lines = (result.stdout + result.stderr).split(separator: "\n").map(String.init)
    XCTAssertEqual(
      lines.filter { $0.contains("license-unknown") }.map { $0.components(separatedBy: ": ")[2] }
        .sorted(),
      ["empty-license 1.0.0 has no known license", "huge-license 1.0.0 has no known license"])
    XCTAssertTrue(
      lines.contains("licenses: note: node_modules/empty-license/LICENSE: empty license file"),
      result.stdout)
    XCTAssertTrue(
      lines.contains(
        "licenses: note: node_modules/huge-license/LICENSE: license file larger than 512 KiB is not a license text; skipped"
      ), result.stdout)
  }
}
