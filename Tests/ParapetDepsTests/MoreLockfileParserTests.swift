import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetDeps

/// The remaining lockfile formats: Swift, NuGet, Gradle, Elixir, pnpm, Dart and Maven.
final class MoreLockfileParserTests: XCTestCase {
  private func parse(_ name: String, _ text: String, beside: [String: String] = [:]) throws
    -> Lockfile
  {
    try LockfileFixture.parse(name, text, beside: beside)
  }

  private func summary(_ lockfile: Lockfile) -> [String] { LockfileFixture.summary(lockfile) }

  func testPackageResolvedV1AndV2() throws {
    let v2 = try parse(
      "Package.resolved",
      """
      {
        "pins" : [
          {
            "identity" : "swift-argument-parser",
            "kind" : "remoteSourceControl",
            "location" : "https://github.com/apple/swift-argument-parser",
            "state" : { "revision" : "41982a3", "version" : "1.2.0" }
          },
          {
            "identity" : "fork",
            "location" : "https://github.com/someone/fork.git",
            "state" : { "branch" : "main", "revision" : "abc" }
          }
        ],
        "version" : 2
      }
      """)
    XCTAssertEqual(summary(v2), ["github.com/apple/swift-argument-parser@1.2.0 line 6 prod"])
    XCTAssertEqual(v2.notices.map(\.line), [11])
    XCTAssertEqual(
      v2.packages.first?.purl, "pkg:swift/github.com/apple/swift-argument-parser@1.2.0")
    let v1 = try parse(
      "Package.resolved",
      """
      { "object": { "pins": [ { "package": "Yams", "repositoryURL": "https://github.com/jpsim/Yams.git",
        "state": { "branch": null, "revision": "01835dc", "version": "4.0.6" } } ] }, "version": 1 }
      """)
    XCTAssertEqual(summary(v1), ["github.com/jpsim/Yams@4.0.6 line 1 prod"])
  }

  func testNuGetPackagesLock() throws {
    let lock = try parse(
      "packages.lock.json",
      """
      {
        "version": 1,
        "dependencies": {
          "net6.0": {
            "Newtonsoft.Json": { "type": "Direct", "requested": "[13.0.1, )", "resolved": "13.0.1", "contentHash": "ppP" },
            "System.Text.Json": { "type": "Transitive", "resolved": "6.0.0",
              "dependencies": { "Newtonsoft.Json": "13.0.1" } }
          }
        }
      }
      """)
    XCTAssertEqual(
      summary(lock),
      [
        "Newtonsoft.Json@13.0.1 line 5 direct prod",
        "System.Text.Json@6.0.0 line 6 prod -> Newtonsoft.Json@13.0.1",
      ])
  }

  func testGradleLockfile() throws {
    let lock = try parse(
      "gradle.lockfile",
      """
      # This is a Gradle generated file for dependency locking.
      com.fasterxml.jackson.core:jackson-databind:2.13.0=compileClasspath,runtimeClasspath
      junit:junit:4.13.2=testCompileClasspath,testRuntimeClasspath
      empty=annotationProcessor
      """)
    XCTAssertEqual(
      summary(lock),
      [
        "com.fasterxml.jackson.core:jackson-databind@2.13.0 line 2 prod",
        "junit:junit@4.13.2 line 3 dev",
      ])
    XCTAssertEqual(
      lock.packages.first?.purl, "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.13.0")
  }

  func testMixLock() throws {
    let lock = try parse(
      "mix.lock",
      """
      %{
        "plug": {:hex, :plug, "1.14.0", "ba4f558468f69cbd9f6b356d25443d0b796fbdc887e03fa89001384a9cac638f", [:mix], [{:mime, "~> 1.0 or ~> 2.0", [hex: :mime, repo: "hexpm", optional: false]}], "hexpm", "bf8ed6ce"},
        "mime": {:hex, :mime, "2.0.3", "3676436d3d1f7b81b5a2d2bd8405f412c677558c81b1c92be58c00562bb59095", [:mix], [], "hexpm", "27a30bf0"},
        "dep_from_git": {:git, "https://github.com/x/y.git", "0123", []},
      }
      """)
    XCTAssertEqual(
      summary(lock), ["mime@2.0.3 line 3 prod", "plug@1.14.0 line 2 prod -> mime@2.0.3"])
  }

