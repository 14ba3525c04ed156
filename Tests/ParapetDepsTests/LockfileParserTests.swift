import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetDeps

/// Each lockfile format on a small realistic file: names, versions, lines, direct flags, scopes
/// and edges.
final class LockfileParserTests: XCTestCase {
  private func parse(_ name: String, _ text: String, beside: [String: String] = [:]) throws
    -> Lockfile
  {
    try LockfileFixture.parse(name, text, beside: beside)
  }

  private func summary(_ lockfile: Lockfile) -> [String] { LockfileFixture.summary(lockfile) }

  func testPackageLockV3() throws {
    let lock = try parse(
      "package-lock.json",
      """
      {
        "name": "app",
        "lockfileVersion": 3,
        "packages": {
          "": { "name": "app", "dependencies": { "express": "^4.17.0" }, "devDependencies": { "jest": "^29.0.0" } },
          "node_modules/express": {
            "version": "4.17.1",
            "integrity": "sha512-abc",
            "dependencies": { "qs": "6.7.0" }
          },
          "node_modules/qs": { "version": "6.7.0" },
          "node_modules/jest": { "version": "29.0.0", "dev": true },
          "node_modules/jest/node_modules/qs": { "version": "6.11.0", "dev": true }
        }
      }
      """)
    XCTAssertEqual(lock.kind, "package-lock.json v3")
    XCTAssertEqual(
      summary(lock),
      [
        "express@4.17.1 line 6 direct prod -> qs@6.7.0", "jest@29.0.0 line 12 direct dev",
        "qs@6.11.0 line 13 dev",
        "qs@6.7.0 line 11 prod",
      ])
    XCTAssertEqual(lock.packages.first { $0.name == "express" }?.purl, "pkg:npm/express@4.17.1")
  }

  func testPackageLockV1Nested() throws {
    let lock = try parse(
      "package-lock.json",
      """
      {
        "lockfileVersion": 1,
        "dependencies": {
          "@babel/core": { "version": "7.0.0", "requires": { "debug": "^4.1.0" },
            "dependencies": { "debug": { "version": "4.1.0" } } },
          "left-pad": { "version": "1.3.0", "dev": true }
        }
      }
      """)
    XCTAssertEqual(
      summary(lock),
      [
        "@babel/core@7.0.0 line 4 direct prod -> debug@4.1.0", "debug@4.1.0 line 5 prod",
        "left-pad@1.3.0 line 6 direct dev",
      ])
    XCTAssertEqual(
      lock.packages.first { $0.name == "@babel/core" }?.purl, "pkg:npm/%40babel/core@7.0.0")
  }

  func testYarnClassicAndBerry() throws {
    let manifest = [
      "package.json":
        #"{"dependencies": {"lodash": "^4.17.0"}, "devDependencies": {"@types/node": "^18.0.0"}}"#
    ]
    let classic = try parse(
      "yarn.lock",
      """
      # yarn lockfile v1


      "@types/node@^18.0.0":
        version "18.11.9"
        resolved "https://registry.yarnpkg.com/@types/node/-/node-18.11.9.tgz"
        integrity sha512-x

      lodash@^4.17.0, lodash@^4.17.21:
        version "4.17.21"
        dependencies:
          "@types/node" "^18.0.0"
      """, beside: manifest)
    XCTAssertEqual(
      summary(classic),
      [
        "@types/node@18.11.9 line 4 direct dev",
        "lodash@4.17.21 line 9 direct prod -> @types/node@18.11.9",
      ])
    let berry = try parse(
      "yarn.lock",
      """
      __metadata:
        version: 6

      "app@workspace:.":
        version: 0.0.0-use.local
        resolution: "app@workspace:."
        linkType: soft

      "lodash@npm:^4.17.0":
        version: 4.17.20
        resolution: "lodash@npm:4.17.20"
        checksum: abc
      """, beside: manifest)
    XCTAssertEqual(berry.kind, "yarn.lock (Berry)")
    XCTAssertEqual(summary(berry), ["lodash@4.17.20 line 9 direct prod"])
  }

