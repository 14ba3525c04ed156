import Foundation
import ParapetCore
import ParapetTestSupport
import XCTest

@testable import ParapetImage

/// Reading images: the three input formats, layers applied with whiteouts, links resolved
/// inside the image, and damaged or hostile archives refused with the file and entry named.
final class ContainerImageTests: XCTestCase {
  private var folder: TemporaryRepository!

  override func setUpWithError() throws {
    folder = try TemporaryRepository(git: false)
  }

  private static let base: [TestImage.Entry] = [
    .folder("etc/"), .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\n"),
    .folder("app/"), .file("app/secret.txt", "first\n"), .file("app/keep.txt", "kept\n"),
    .folder("cache/"), .file("cache/a", "a\n"), .file("cache/b", "b\n"),
    .folder("usr/lib/"), .file("usr/lib/real.so.txt", "library\n"), .symlink("lib", to: "usr/lib"),
  ]

  private static let top: [TestImage.Entry] = [
    .file("app/.wh.secret.txt", ""), .file("cache/.wh..wh..opq", ""), .file("cache/c", "c\n"),
    .file("app/keep.txt", "replaced\n"), .symlink("etc/escape", to: "../../../../etc/passwd"),
    .symlink("etc/absolute", to: "/app/keep.txt"), .hardLink("app/again.txt", to: "app/keep.txt"),
  ]

  private func open(_ path: URL) throws -> ContainerImage {
    do {
      return try ContainerImage(path: path.path, cancellation: Cancellation())
    } catch {
      XCTFail("\(error)")
      throw error
    }
  }

  private func text(_ image: ContainerImage, _ path: String) -> String? {
    image.files.text(SourcePath(path)!)
  }

  func testLayersApplyInOrderWithWhiteoutsInEveryFormatAndCompression() throws {
    let image = TestImage.Image(layers: [Self.base, Self.top])
    let docker = folder.url.appendingPathComponent("docker.tar")
    try TestImage.writeDockerArchive(image, tag: "test:1", to: docker)
    let layout = folder.url.appendingPathComponent("layout")
    var gzipped = image
    gzipped.compression = .gzip
    try TestImage.writeOCILayout([gzipped], to: layout)
    let archive = folder.url.appendingPathComponent("oci.tar")
    var zstd = image
    zstd.compression = .zstd
    try TestImage.writeOCIArchive([zstd], to: archive)
    for path in [docker, layout, archive] {
      let image = try open(path)
      XCTAssertEqual(image.reference, path == docker ? "test:1" : "test:1")
      XCTAssertEqual(image.layers.count, 2)
      XCTAssertNil(text(image, "app/secret.txt"), "a whiteout deletes")
      XCTAssertEqual(text(image, "app/keep.txt"), "replaced\n", "a later layer replaces")
      XCTAssertEqual(
        text(image, "app/again.txt"), "replaced\n", "a hard link has its target's bytes")
      XCTAssertNil(text(image, "cache/a"), "an opaque folder hides the layers below")
      XCTAssertEqual(text(image, "cache/c"), "c\n", "and keeps its own layer's files")
      XCTAssertEqual(text(image, "lib/real.so.txt"), "library\n", "a folder link is followed")
      XCTAssertEqual(
        text(image, "etc/absolute"), "replaced\n", "an absolute link starts at the image's root")
      XCTAssertNil(text(image, "etc/escape"), "'..' stops at the image's root")
      // The deleted file is still in the layer that wrote it.
      XCTAssertEqual(image.layers[0].source.text(SourcePath("app/secret.txt")!), "first\n")
      XCTAssertEqual(
        image.files.entry(at: SourcePath("app/keep.txt")!)?.origin, image.layers[1].digest)
      XCTAssertEqual(image.release?.ecosystem?.ecosystem, .debian)
    }
  }

  func testMultiPlatformIndexChoosesThePlatform() throws {
    let amd = TestImage.Image(layers: [[.file("arch", "amd64\n")]])
    let arm = TestImage.Image(layers: [[.file("arch", "arm64\n")]], architecture: "arm64")
    let layout = folder.url.appendingPathComponent("layout")
    try TestImage.writeOCILayout([amd, arm], to: layout)
    XCTAssertEqual(text(try open(layout), "arch"), "amd64\n")
    let chosen = try ContainerImage(
      path: layout.path, platform: "linux/arm64", cancellation: Cancellation())
    XCTAssertEqual(text(chosen, "arch"), "arm64\n")
    // A single image is read whatever its platform, unless one is asked for.
    let single = folder.url.appendingPathComponent("arm.tar")
    try TestImage.writeDockerArchive(arm, tag: "arm:1", to: single)
    XCTAssertEqual(text(try open(single), "arch"), "arm64\n")
    XCTAssertThrowsError(
      try ContainerImage(path: single.path, platform: "linux/amd64", cancellation: Cancellation())
    ) { error in
      XCTAssertEqual(
        "\(error)", "\(single.path): no image for platform linux/amd64; it holds linux/arm64")
    }
    XCTAssertThrowsError(
      try ContainerImage(path: layout.path, platform: "linux/s390x", cancellation: Cancellation())
    ) { error in
      XCTAssertEqual(
        "\(error)",
        "\(layout.path): no image for platform linux/s390x; it holds linux/amd64, linux/arm64")
    }
  }

