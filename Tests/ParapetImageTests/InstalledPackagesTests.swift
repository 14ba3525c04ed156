import Foundation
import ParapetCore
import ParapetDeps
import ParapetTestSupport
import XCTest
import ZIPFoundation

@testable import ParapetImage

/// Python and npm packages installed in an image outside any lockfile.
final class InstalledPackagesTests: XCTestCase {
  func testPythonDistributionsAndNodeModulesAreRead() throws {
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("app.tar")
    let site = "usr/local/lib/python3.12/site-packages"
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .file(
            "\(site)/requests-2.25.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: requests\nVersion: 2.25.0\nLicense: Apache 2.0\n\nName: not-this\n"
          ),
          .file(
            "\(site)/six-1.16.0.egg-info", "Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\n"),
          .file(
            "\(site)/attrs-22.2.0.egg-info/PKG-INFO",
            "Name: attrs\nVersion: 22.2.0\nLicense: UNKNOWN\n"),
          .file("\(site)/requests/__init__.py", "Name: fake\nVersion: 0\n"),
          .file(
            "app/node_modules/express/package.json",
            #"{"name": "express", "version": "4.17.1", "license": "MIT"}"#),
          .file(
            "app/node_modules/@types/node/package.json",
            #"{"name": "@types/node", "version": "18.11.9", "license": {"type": "MIT"}}"#),
          .file("app/node_modules/express/lib/package.json", #"{"name": "inner", "version": "1"}"#),
        ]
      ]), tag: "app:1", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    let packages = image.installedPackages().flatMap(\.packages)
    XCTAssertEqual(
      packages.map { "\($0.purl) \($0.path) \($0.declaredLicense ?? "-")" },
      [
        "pkg:npm/%40types/node@18.11.9 app/node_modules/@types/node/package.json MIT",
        "pkg:npm/express@4.17.1 app/node_modules/express/package.json MIT",
        "pkg:pypi/attrs@22.2.0 \(site)/attrs-22.2.0.egg-info/PKG-INFO -",
        "pkg:pypi/requests@2.25.0 \(site)/requests-2.25.0.dist-info/METADATA Apache 2.0",
        "pkg:pypi/six@1.16.0 \(site)/six-1.16.0.egg-info -",
      ])
  }
}

extension InstalledPackagesTests {
  /// A Go 1.18+ executable's build information, as the linker lays it out: the header with its
  /// magic, pointer size and flags, then the toolchain version and the module list as
  /// varint-prefixed strings, the list framed by 16-byte sentinels.
  private static func goBinary(modules: String) -> [UInt8] {
    func field(_ bytes: [UInt8]) -> [UInt8] {
      var length = bytes.count
      var varint: [UInt8] = []
      repeat {
        varint.append(UInt8(length & 0x7f) | (length >= 0x80 ? 0x80 : 0))
        length >>= 7
      } while length > 0
      return varint + bytes
    }
    // Not UTF-8, as the linker's sentinels are not.
    let sentinel: [UInt8] =
      [0xaf, 0x0c, 0x92, 0xe1, 0xc1, 0x07, 0xe6, 0xd6] + [
        0x18, 0xe6, 0xf9, 0x32, 0x43, 0x31, 0x86, 0x18,
      ]
    var header: [UInt8] = [0xff] + Array(" Go buildinf:".utf8) + [8, 2]
    header += [UInt8](repeating: 0, count: 32 - header.count)
    return [0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0] + [UInt8](repeating: 0, count: 4096) + header
      + field(Array("go1.21.5".utf8)) + field(sentinel + Array(modules.utf8) + sentinel)
      + [UInt8](repeating: 0, count: 512)
  }

  func testGoExecutablesGiveTheirModulesAndToolchain() throws {
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("go.tar")
    let modules = """
      path\texample.com/app/cmd/app
      mod\texample.com/app\t(devel)\t
      dep\tgolang.org/x/net\tv0.17.0\th1:abc=
      dep\tgithub.com/old/lib\tv1.0.0\th1:def=
      =>\tgithub.com/new/lib\tv1.2.0\th1:ghi=
      dep\texample.com/local\tv0.0.0
      =>\t../local\t\t
      build\t-compiler=gc

      """
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .bytes("usr/local/bin/app", Self.goBinary(modules: modules), mode: 0o755),
          .bytes("usr/share/data.bin", Self.goBinary(modules: modules), mode: 0o644),
        ]
      ]), tag: "go:1", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    XCTAssertEqual(
      image.installedPackages().flatMap(\.packages).map { "\($0.purl) \($0.path)" },
      [
        "pkg:golang/stdlib@1.21.5 usr/local/bin/app",
        "pkg:golang/golang.org/x/net@v0.17.0 usr/local/bin/app",
        "pkg:golang/github.com/new/lib@v1.2.0 usr/local/bin/app",
      ], "an executable's modules; a data file is not run, and a local replacement has no version")
  }
}