  func testRequirementsWithIncludesHashesMarkersAndUnpinned() throws {
    let lock = try parse(
      "requirements.txt",
      """
      # production
      -r requirements-base.txt
      Django==3.2.0 \\
          --hash=sha256:0123
      PyYAML[extra]==5.3 ; python_version >= "3.6"
      flask>=1.0
      -e git+https://example.org/x.git#egg=x
      """, beside: ["requirements-base.txt": "requests===2.25.0\n"])
    XCTAssertEqual(
      summary(lock),
      [
        "Django@3.2.0 line 3 direct prod", "PyYAML@5.3 line 5 direct prod",
        "requests@2.25.0 line 1 direct prod",
      ])
    XCTAssertEqual(lock.packages.first { $0.name == "Django" }?.integrity, "sha256:0123")
    XCTAssertEqual(lock.notices.map(\.line), [6])
    XCTAssertEqual(lock.packages.first { $0.name == "PyYAML" }?.purl, "pkg:pypi/pyyaml@5.3")
  }

  func testPoetryAndPyProject() throws {
    let lock = try parse(
      "poetry.lock",
      """
      [[package]]
      name = "requests"
      version = "2.25.0"
      optional = false
      groups = ["main"]

      [package.dependencies]
      urllib3 = ">=1.21.1,<1.27"

      [[package]]
      name = "urllib3"
      version = "1.26.4"
      category = "main"

      [[package]]
      name = "pytest"
      version = "7.0.0"
      groups = ["dev"]
      """,
      beside: [
        "pyproject.toml": "[tool.poetry.dependencies]\npython = \"^3.9\"\nrequests = \"^2.25\"\n"
      ])
    XCTAssertEqual(
      summary(lock),
      [
        "pytest@7.0.0 line 15 dev", "requests@2.25.0 line 1 direct prod -> urllib3@1.26.4",
        "urllib3@1.26.4 line 10 prod",
      ])
  }

  func testUVLock() throws {
    let lock = try parse(
      "uv.lock",
      """
      version = 1

      [[package]]
      name = "app"
      version = "0.1.0"
      source = { editable = "." }
      dependencies = [{ name = "jinja2" }]

      [[package]]
      name = "jinja2"
      version = "2.10"
      source = { registry = "https://pypi.org/simple" }
      """, beside: ["pyproject.toml": "[project]\nname = \"app\"\ndependencies = [\"Jinja2>=2\"]\n"]
    )
    XCTAssertEqual(summary(lock), ["jinja2@2.10 line 9 direct prod"])
  }

  func testPipfileLock() throws {
    let lock = try parse(
      "Pipfile.lock",
      """
      {
        "_meta": {},
        "default": {
          "requests": { "version": "==2.25.0", "hashes": ["sha256:aa"] }
        },
        "develop": {
          "pytest": { "version": "==7.0.0" }
        }
      }
      """)
    XCTAssertEqual(summary(lock), ["pytest@7.0.0 line 7 dev", "requests@2.25.0 line 4 prod"])
  }

  func testCargoLock() throws {
    let lock = try parse(
      "Cargo.lock",
      """
      version = 3

      [[package]]
      name = "app"
      version = "0.1.0"
      dependencies = ["smallvec"]

      [[package]]
      name = "smallvec"
      version = "1.6.0"
      source = "registry+https://github.com/rust-lang/crates.io-index"
      checksum = "fe0f"
      dependencies = ["serde 1.0.100"]

      [[package]]
      name = "serde"
      version = "1.0.100"
      source = "registry+https://github.com/rust-lang/crates.io-index"
      """)
    XCTAssertEqual(
      summary(lock),
      ["serde@1.0.100 line 15 prod", "smallvec@1.6.0 line 8 direct prod -> serde@1.0.100"])
    XCTAssertEqual(lock.packages.first { $0.name == "smallvec" }?.integrity, "sha256:fe0f")
  }

