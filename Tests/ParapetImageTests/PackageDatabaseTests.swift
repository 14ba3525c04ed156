import Foundation
import ParapetCore
import ParapetDeps
import ParapetTestSupport
import XCTest

@testable import ParapetImage

/// The OS package databases and the distribution, as images keep them.
final class PackageDatabaseTests: XCTestCase {
  func testOSReleaseNamesTheOSVEcosystem() throws {
    let debian = try XCTUnwrap(
      OSRelease.parse(
        "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"))
    XCTAssertEqual(debian.ecosystem?.ecosystem, .debian)
    XCTAssertEqual(debian.ecosystem?.release, "12")
    XCTAssertEqual(debian.distroQualifier, "debian-12")
    let ubuntu = try XCTUnwrap(OSRelease.parse("ID=ubuntu\nVERSION_ID=\"22.04\"\n"))
    XCTAssertEqual(ubuntu.ecosystem?.release, "22.04")
    let alpine = try XCTUnwrap(OSRelease.parse("ID=alpine\nVERSION_ID=3.19.1\n"))
    XCTAssertEqual(alpine.ecosystem?.ecosystem, .alpine)
    XCTAssertEqual(alpine.ecosystem?.release, "v3.19")
    XCTAssertNil(OSRelease.parse("NAME=nothing\n"))
  }

  func testDpkgStanzasGivePackagesWithTheirSourcePackages() {
    let stanzas = KeyValueRecords.parse(
      "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nSource: zlib\nDescription: compression\n library\n\nPackage: gone\nStatus: deinstall ok config-files\nVersion: 1\n"
    )
    XCTAssertEqual(stanzas.count, 2)
    XCTAssertEqual(stanzas[0].line, 1)
    XCTAssertEqual(stanzas[1].line, 8)
    XCTAssertEqual(stanzas[0].fields["Source"], "zlib")
    XCTAssertEqual(stanzas[0].fields["Description"], "compression")
  }

  func testAPackageMatchesOnlyItsOwnRelease() {
    var package = Package(ecosystem: .debian, name: "zlib1g", version: "1", path: "p", line: 1)
    package.release = "12"
    XCTAssertTrue(package.isInEcosystem("Debian:12"))
    XCTAssertFalse(package.isInEcosystem("Debian:11"))
    XCTAssertFalse(package.isInEcosystem("Debian:120"))
    package.ecosystem = .ubuntu
    package.release = "22.04"
    XCTAssertTrue(package.isInEcosystem("Ubuntu:22.04:LTS"))
  }
}

extension PackageDatabaseTests {
  func testApkRecordsGivePackagesWithTheirOrigin() throws {
    let installed = """
      C:Q1abcd=
      P:libcrypto3
      V:3.1.4-r5
      A:x86_64
      L:Apache-2.0
      o:openssl
      F:usr/lib
      R:libcrypto.so.3

      P:busybox
      V:1.36.1-r15
      A:x86_64
      L:GPL-2.0-only
      o:busybox

      """
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("alpine.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"),
          .file("lib/apk/db/installed", installed),
        ]
      ]), tag: "alpine:3.19", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    let packages = image.installedPackages().flatMap(\.packages)
    XCTAssertEqual(
      packages.map { "\($0.purl) \($0.osvEcosystem) \($0.advisoryName) line \($0.line)" },
      [
        "pkg:apk/alpine/libcrypto3@3.1.4-r5?arch=x86_64&distro=alpine-3.19.1&upstream=openssl Alpine:v3.19 openssl line 1",
        "pkg:apk/alpine/busybox@1.36.1-r15?arch=x86_64&distro=alpine-3.19.1 Alpine:v3.19 busybox line 10",
      ])
    XCTAssertEqual(packages.map(\.declaredLicense), ["Apache-2.0", "GPL-2.0-only"])
    XCTAssertEqual(packages.map(\.layer), [image.layers[0].digest, image.layers[0].digest])
  }

  func testDebianCopyrightFilesGiveLicenses() throws {
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("debian.tar")
    let copyright = """
      Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
      Upstream-Name: zlib

      Files: *
      Copyright: 1995-2022 Jean-loup Gailly and Mark Adler
      License: Zlib

      Files: contrib/*
      License: public-domain

      License: Zlib
       This software is provided 'as-is', without any express or implied warranty.

      """
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
          .file(
            "var/lib/dpkg/status",
            "Package: zlib1g\nStatus: install ok installed\nVersion: 1:1.2.13.dfsg-1\nSource: zlib\n\nPackage: free\nStatus: install ok installed\nVersion: 1\n"
          ),
          .file("usr/share/doc/zlib1g/copyright", copyright),
          .file("usr/share/doc/free/copyright", "This is free software, written by hand.\n"),
        ]
      ]), tag: "debian:12", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    XCTAssertEqual(
      image.installedPackages().flatMap(\.packages).map(\.declaredLicense),
      ["Zlib AND public-domain", nil])
  }
}

extension PackageDatabaseTests {
  /// rpm's own entry for a trusted key, which is no software.
  static let rockyPackages =
    TestRpmDatabase.rocky + [
      TestRpmDatabase.Package(
        name: "gpg-pubkey", version: "350d275d", release: "6279464b", arch: nil,
        license: "pubkey", sourceRPM: nil)
    ]

