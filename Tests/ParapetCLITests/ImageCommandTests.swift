import Foundation
import ParapetTestSupport
import XCTest

/// `parapet image` through the binary, on images written as `docker save` and the OCI layout
/// write them, with dpkg stanzas taken from this machine's own database.
final class ImageCommandTests: XCTestCase {
  private var folder: TemporaryRepository!

  override func setUpWithError() throws {
    folder = try TemporaryRepository(git: false)
  }

  /// This machine's dpkg stanza of zlib1g (every Debian with git has it), and its version.
  private func zlibStanza() throws -> (stanza: String, version: String) {
    let status = try String(contentsOfFile: "/var/lib/dpkg/status", encoding: .utf8)
    let stanza = try XCTUnwrap(
      status.components(separatedBy: "\n\n").first { $0.hasPrefix("Package: zlib1g\n") })
    let version = try XCTUnwrap(
      stanza.split(separator: "\n").first { $0.hasPrefix("Version: ") }?.dropFirst(9))
    return (stanza + "\n", String(version))
  }

  /// This machine's machine-readable copyright file of zlib1g (`License: Zlib`).
  private func zlibCopyright() throws -> String {
    try String(contentsOfFile: "/usr/share/doc/zlib1g/copyright", encoding: .utf8)
  }

  /// An image with a Debian 12 base, an app layer holding AWS credentials that a third layer
  /// deletes, a setuid helper, and a password in its environment.
  private func image(compression: TestImage.Compression = .none) throws -> TestImage.Image {
    let (stanza, _) = try zlibStanza()
    return TestImage.Image(
      layers: [
        [
          .file(
            "etc/os-release",
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n"),
          .file("var/lib/dpkg/status", stanza),
          .file("usr/share/doc/zlib1g/copyright", try zlibCopyright()),
        ],
        [
          .file(
            "app/credentials",
            "[default]\naws_access_key_id = AKIAQYLPMN5HHHFPZAM2\n"),
          .file("usr/bin/helper", "#!/bin/sh\n", mode: 0o4755),
        ],
        [.file("app/.wh.credentials", "")],
      ],
      env: ["PATH=/usr/bin", "DB_PASSWORD=hunter2-prod-Xy91"], compression: compression)
  }

  /// An OSV database with one Debian 12 advisory of zlib, fixed just above the installed
  /// version.
  private func database(fixedAbove version: String) throws -> URL {
    let record = """
      {"schema_version": "1.6.0", "id": "DEBIAN-CVE-2099-0001", "modified": "\(Self.today)T00:00:00Z",
       "summary": "zlib: test advisory",
       "affected": [
         {"package": {"ecosystem": "Debian:12", "name": "zlib"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "\(version)+parapet1"}]}]},
         {"package": {"ecosystem": "Debian:11", "name": "zlib"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}],
       "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}]}
      """
    try folder.write("db/Debian/DEBIAN-CVE-2099-0001.json", record)
    return folder.url.appendingPathComponent("db")
  }

  private static var today: String {
    String(ISO8601DateFormatter().string(from: Date()).prefix(10))
  }

  func testEveryJobOnADockerArchiveReportsWhatTheImageHolds() throws {
    let (_, version) = try zlibStanza()
    let archive = folder.url.appendingPathComponent("app.tar")
    try TestImage.writeDockerArchive(try image(), tag: "registry.example/app:1", to: archive)
    let db = try database(fixedAbove: version)
    let result = try Command.parapet(
      ["image", archive.path, "--db", db.path, "--json", "report.json", "--sbom", "sbom.json"],
      in: folder.url)
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = result.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(
      Array(lines.prefix(8)),
      [
        "app/credentials:2:21: high aws-access-key-id: AWS access key ID 'AKIA…' (in a layer's file that a later layer deletes or replaces)",
        "(image-config):2:17: info generic-password: Password assigned to a variable 'hunt…'",
        "var/lib/dpkg/status:1:1: critical zlib1g \(version) → \(version)+parapet1 fixes 1",
        "    critical DEBIAN-CVE-2099-0001: zlib: test advisory; fixed in \(version)+parapet1",
        "(image-config):1:1: high IMG-ENV-001: Env 'DB_PASSWORD' holds a credential in the image's configuration",
        "(image-config):1:1: high IMG-USER-001: the image sets no User: the container runs as root",
        "usr/bin/helper:1:1: low IMG-SUID-001: 'usr/bin/helper' is setuid (mode 04755)",
        "(image-config):1:1: info IMG-HEALTH-001: the image defines no HEALTHCHECK",
      ], result.stdout)
    XCTAssertFalse(result.stdout.contains("hunter2-prod"), "the password is never shown")
    let jobs = try JSONReport.jobs(folder.url.appendingPathComponent("report.json"))
    XCTAssertEqual(jobs.map { $0["job"] as? String }, ["secrets", "deps", "licenses", "image"])
    XCTAssertEqual(
      jobs.map { $0["status"] as? String }, ["complete", "complete", "complete", "complete"])
    let sbom = folder.url.appendingPathComponent("sbom.json")
    XCTAssertNil(try SchemaValidator.cycloneDXErrors(sbom))
    let text = try String(contentsOf: sbom, encoding: .utf8)
    let encoded = version.replacingOccurrences(of: ":", with: "%3A")
    XCTAssertTrue(
      text.contains("pkg:deb/debian/zlib1g@\(encoded)?arch=amd64&distro=debian-12&upstream=zlib"),
      text)
  }

  func testAlpinePackagesAreCheckedOnTheirOriginAgainstTheirBranch() throws {
    let archive = folder.url.appendingPathComponent("alpine.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(
        layers: [
          [
            .file("etc/os-release", "ID=alpine\nVERSION_ID=3.19.1\n"),
            .file(
              "lib/apk/db/installed",
              "P:libcrypto3\nV:3.1.4-r5\nA:x86_64\nL:Apache-2.0\no:openssl\n\nP:musl\nV:1.2.4_git20230717-r4\nA:x86_64\nL:MIT\no:musl\n"
            ),
          ]
        ], user: "65534", healthcheck: ["CMD", "true"]), tag: "alpine:1", to: archive)
    try folder.write(
      "db/Alpine/ALPINE-CVE-2099-0002.json",
      """
      {"id": "ALPINE-CVE-2099-0002", "modified": "\(Self.today)T00:00:00Z", "summary": "openssl: test advisory",
       "affected": [
         {"package": {"ecosystem": "Alpine:v3.19", "name": "openssl"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.1.4-r6"}]}]},
         {"package": {"ecosystem": "Alpine:v3.18", "name": "openssl"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.1.4-r9"}]}]}]}
      """)
    let result = try Command.parapet(
      ["image", archive.path, "--db", "db", "--skip", "secrets"], in: folder.url)
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      result.stdout.components(separatedBy: "\n\n")[0],
      """
      lib/apk/db/installed:1:1: medium libcrypto3 3.1.4-r5 → 3.1.4-r6 fixes 1
          medium ALPINE-CVE-2099-0002: openssl: test advisory; fixed in 3.1.4-r6
      """)
  }

  func testRpmPackagesAreCheckedAgainstTheirReleaseWithRpmOrdering() throws {
    let archive = folder.url.appendingPathComponent("rocky.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(
        layers: [
          [
            .file("etc/os-release", "NAME=\"Rocky Linux\"\nID=\"rocky\"\nVERSION_ID=\"9.3\"\n"),
            .folder("usr/lib/sysimage/rpm"),
            .bytes(
              "usr/lib/sysimage/rpm/rpmdb.sqlite", try TestRpmDatabase.bytes(TestRpmDatabase.rocky)),
            .symlink("var/lib/rpm", to: "../../usr/lib/sysimage/rpm"),
          ]
        ], user: "65534", healthcheck: ["CMD", "true"]), tag: "rocky:9", to: archive)
    // Fixed in 3.0.7-27 (epoch 1): the installed 1:3.0.7-24 is older, although "24" and "27"
    // are compared as numbers after the epoch; bash's fix, 5.1.8-6.el9_1, is what it has.
    try folder.write(
      "db/Rocky Linux/RLSA-2099-0003.json",
      """
      {"id": "RLSA-2099:0003", "modified": "\(Self.today)T00:00:00Z", "summary": "openssl: test advisory",
       "affected": [
         {"package": {"ecosystem": "Rocky Linux:9", "name": "openssl-libs"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:3.0.7-27.el9"}]}]},
         {"package": {"ecosystem": "Rocky Linux:8", "name": "openssl-libs"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "1:3.0.7-99.el8"}]}]},
         {"package": {"ecosystem": "Rocky Linux:9", "name": "bash"},
          "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "5.1.8-6.el9_1"}]}]}]}
      """)
    let result = try Command.parapet(
      ["image", archive.path, "--db", "db", "--skip", "secrets", "--sbom", "sbom.json"],
      in: folder.url)
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      result.stdout.components(separatedBy: "\n\n")[0],
      """
      usr/lib/sysimage/rpm/rpmdb.sqlite:1:1: medium openssl-libs 1:3.0.7-24.el9 → 1:3.0.7-27.el9 fixes 1
          medium RLSA-2099:0003: openssl: test advisory; fixed in 1:3.0.7-27.el9
      """)
    let sbom = folder.url.appendingPathComponent("sbom.json")
    XCTAssertNil(try SchemaValidator.cycloneDXErrors(sbom))
    let text = try String(contentsOf: sbom, encoding: .utf8)
    XCTAssertTrue(
      text.contains(
        "pkg:rpm/rocky/bash@5.1.8-6.el9_1?arch=x86_64&distro=rocky-9.3&upstream=bash-5.1.8-6.el9_1.src.rpm"
      ), text)
  }

  /// A Rust executable built with `cargo auditable`, against the real RustSec advisories.
  func testARustExecutablesCratesAreCheckedAgainstRustSec() throws {
    guard
      let binary = try TestRustBinary.bytes([
        TestRustBinary.Crate("app", "0.1.0", source: "local"),
        TestRustBinary.Crate("smallvec", "1.6.0"),
      ])
    else { throw XCTSkip("objcopy is not installed") }
    let archive = folder.url.appendingPathComponent("rust.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(
        layers: [[.bytes("usr/local/bin/app", binary, mode: 0o755)]], user: "65534",
        healthcheck: ["CMD", "/usr/local/bin/app"]), tag: "rust:1", to: archive)
    let advisories = TestPaths.shared.appendingPathComponent("data/advisories").path
    let result = try Command.parapet(
      ["image", archive.path, "--db", advisories, "--skip", "secrets,licenses"], in: folder.url)
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      result.stdout.components(separatedBy: "\n\n")[0],
      """
      usr/local/bin/app:1:1: critical smallvec 1.6.0 → 1.6.1 fixes 1
          critical RUSTSEC-2021-0003: Buffer overflow in SmallVec::insert_many; fixed in 1.6.1
      """)
  }

  /// An image's language packages are the application's dependencies, which the default policy
  /// judges; its distribution's packages are programs beside it, which only a configured policy
  /// does.
  func testLicensesOnAnImageJudgeTheApplicationsPackagesNotTheDistributions() throws {
    let archive = folder.url.appendingPathComponent("app.tar")
    let bash = try XCTUnwrap(TestRpmDatabase.rocky.first { $0.name == "bash" })
    try TestImage.writeDockerArchive(
      TestImage.Image(
        layers: [
          [
            .file("etc/os-release", "ID=\"rocky\"\nVERSION_ID=\"9.3\"\n"),
            .bytes("var/lib/rpm/rpmdb.sqlite", try TestRpmDatabase.bytes([bash])),
          ],
          [
            .file(
              "usr/lib/python3.9/site-packages/gplthing-1.0.dist-info/METADATA",
              "Metadata-Version: 2.1\nName: gplthing\nVersion: 1.0\nLicense: GPL-3.0-only\n\n")
          ],
        ], user: "65534", healthcheck: ["CMD", "true"]), tag: "app:1", to: archive)
    let options = ["image", archive.path, "--skip", "secrets,deps,image", "--fail-on", "high"]
    let copyleft =
      "is strong copyleft: A work that includes or links the licensed code must be distributed, whole, under the same license with its source."
    var result = try Command.parapet(options, in: folder.url)
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      result.stdout.components(separatedBy: "\n\n")[0],
      "usr/lib/python3.9/site-packages/gplthing-1.0.dist-info/METADATA:1:1: high license-denied: gplthing 1.0 is licensed GPL-3.0-only, which the default policy (the project's license was not found, so it is taken as permissive) denies: GPL-3.0-only \(copyleft); evidence: usr/lib/python3.9/site-packages/gplthing-1.0.dist-info/METADATA:1 license: GPL-3.0-only; path: gplthing 1.0"
    )
    // A configured deny list judges every package; rpm's `GPLv3+` is GPL-3.0-or-later.
    try folder.write(".parapet.toml", "[licenses]\ndeny = [\"GPL-3.0-or-later\"]\n")
    result = try Command.parapet(options, in: folder.url)
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      result.stdout.components(separatedBy: "\n\n")[0],
      "var/lib/rpm/rpmdb.sqlite:1:1: high license-denied: bash 5.1.8-6.el9_1 is licensed GPL-3.0-or-later, which the [licenses] deny list denies: GPL-3.0-or-later \(copyleft); evidence: var/lib/rpm/rpmdb.sqlite:1 license: GPL-3.0-or-later; path: bash 5.1.8-6.el9_1"
    )
  }

  func testOCILayoutAndArchiveGiveTheSameFindings() throws {
    let layout = folder.url.appendingPathComponent("layout")
    try TestImage.writeOCILayout([try image(compression: .gzip)], to: layout)
    let archive = folder.url.appendingPathComponent("oci.tar")
    try TestImage.writeOCIArchive([try image()], to: archive)
    var outputs: [String] = []
    for path in [layout, archive] {
      let result = try Command.parapet(
        ["image", path.path, "--skip", "deps", "--fail-on", "critical"], in: folder.url)
      XCTAssertEqual(result.status, 0, result.stderr)
      // The findings, without the summary table and its timings.
      outputs.append(result.stdout.components(separatedBy: "\n\n")[0])
    }
    XCTAssertEqual(outputs[0], outputs[1])
    XCTAssertTrue(outputs[0].contains("app/credentials:2:21: high aws-access-key-id"), outputs[0])
  }

  /// An image as a real builder writes it: buildah (Debian's, as the release's image is built)
  /// builds FROM scratch offline and saves it as docker-archive and oci-archive; both read the
  /// same. Skipped where buildah is not installed.
  func testAnImageBuiltByBuildahReadsTheSameFromBothArchives() throws {
    let buildah = URL(fileURLWithPath: "/usr/bin/buildah")
    guard FileManager.default.isExecutableFile(atPath: buildah.path) else {
      throw XCTSkip("buildah is not installed")
    }
    let (stanza, version) = try zlibStanza()
    try folder.write(
      "context/base/etc/os-release",
      "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\nVERSION_ID=\"12\"\n")
    try folder.write("context/base/var/lib/dpkg/status", stanza)
    try folder.write("context/base/usr/share/doc/zlib1g/copyright", try zlibCopyright())
    try folder.write(
      "context/app/credentials", "[default]\naws_access_key_id = AKIAQYLPMN5HHHFPZAM2\n")
    try folder.write(
      "context/Containerfile",
      "FROM scratch\nCOPY base/ /\nCOPY app/ /app/\nENV DB_PASSWORD=hunter2-prod-Xy91\n")
    let storage = folder.url.appendingPathComponent("storage")
    let common = [
      "--root", storage.appendingPathComponent("root").path,
      "--runroot", storage.appendingPathComponent("run").path, "--storage-driver", "vfs",
    ]
    defer { _ = try? Command.run(buildah, common + ["rmi", "--all"]) }
    let build = try Command.run(
      buildah,
      common + [
        "bud", "--quiet", "--isolation", "chroot", "--pull-never", "-f", "Containerfile", "-t",
        "localhost/app:1", ".",
      ], in: folder.url.appendingPathComponent("context"))
    XCTAssertEqual(build.status, 0, build.stderr)
    for destination in ["docker-archive:docker.tar:localhost/app:1", "oci-archive:oci.tar:app:1"] {
      let push = try Command.run(
        buildah, common + ["push", "--quiet", "localhost/app:1", destination], in: folder.url)
      XCTAssertEqual(push.status, 0, push.stderr)
    }
    let db = try database(fixedAbove: version)
    var outputs: [String] = []
    for archive in ["docker.tar", "oci.tar"] {
      let result = try Command.parapet(["image", archive, "--db", db.path], in: folder.url)
      XCTAssertEqual(result.status, 1, result.stderr)
      outputs.append(result.stdout.components(separatedBy: "\n\n")[0])
    }
    XCTAssertEqual(outputs[0], outputs[1])
    XCTAssertEqual(
      outputs[0].split(separator: "\n").map { String($0.prefix { $0 != ":" }) },
      [
        "app/credentials", "(image-config)", "var/lib/dpkg/status",
        "    critical DEBIAN-CVE-2099-0001",
        "(image-config)", "(image-config)", "(image-config)",
      ], outputs[0])
  }

  func testScanWithImageAddsTheImagesFindingsUnderItsPath() throws {
    let repository = try TemporaryRepository()
    try repository.write("README.md", "nothing secret\n")
    let archive = folder.url.appendingPathComponent("app.tar")
    try TestImage.writeDockerArchive(try image(), tag: "app:1", to: archive)
    let result = try Command.parapet(
      ["scan", ".", "--jobs", "secrets", "--image", archive.path, "--fail-on", "critical"],
      in: repository.url)
    XCTAssertEqual(result.status, 0, result.stderr)
    let findings = result.stdout.components(separatedBy: "\n\n")[0].split(separator: "\n")
    XCTAssertEqual(
      findings.map { String($0.prefix { $0 != " " }) },
      [
        "\(archive.path)/app/credentials:2:21:", "\(archive.path)/(image-config):2:17:",
        "\(archive.path)/(image-config):1:1:", "\(archive.path)/(image-config):1:1:",
        "\(archive.path)/usr/bin/helper:1:1:", "\(archive.path)/(image-config):1:1:",
      ], result.stdout)
  }

  func testSBOMOfAnImageInSPDXValidatesAndNamesTheContainer() throws {
    let archive = folder.url.appendingPathComponent("app.tar")
    try TestImage.writeDockerArchive(try image(), tag: "registry.example/app:1", to: archive)
    let result = try Command.parapet(
      ["sbom", "--image", archive.path, "--format", "spdx-json", "-o", "sbom.spdx.json"],
      in: folder.url)
    XCTAssertEqual(result.status, 0, result.stderr)
    let file = folder.url.appendingPathComponent("sbom.spdx.json")
    XCTAssertNil(try SchemaValidator.spdxErrors(file))
    let document = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    let packages = try XCTUnwrap(document["packages"] as? [[String: Any]])
    XCTAssertEqual(packages.first?["name"] as? String, "registry.example/app:1")
    XCTAssertEqual(packages.first?["primaryPackagePurpose"] as? String, "CONTAINER")
    XCTAssertEqual(packages.map { $0["name"] as? String }.dropFirst(), ["zlib1g"])
  }

  func testABrokenImageIsOneLineAndExitTwo() throws {
    let archive = folder.url.appendingPathComponent("evil.tar")
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [[.file("../../../etc/cron.d/x", "* * * * * root sh\n")]]),
      tag: "evil:1", to: archive)
    let result = try Command.parapet(["image", archive.path], in: folder.url)
    XCTAssertEqual(result.status, 2)
    let lines = result.stderr.split(separator: "\n")
    XCTAssertEqual(lines.count, 1, result.stderr)
    XCTAssertTrue(
      result.stderr.hasSuffix(
        "entry '../../../etc/cron.d/x' leads outside the image's root; refused\n"),
      result.stderr)
  }
}