  func testGoMod() throws {
    let lock = try parse(
      "go.mod",
      """
      module example.org/app

      go 1.21

      require (
      \tgolang.org/x/text v0.3.7
      \tgithub.com/pkg/errors v0.9.1 // indirect
      )

      require golang.org/x/net v0.7.0

      replace golang.org/x/net => golang.org/x/net v0.17.0
      """,
      beside: [
        "go.sum": "golang.org/x/text v0.3.7 h1:abc=\ngolang.org/x/text v0.3.7/go.mod h1:def=\n"
      ])
    XCTAssertEqual(
      summary(lock),
      [
        "github.com/pkg/errors@v0.9.1 line 7 prod", "golang.org/x/net@v0.17.0 line 10 direct prod",
        "golang.org/x/text@v0.3.7 line 6 direct prod",
      ])
    XCTAssertEqual(lock.packages.first { $0.name == "golang.org/x/text" }?.integrity, "h1:abc=")
    XCTAssertEqual(
      lock.packages.first { $0.name == "golang.org/x/text" }?.purl,
      "pkg:golang/golang.org/x/text@v0.3.7")
  }

  func testGemfileLock() throws {
    let lock = try parse(
      "Gemfile.lock",
      """
      GEM
        remote: https://rubygems.org/
        specs:
          nokogiri (1.12.5-x86_64-linux)
            racc (~> 1.4)
          racc (1.6.0)

      PLATFORMS
        x86_64-linux

      DEPENDENCIES
        nokogiri (~> 1.12)
      """)
    XCTAssertEqual(
      summary(lock), ["nokogiri@1.12.5 line 4 direct prod -> racc@1.6.0", "racc@1.6.0 line 6 prod"])
  }

  func testComposerLock() throws {
    let lock = try parse(
      "composer.lock",
      """
      {
        "packages": [
          { "name": "guzzlehttp/guzzle", "version": "7.4.0", "require": { "guzzlehttp/psr7": "^1.8" },
            "dist": { "shasum": "abc" } },
          { "name": "guzzlehttp/psr7", "version": "1.8.2" }
        ],
        "packages-dev": [
          { "name": "phpunit/phpunit", "version": "9.5.0" }
        ]
      }
      """, beside: ["composer.json": #"{"require": {"guzzlehttp/guzzle": "^7.0"}}"#])
    XCTAssertEqual(
      summary(lock),
      [
        "guzzlehttp/guzzle@7.4.0 line 3 direct prod -> guzzlehttp/psr7@1.8.2",
        "guzzlehttp/psr7@1.8.2 line 5 prod",
        "phpunit/phpunit@9.5.0 line 8 dev",
      ])
  }

  func testMalformedLockfilesNameTheLine() throws {
    XCTAssertThrowsError(try parse("package-lock.json", "{ \"lockfileVersion\": 3, ")) { error in
      XCTAssertEqual("\(error)", "package-lock.json:1:1: not valid JSON")
    }
    XCTAssertThrowsError(try parse("Cargo.lock", "[[package]]\nname = \"x\"\nversion = \n")) {
      error in
      XCTAssertTrue("\(error)".hasPrefix("Cargo.lock:3:"), "\(error)")
    }
    // Found by fuzzing: an empty dependency reference once trapped on its first word.
    let emptyDependency = """
      version = 3

      [[package]]
      name = "engine"
      version = "0.1.0"
      dependencies = [
       "serde",
       "",
      ]

      """
    XCTAssertThrowsError(try parse("Cargo.lock", emptyDependency)) { error in
      XCTAssertEqual("\(error)", "Cargo.lock:6:1: a dependency is empty")
    }
    XCTAssertThrowsError(try parse("yarn.lock", "lodash@^4:\n  version \"4\"\nbroken line\n")) {
      error in
      XCTAssertEqual("\(error)", "yarn.lock:3:1: expected an entry header ending in ':'")
    }
  }
}