  /// Each hostile or damaged archive, and the one-line error it gives.
  func testHostileAndDamagedArchivesAreRefusedNamingTheEntry() throws {
    let cases: [(String, [TestImage.Entry], String)] = [
      (
        "escape", [.file("../../etc/cron.d/evil", "x\n")],
        "entry '../../etc/cron.d/evil' leads outside the image's root; refused"
      ),
      (
        "hardlink", [.hardLink("app/shadow", to: "../../etc/shadow")],
        "entry '../../etc/shadow' leads outside the image's root; refused"
      ),
      (
        "dangling", [.hardLink("app/x", to: "nowhere")],
        "hard link 'app/x' names 'nowhere', which is not a file"
      ),
    ]
    for (name, layer, expected) in cases {
      let archive = folder.url.appendingPathComponent("\(name).tar")
      try TestImage.writeDockerArchive(TestImage.Image(layers: [layer]), tag: "t:1", to: archive)
      XCTAssertThrowsError(try ContainerImage(path: archive.path, cancellation: Cancellation())) {
        XCTAssertTrue("\($0)".hasPrefix("\(archive.path): layer 1 (sha256:"), "\($0)")
        XCTAssertTrue("\($0)".hasSuffix(expected), "\(name): \($0)")
      }
    }
  }

  func testABlobThatDoesNotMatchItsDigestIsRefused() throws {
    let layout = folder.url.appendingPathComponent("layout")
    try TestImage.writeOCILayout(
      [TestImage.Image(layers: [Self.base], compression: .gzip)], to: layout)
    let blobs = layout.appendingPathComponent("blobs/sha256")
    let index =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: layout.appendingPathComponent("index.json"))) as! [String: Any]
    let manifestDigest = ((index["manifests"] as! [[String: Any]])[0]["digest"] as! String)
    let manifest =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: blobs.appendingPathComponent(String(manifestDigest.dropFirst(7)))))
      as! [String: Any]
    let layer = (manifest["layers"] as! [[String: Any]])[0]["digest"] as! String
    let file = blobs.appendingPathComponent(String(layer.dropFirst(7)))
    // Another valid gzip stream of the same tar: it decompresses, but is not the blob named.
    var bytes = Array(try Data(contentsOf: file))
    bytes[4] ^= 1  // the gzip header's modification time
    try Data(bytes).write(to: file)
    XCTAssertThrowsError(try ContainerImage(path: layout.path, cancellation: Cancellation())) {
      XCTAssertTrue(
        "\($0)".hasPrefix("\(file.path): digest mismatch: the manifest says \(layer)"), "\($0)")
    }
  }

  func testNotAnImageAndMalformedManifestsSayWhat() throws {
    let plain = folder.url.appendingPathComponent("plain.tar")
    try Data(TestImage.tar([.file("hello.txt", "hi\n")])).write(to: plain)
    XCTAssertThrowsError(try ContainerImage(path: plain.path, cancellation: Cancellation())) {
      XCTAssertEqual(
        "\($0)",
        "\(plain.path): not a container image (it holds neither manifest.json nor index.json); expected a docker-archive or oci-archive tar, or an OCI layout folder"
      )
    }
    let broken = folder.url.appendingPathComponent("broken.tar")
    try Data(TestImage.tar([.file("manifest.json", "[{\"Config\": 3}]")])).write(to: broken)
    XCTAssertThrowsError(try ContainerImage(path: broken.path, cancellation: Cancellation())) {
      XCTAssertEqual(
        "\($0)", "\(broken.path): manifest.json: cannot be read: unexpected value at '0.Config'")
    }
    let text = folder.url.appendingPathComponent("notes.txt")
    try Data("hello".utf8).write(to: text)
    XCTAssertThrowsError(try ContainerImage(path: text.path, cancellation: Cancellation())) {
      XCTAssertTrue(
        "\($0)".hasPrefix("\(text.path): not a container image (not a tar archive"), "\($0)")
    }
  }
}