  func testRpmDatabaseGivesPackagesWithEpochsAndSourceRPMs() throws {
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("rocky.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .file("etc/os-release", "ID=\"rocky\"\nVERSION_ID=\"9.3\"\n"),
          .bytes("var/lib/rpm/rpmdb.sqlite", try TestRpmDatabase.bytes(Self.rockyPackages)),
        ]
      ]), tag: "rockylinux:9", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    let lockfiles = image.installedPackages()
    XCTAssertEqual(lockfiles.map(\.path), ["var/lib/rpm/rpmdb.sqlite"])
    XCTAssertTrue(lockfiles[0].notices.isEmpty, "\(lockfiles[0].notices)")
    let packages = lockfiles.flatMap(\.packages)
    XCTAssertEqual(
      packages.map { "\($0.purl) \($0.osvEcosystem) \($0.version) line \($0.line)" },
      [
        "pkg:rpm/rocky/openssl-libs@3.0.7-24.el9?arch=x86_64&distro=rocky-9.3&epoch=1&upstream=openssl-3.0.7-24.el9.src.rpm Rocky Linux:9 1:3.0.7-24.el9 line 1",
        "pkg:rpm/rocky/bash@5.1.8-6.el9_1?arch=x86_64&distro=rocky-9.3&upstream=bash-5.1.8-6.el9_1.src.rpm Rocky Linux:9 5.1.8-6.el9_1 line 2",
      ])
    XCTAssertEqual(packages.map(\.declaredLicense), ["ASL 2.0", "GPLv3+"])
    XCTAssertEqual(packages.map(\.layer), [image.layers[0].digest, image.layers[0].digest])
  }

  func testRpmDistributionsMapToTheirAdvisoriesAndOthersToNone() throws {
    let rhel = try XCTUnwrap(OSRelease.parse("ID=\"rhel\"\nVERSION_ID=\"9.4\"\n"))
    XCTAssertEqual(RpmDatabase.audited(rhel)?.0, .redHat)
    XCTAssertEqual(RpmDatabase.audited(rhel)?.1, "enterprise_linux:9")
    var package = Package(ecosystem: .redHat, name: "bash", version: "1", path: "p", line: 1)
    package.release = "enterprise_linux:9"
    XCTAssertTrue(package.isInEcosystem("Red Hat:enterprise_linux:9::baseos"))
    XCTAssertFalse(package.isInEcosystem("Red Hat:enterprise_linux:8::baseos"))
    let alma = try XCTUnwrap(OSRelease.parse("ID=\"almalinux\"\nVERSION_ID=\"8.10\"\n"))
    XCTAssertEqual(RpmDatabase.audited(alma)?.1, "8")
    XCTAssertNil(RpmDatabase.audited(OSRelease.parse("ID=fedora\nVERSION_ID=40\n")))
  }

  func testADamagedRpmDatabaseIsANoticeNotAGuess() throws {
    let header = TestRpmDatabase.header(Self.rockyPackages[0])
    XCTAssertEqual(RpmHeader(header)?.fullVersion, "1:3.0.7-24.el9")
    XCTAssertNil(RpmHeader(Array(header.prefix(header.count - 3))), "truncated data")
    var pastTheData = header
    pastTheData[8 + 16 + 8] = 0x7F  // the name entry's offset, far beyond the data
    XCTAssertNil(RpmHeader(pastTheData))
    guard case .unreadable(let reason) = RpmDatabase.contents(of: Array("not sqlite".utf8)) else {
      return XCTFail("a file that is not SQLite was read")
    }
    XCTAssertTrue(reason.hasPrefix("not an rpm database (SQLite: "), reason)
    guard case .unreadable("the file is empty") = RpmDatabase.contents(of: []) else {
      return XCTFail("an empty file was read")
    }
  }

  /// What is not read is said: rpm's Berkeley DB database, a write-ahead log with pages still
  /// in it, and a distribution OSV has no advisories for.
  func testWhatTheRpmReaderCannotVouchForIsANotice() throws {
    let folder = try TemporaryRepository(git: false)
    func notices(_ layer: [TestImage.Entry]) throws -> [String] {
      let archive = folder.url.appendingPathComponent("rpm.tar")
      try TestImage.writeDockerArchive(TestImage.Image(layers: [layer]), tag: "rpm:1", to: archive)
      return try ContainerImage(path: archive.path, cancellation: Cancellation())
        .installedPackages().flatMap { $0.notices.map(\.message) }
    }
    XCTAssertEqual(
      try notices([
        .file("etc/os-release", "ID=\"centos\"\nVERSION_ID=\"7\"\n"),
        .bytes("var/lib/rpm/Packages", [0, 6, 0x15, 0x61] + Array(repeating: 0, count: 60)),
      ]),
      [
        "var/lib/rpm/Packages: rpm's Berkeley DB and NDB formats are not read; its packages are not listed"
      ])
    let database = try TestRpmDatabase.bytes(TestRpmDatabase.rocky)
    XCTAssertEqual(
      try notices([
        .file(
          "etc/os-release",
          "ID=fedora\nVERSION_ID=40\nPRETTY_NAME=\"Fedora Linux 40 (Container Image)\"\n"),
        .bytes("usr/lib/sysimage/rpm/rpmdb.sqlite", database),
        .bytes("usr/lib/sysimage/rpm/rpmdb.sqlite-wal", Array(repeating: 1, count: 4096)),
      ]),
      [
        "usr/lib/sysimage/rpm/rpmdb.sqlite-wal is not empty: what rpm wrote since its last checkpoint is not read, and packages may be missing",
        "Fedora Linux 40 (Container Image) has no OSV advisories Parapet reads: its rpm packages are listed, not audited",
      ])
  }
}
