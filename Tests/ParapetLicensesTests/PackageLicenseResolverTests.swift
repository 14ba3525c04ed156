import Foundation
import ParapetCore
import ParapetDeps
import ParapetTestSupport
import XCTest

@testable import ParapetLicenses

/// Installed package metadata of each ecosystem, in the repository and in package caches.
final class PackageLicenseResolverTests: XCTestCase {
  private func mit() throws -> String {
    try String(
      contentsOf: TestPaths.shared.appendingPathComponent("data/spdx/text/MIT.txt"), encoding: .utf8
    )
  }

  func testEveryEcosystemsInstalledMetadataIsRead() throws {
    let repo = try TemporaryRepository(git: false)
    let cache = try TemporaryRepository(git: false)
    let site = "app/.venv/lib/python3.11/site-packages"
    try repo.write(
      "\(site)/attrs-23.2.0.dist-info/METADATA",
      "Metadata-Version: 2.4\nName: attrs\nVersion: 23.2.0\nLicense-Expression: MIT\nClassifier: License :: OSI Approved :: BSD License\n"
    )
    try repo.write(
      "\(site)/cryptography-42.0.5.dist-info/METADATA",
      "Metadata-Version: 2.1\nName: cryptography\nVersion: 42.0.5\nClassifier: License :: OSI Approved :: Apache Software License\nClassifier: License :: OSI Approved :: BSD License\n"
    )
    let wrappedMIT = try mit().replacingOccurrences(of: "\n", with: "\n        ")
    try repo.write(
      "\(site)/Typing_Extensions-4.9.0.dist-info/METADATA",
      "Metadata-Version: 2.1\nName: typing_extensions\nVersion: 4.9.0\nLicense: \(wrappedMIT)\n")
    try repo.write(
      "shop/vendor/bundle/ruby/3.2.0/specifications/rack-3.0.9.gemspec",
      "Gem::Specification.new do |s|\n  s.name = \"rack\".freeze\n  s.licenses = [\"MIT\".freeze, \"Ruby\".freeze]\nend\n"
    )
    try cache.write("gomod/github.com/!burnt!sushi/toml@v1.3.2/COPYING", try mit())
    try cache.write(
      "cargo/registry/src/index.crates.io-6f17d22bba15001f/itoa-1.0.10/Cargo.toml",
      "[package]\nname = \"itoa\"\nversion = \"1.0.10\"\nlicense = \"MIT OR Apache-2.0\"\n")
    try repo.write("tool/.build/checkouts/swift-log/LICENSE.txt", try mit())
    let packages = [
      Package(ecosystem: .pypi, name: "attrs", version: "23.2.0", path: "app/poetry.lock", line: 1),
      Package(
        ecosystem: .pypi, name: "cryptography", version: "42.0.5", path: "app/poetry.lock", line: 5),
      Package(
        ecosystem: .pypi, name: "typing-extensions", version: "4.9.0", path: "app/poetry.lock",
        line: 9),
      Package(
        ecosystem: .rubygems, name: "rack", version: "3.0.9", path: "shop/Gemfile.lock", line: 4),
      Package(
        ecosystem: .go, name: "github.com/BurntSushi/toml", version: "v1.3.2", path: "go.mod",
        line: 3),
      Package(ecosystem: .crates, name: "itoa", version: "1.0.10", path: "Cargo.lock", line: 7),
      Package(
        ecosystem: .swift, name: "github.com/apple/swift-log", version: "1.5.4",
        path: "tool/Package.resolved", line: 5),
      Package(
        ecosystem: .npm, name: "absent", version: "1.0.0", path: "package-lock.json", line: 9),
    ]
    var notices: [Notice] = []
    let resolved = PackageLicenseResolver(
      source: WorkTreeSource(root: repo.url.path),
      environment: [
        "GOMODCACHE": cache.url.appendingPathComponent("gomod").path,
        "CARGO_HOME": cache.url.appendingPathComponent("cargo").path, "HOME": cache.url.path,
      ]
    ).resolve(packages, notices: &notices)
    let cachePath = cache.url.standardizedFileURL.path
    XCTAssertEqual(
      resolved.map { $0.evidence.map(\.summary).joined(separator: " | ") },
      [
        "\(site)/attrs-23.2.0.dist-info/METADATA:4 License-Expression: MIT",
        "\(site)/cryptography-42.0.5.dist-info/METADATA:4 Classifier: Apache-2.0 OR LicenseRef-BSD",
        "\(site)/Typing_Extensions-4.9.0.dist-info/METADATA:4: MIT (100% text match)",
        "shop/vendor/bundle/ruby/3.2.0/specifications/rack-3.0.9.gemspec:3 licenses: MIT OR Ruby",
        "\(cachePath)/gomod/github.com/!burnt!sushi/toml@v1.3.2/COPYING: MIT (100% text match)",
        "\(cachePath)/cargo/registry/src/index.crates.io-6f17d22bba15001f/itoa-1.0.10/Cargo.toml:4 license: MIT OR Apache-2.0",
        "tool/.build/checkouts/swift-log/LICENSE.txt: MIT (100% text match)",
        "",
      ])
    XCTAssertEqual(notices, [])
  }
}