extension InstalledPackagesTests {
  /// A zip archive of files, written in memory.
  private static func zip(_ files: [(String, Data)]) throws -> Data {
    let archive = try Archive(accessMode: .create)
    for (path, data) in files {
      try archive.addEntry(
        with: path, type: .file, uncompressedSize: Int64(data.count),
        modificationDate: Date(timeIntervalSince1970: 0), compressionMethod: .deflate
      ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
    }
    return try XCTUnwrap(archive.data)
  }

  private static func pom(_ group: String, _ artifact: String, _ version: String) -> Data {
    Data("#Generated by Maven\ngroupId=\(group)\nartifactId=\(artifact)\nversion=\(version)\n".utf8)
  }

  func testJavaArchivesGiveTheirArtifactsAndTheirNestedJars() throws {
    let log4j = try Self.zip([
      (
        "META-INF/maven/org.apache.logging.log4j/log4j-core/pom.properties",
        Self.pom("org.apache.logging.log4j", "log4j-core", "2.14.1")
      )
    ])
    let app = try Self.zip([
      ("META-INF/MANIFEST.MF", Data("Manifest-Version: 1.0\n".utf8)),
      ("META-INF/maven/com.example/app/pom.properties", Self.pom("com.example", "app", "1.0.0")),
      ("BOOT-INF/lib/log4j-core-2.14.1.jar", log4j),
    ])
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("java.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .bytes("app/app.jar", Array(app)),
          .bytes("app/notes.jar", Array("not a zip".utf8)),
        ]
      ]), tag: "java:1", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    XCTAssertEqual(
      image.installedPackages().flatMap(\.packages).map { "\($0.purl) \($0.path)" },
      [
        "pkg:maven/com.example/app@1.0.0 app/app.jar",
        "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1 app/app.jar",
      ])
  }

  /// Maven's archiver writes the group and version into the manifest; the artifact is the file
  /// name's, only when the name ends in that version.
  func testAJarWithoutPomPropertiesIsNamedByItsManifestWhenNothingIsGuessed() throws {
    let manifest = Data(
      """
      Manifest-Version: 1.0\r
      Created-By: Apache Maven 3.6.3\r
      Implementation-Title: Apache Commons Text\r
      Implementation-Vendor-Id: org.apache.common\r
       s\r
      Implementation-Version: 1.9\r
      \r
      Name: org/apache/commons/text/\r
      Implementation-Version: 0.0\r
      \r

      """.utf8)
    let text = try Self.zip([("META-INF/MANIFEST.MF", manifest)])
    let war = try Self.zip([
      ("WEB-INF/lib/commons-text-1.9.jar", text), ("WEB-INF/lib/text.jar", text),
    ])
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("java.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .bytes("opt/commons-text-1.9.jar", Array(text)),
          .bytes("opt/commons-text-2.0.jar", Array(text)),
          .bytes("srv/app.war", Array(war)),
        ]
      ]), tag: "java:1", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    XCTAssertEqual(
      image.installedPackages().flatMap(\.packages).map { "\($0.purl) \($0.path)" },
      [
        "pkg:maven/org.apache.commons/commons-text@1.9 opt/commons-text-1.9.jar",
        "pkg:maven/org.apache.commons/commons-text@1.9 srv/app.war",
      ], "a name that does not end in the manifest's version names nothing")
  }

  func testRustExecutablesGiveTheCratesCargoAuditableRecorded() throws {
    guard
      let binary = try TestRustBinary.bytes([
        TestRustBinary.Crate("app", "0.1.0", source: "local"),
        TestRustBinary.Crate("smallvec", "1.6.0"),
        TestRustBinary.Crate("cc", "1.0.83", kind: "build"),
        TestRustBinary.Crate("rustls", "0.21.9"),
      ])
    else { throw XCTSkip("objcopy is not installed") }
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("rust.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .bytes("usr/local/bin/app", binary, mode: 0o755),
          .bytes("usr/share/app/copy", binary),
          .bytes("usr/local/bin/damaged", Array(binary.prefix(200)), mode: 0o755),
        ]
      ]), tag: "rust:1", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    XCTAssertEqual(
      image.installedPackages().flatMap(\.packages).map { "\($0.purl) \($0.path)" },
      ["pkg:cargo/smallvec@1.6.0 usr/local/bin/app", "pkg:cargo/rustls@0.21.9 usr/local/bin/app"],
      "runtime crates from crates.io; a data file is not run; a truncated ELF file lists nothing")
  }
}