  func testPNPMv6AndV9() throws {
    let v6 = try parse(
      "pnpm-lock.yaml",
      """
      lockfileVersion: '6.0'
      dependencies:
        express:
          specifier: ^4.17.0
          version: 4.17.1
      devDependencies:
        typescript:
          specifier: ^5.0.0
          version: 5.0.4
      packages:
        /express@4.17.1:
          resolution: {integrity: sha512-abc}
          dependencies:
            qs: 6.7.0
          dev: false
        /qs@6.7.0:
          resolution: {integrity: sha512-def}
          dev: false
        /typescript@5.0.4:
          resolution: {integrity: sha512-ghi}
          dev: true
      """)
    XCTAssertEqual(
      summary(v6),
      [
        "express@4.17.1 line 11 direct prod -> qs@6.7.0", "qs@6.7.0 line 16 prod",
        "typescript@5.0.4 line 19 direct dev",
      ])
    let v9 = try parse(
      "pnpm-lock.yaml",
      """
      lockfileVersion: '9.0'
      importers:
        .:
          dependencies:
            '@babel/core':
              specifier: ^7.0.0
              version: 7.22.0
      packages:
        '@babel/core@7.22.0':
          resolution: {integrity: sha512-x}
        debug@4.3.4:
          resolution: {integrity: sha512-y}
      snapshots:
        '@babel/core@7.22.0':
          dependencies:
            debug: 4.3.4
        debug@4.3.4: {}
      """)
    XCTAssertEqual(
      summary(v9),
      ["@babel/core@7.22.0 line 9 direct prod -> debug@4.3.4", "debug@4.3.4 line 11 prod"])
  }

  func testPubspecLock() throws {
    let lock = try parse(
      "pubspec.lock",
      """
      packages:
        http:
          dependency: "direct main"
          description:
            name: http
            sha256: "759d1a32"
            url: "https://pub.dev"
          source: hosted
          version: "0.13.5"
        test:
          dependency: "direct dev"
          source: hosted
          version: "1.21.0"
        flutter:
          dependency: "direct main"
          source: sdk
          version: "0.0.0"
      sdks:
        dart: ">=2.18.0 <3.0.0"
      """)
    XCTAssertEqual(
      summary(lock), ["http@0.13.5 line 2 direct prod", "test@1.21.0 line 10 direct dev"])
  }

  func testMavenPOMWithPropertiesManagementAndParent() throws {
    let parent = """
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <groupId>org.example</groupId>
        <artifactId>parent</artifactId>
        <version>1.0.0</version>
        <properties><jackson.version>2.13.0</jackson.version></properties>
        <dependencyManagement><dependencies>
          <dependency><groupId>org.yaml</groupId><artifactId>snakeyaml</artifactId><version>1.30</version></dependency>
        </dependencies></dependencyManagement>
      </project>
      """
    let lock = try parse(
      "app/pom.xml",
      """
      <?xml version="1.0" encoding="UTF-8"?>
      <project xmlns="http://maven.apache.org/POM/4.0.0">
        <parent><groupId>org.example</groupId><artifactId>parent</artifactId><version>1.0.0</version></parent>
        <artifactId>app</artifactId>
        <dependencies>
          <dependency>
            <groupId>com.fasterxml.jackson.core</groupId>
            <artifactId>jackson-databind</artifactId>
            <version>${jackson.version}</version>
          </dependency>
          <dependency><groupId>org.yaml</groupId><artifactId>snakeyaml</artifactId></dependency>
          <dependency><groupId>junit</groupId><artifactId>junit</artifactId><version>4.13.2</version><scope>test</scope></dependency>
          <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>[1.7,2.0)</version></dependency>
        </dependencies>
      </project>
      """, beside: ["pom.xml": parent])
    XCTAssertEqual(
      summary(lock),
      [
        "com.fasterxml.jackson.core:jackson-databind@2.13.0 line 6 direct prod",
        "junit:junit@4.13.2 line 12 direct dev",
        "org.yaml:snakeyaml@1.30 line 11 direct prod",
      ])
    XCTAssertEqual(lock.notices.map(\.line), [13])
    XCTAssertThrowsError(try parse("pom.xml", "<project><unclosed></project>"))
  }
}
