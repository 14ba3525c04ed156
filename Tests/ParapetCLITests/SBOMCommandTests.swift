import Foundation
import ParapetTestSupport
import XCTest

/// `parapet sbom` on a repository with npm, Python and Rust lockfiles: every format validates
/// against its schema and lists every package with its purl and edges.
final class SBOMCommandTests: XCTestCase {
  private func repository() throws -> TemporaryRepository {
    let repo = try TemporaryRepository()
    try repo.write(
      "web/package.json",
      #"{"dependencies": {"express": "^4.17.0"}, "devDependencies": {"@types/node": "^18.0.0"}}"#)
    try repo.write(
      "web/package-lock.json",
      """
      {"lockfileVersion": 3, "packages": {
        "": {"dependencies": {"express": "^4.17.0"}, "devDependencies": {"@types/node": "^18.0.0"}},
        "node_modules/express": {"version": "4.17.1", "integrity": "sha512-lGpLJE3yLqMpWKZ/Y3b76WQ/N8o68ndTszK+JnZYE+SlPzu0SVsGYq6mgo5lFvzJA9uTIvD27PN47Gz/ZIiAzQ==", "dependencies": {"qs": "6.7.0"}},
        "node_modules/qs": {"version": "6.7.0"},
        "node_modules/@types/node": {"version": "18.11.9", "dev": true}}}
      """)
    try repo.write(
      "api/poetry.lock",
      """
      [[package]]
      name = "requests"
      version = "2.25.0"
      groups = ["main"]

      [package.dependencies]
      urllib3 = "<1.27"

      [[package]]
      name = "urllib3"
      version = "1.26.4"
      groups = ["main"]
      """)
    try repo.write(
      "api/pyproject.toml", "[project]\nname = \"api\"\ndependencies = [\"requests\"]\n")
    try repo.write(
      "core/Cargo.lock",
      """
      version = 3

      [[package]]
      name = "core"
      version = "0.1.0"
      dependencies = ["smallvec"]

      [[package]]
      name = "smallvec"
      version = "1.6.0"
      source = "registry+https://github.com/rust-lang/crates.io-index"
      checksum = "fe0f37c9e8f3c5a4a66ad655a93c74daac4ad00c441533bf5c6e7990bb42604e"
      """)
    return repo
  }

  private let expectedPurls = [
    "pkg:cargo/smallvec@1.6.0", "pkg:npm/%40types/node@18.11.9", "pkg:npm/express@4.17.1",
    "pkg:npm/qs@6.7.0",
    "pkg:pypi/requests@2.25.0", "pkg:pypi/urllib3@1.26.4",
  ]

  func testCycloneDXJSONValidatesAndListsEveryPackageAndEdge() throws {
    let repo = try repository()
    let out = try TemporaryRepository(git: false)
    let file = out.url.appendingPathComponent("bom.json")
    let result = try Command.parapet(["sbom", repo.url.path, "--output", file.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertNil(
      try SchemaValidator.cycloneDXErrors(file))
    let bom = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    let components = bom?["components"] as? [[String: Any]] ?? []
    XCTAssertEqual(components.compactMap { $0["purl"] as? String }, expectedPurls)
    XCTAssertEqual(
      components.first { $0["name"] as? String == "node" }?["group"] as? String, "@types")
    XCTAssertEqual(
      components.first { $0["name"] as? String == "node" }?["scope"] as? String, "excluded")
    let express = components.first { $0["name"] as? String == "express" }
    XCTAssertEqual((express?["hashes"] as? [[String: String]])?.first?["alg"], "SHA-512")
    let edges = Dictionary(
      uniqueKeysWithValues: (bom?["dependencies"] as? [[String: Any]] ?? []).map {
        ($0["ref"] as? String ?? "", $0["dependsOn"] as? [String] ?? [])
      })
    XCTAssertEqual(edges["pkg:npm/express@4.17.1"], ["pkg:npm/qs@6.7.0"])
    XCTAssertEqual(edges["pkg:pypi/requests@2.25.0"], ["pkg:pypi/urllib3@1.26.4"])
    XCTAssertEqual(
      edges["project:\(repo.url.lastPathComponent)"],
      [
        "pkg:cargo/smallvec@1.6.0", "pkg:npm/%40types/node@18.11.9", "pkg:npm/express@4.17.1",
        "pkg:pypi/requests@2.25.0",
      ])
  }

  func testSPDXValidatesWithRelationships() throws {
    let repo = try repository()
    let out = try TemporaryRepository(git: false)
    let file = out.url.appendingPathComponent("bom.spdx.json")
    XCTAssertEqual(
      try Command.parapet(["sbom", repo.url.path, "--format", "spdx-json", "-o", file.path]).status,
      0)
    XCTAssertNil(
      try SchemaValidator.spdxErrors(file))
    let document = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    let packages = document?["packages"] as? [[String: Any]] ?? []
    let purls = packages.flatMap {
      ($0["externalRefs"] as? [[String: String]] ?? []).compactMap { $0["referenceLocator"] }
    }
    XCTAssertEqual(purls, expectedPurls)
    let types = (document?["relationships"] as? [[String: String]] ?? []).compactMap {
      $0["relationshipType"]
    }
    XCTAssertEqual(types.filter { $0 == "DEV_DEPENDENCY_OF" }.count, 1)
    // 3 from the project to its direct dependencies, 2 between packages.
    XCTAssertEqual(types.filter { $0 == "DEPENDS_ON" }.count, 5)
  }

  func testCycloneDXXMLHasTheSameComponentsAndReproducibleRunsAreIdentical() throws {
    let repo = try repository()
    let first = try Command.parapet([
      "sbom", repo.url.path, "--format", "cyclonedx-xml", "--reproducible",
    ])
    let second = try Command.parapet([
      "sbom", repo.url.path, "--format", "cyclonedx-xml", "--reproducible",
    ])
    XCTAssertEqual(first.stdout, second.stdout)
    XCTAssertTrue(
      first.stdout.contains("<timestamp>1970-01-01T00:00:00Z</timestamp>"), first.stdout)
    let purls = SecretsCommandTests.matches(of: "<purl>([^<]+)</purl>", in: first.stdout)
    XCTAssertEqual(purls, expectedPurls)
    let json1 = try Command.parapet(["sbom", repo.url.path, "--reproducible"]).stdout
    let json2 = try Command.parapet(["sbom", repo.url.path, "--reproducible"]).stdout
    XCTAssertEqual(json1, json2)
  }

  func testLicensesFromEveryKindOfEvidenceReachAllThreeFormats() throws {
    let repo = try LicensesCommandTests.mixedProject()
    try repo.write(
      "tools/package-lock.json",
      """
      {"lockfileVersion": 3, "packages": {"": {"dependencies": {"acme-sdk": "3.0.0"}},
        "node_modules/acme-sdk": {"version": "3.0.0", "license": "Acme Commercial EULA"}}}
      """)
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("bom.json")
    let spdx = out.url.appendingPathComponent("bom.spdx.json")
    for (format, file) in [("cyclonedx-json", json), ("spdx-json", spdx)] {
      let result = try Command.parapet(["sbom", repo.url.path, "--format", format, "-o", file.path])
      XCTAssertEqual(result.status, 0, result.stderr)
    }
    XCTAssertNil(try SchemaValidator.cycloneDXErrors(json))
    XCTAssertNil(try SchemaValidator.spdxErrors(spdx))
    let bom = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
    var licenses: [String: String] = [:]
    for component in bom?["components"] as? [[String: Any]] ?? [] {
      let choice = (component["licenses"] as? [[String: Any]])?.first
      let license = choice?["license"] as? [String: String]
      licenses[component["name"] as? String ?? ""] =
        (choice?["expression"] as? String).map { "expression " + $0 }
        ?? license?["id"].map { "id " + $0 } ?? license?["name"].map { "name " + $0 } ?? "none"
    }
    XCTAssertEqual(
      licenses,
      [
        "web-kit": "expression MIT OR Apache-2.0", "gnu-readline-shim": "id GPL-3.0-only",
        "left-pad-ish": "id BSD-3-Clause", "mystery": "none", "certifi": "id MPL-2.0",
        "psycopg2": "name LGPL with exceptions", "serde": "expression MIT OR Apache-2.0",
        "copyleft-db": "id AGPL-3.0-or-later",
        "acme-sdk": "expression LicenseRef-Acme-Commercial-EULA",
      ])
    let document = try JSONSerialization.jsonObject(with: Data(contentsOf: spdx)) as? [String: Any]
    let declared = Dictionary(
      uniqueKeysWithValues: (document?["packages"] as? [[String: Any]] ?? []).map {
        ($0["name"] as? String ?? "", $0["licenseDeclared"] as? String ?? "")
      })
    XCTAssertEqual(declared["psycopg2"], "NOASSERTION")
    XCTAssertEqual(declared["web-kit"], "MIT OR Apache-2.0")
    XCTAssertEqual(declared["acme-sdk"], "LicenseRef-Acme-Commercial-EULA")
    let extracted = document?["hasExtractedLicensingInfos"] as? [[String: String]]
    XCTAssertEqual(
      extracted,
      [
        [
          "licenseId": "LicenseRef-Acme-Commercial-EULA", "name": "LicenseRef-Acme-Commercial-EULA",
          "extractedText":
            "Named by tools/package-lock.json:2 license: LicenseRef-Acme-Commercial-EULA",
        ]
      ])
    let xml = try Command.parapet(["sbom", repo.url.path, "--format", "cyclonedx-xml"]).stdout
    let compact = xml.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
      .joined()
    XCTAssertTrue(
      compact.contains("<licenses><license><id>GPL-3.0-only</id></license></licenses>"), xml)
    XCTAssertTrue(
      compact.contains("<licenses><expression>MIT OR Apache-2.0</expression></licenses>"), xml)
    XCTAssertTrue(
      compact.contains("<licenses><license><name>LGPL with exceptions</name></license></licenses>"),
      xml)
  }

  func testAPackageWithoutAVersionIsANoticeAndTheRestIsWritten() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "package-lock.json",
      """
      {
        "lockfileVersion": 3,
        "packages": {
          "": {"dependencies": {"kept": "1.0.0"}},
          "node_modules/kept": {"version": "1.0.0", "license": "MIT"},
          "node_modules/fsevents": {"optional": true}
        }
      }
      """)
    let result = try Command.parapet(["sbom", repo.url.path])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      result.stderr,
      "parapet: note: package-lock.json:6: 'node_modules/fsevents' has no version; left out\n")
    let bom = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    XCTAssertEqual(
      (bom?["components"] as? [[String: Any]])?.compactMap { $0["purl"] as? String },
      ["pkg:npm/kept@1.0.0"])
  }

  func testScanWritesTheSBOMAsAnArtifactEvenWhenFindingsFailTheRun() throws {
    let repo = try repository()
    var tokens = ExampleTemplate(seed: 3)
    try repo.write("web/.env", "NPM_TOKEN=\(tokens.make("npm_{{base62-crc32}}"))\n")
    let out = try TemporaryRepository(git: false)
    let file = out.url.appendingPathComponent("scan.cdx.json")
    let result = try Command.parapet([
      "scan", repo.url.path, "--jobs", "secrets", "--sbom", file.path, "--quiet",
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertNil(
      try SchemaValidator.cycloneDXErrors(file))
    let bom = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any]
    XCTAssertEqual((bom?["components"] as? [[String: Any]])?.count, expectedPurls.count)
  }
}
