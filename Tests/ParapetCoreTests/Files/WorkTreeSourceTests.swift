import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetCore

/// The work-tree file source: links are followed only inside the root, special files are never
/// opened, and names that are not UTF-8 are read and shown losslessly.
final class WorkTreeSourceTests: XCTestCase {
  func testLinksAreFollowedOnlyInsideTheRoot() throws {
    let outside = try TemporaryRepository(git: false)
    try outside.write("secret.txt", "outside\n")
    let repo = try TemporaryRepository(git: false)
    try repo.write("a/real.txt", "inside\n")
    let manager = FileManager.default
    try manager.createSymbolicLink(
      atPath: repo.url.appendingPathComponent("alias.txt").path, withDestinationPath: "a/real.txt")
    try manager.createSymbolicLink(
      atPath: repo.url.appendingPathComponent("escape.txt").path,
      withDestinationPath: outside.url.appendingPathComponent("secret.txt").path)
    try manager.createSymbolicLink(
      atPath: repo.url.appendingPathComponent("out").path, withDestinationPath: outside.url.path)
    let source = WorkTreeSource(root: repo.url.path)
    XCTAssertEqual(try source.read(XCTUnwrap(SourcePath("alias.txt"))), Array("inside\n".utf8))
    let escape = try XCTUnwrap(SourcePath("escape.txt"))
    XCTAssertThrowsError(try source.read(escape)) { error in
      XCTAssertEqual(
        error as? FileSourceError,
        .outsideRoot(escape, target: outside.url.appendingPathComponent("secret.txt").path))
    }
    let through = try XCTUnwrap(SourcePath("out/secret.txt"))
    XCTAssertThrowsError(try source.read(through)) { error in
      XCTAssertEqual(error as? FileSourceError, .outsideRoot(through, target: outside.url.path))
    }
    XCTAssertEqual(
      source.walk(from: .root) { _ in true }.map { "\($0.path) \($0.kind)" },
      [
        "a/real.txt file", "alias.txt link(a/real.txt)",
        "escape.txt linkOutside(\"\(outside.url.path)/secret.txt\")",
        "out linkOutside(\"\(outside.url.path)\")",
      ])
  }

  func testAFIFOIsNeverOpenedForReading() throws {
    let repo = try TemporaryRepository(git: false)
    let fifo = repo.url.appendingPathComponent("requirements.txt").path
    XCTAssertEqual(mkfifo(fifo, 0o600), 0)
    let source = WorkTreeSource(root: repo.url.path)
    let path = try XCTUnwrap(SourcePath("requirements.txt"))
    XCTAssertEqual(source.entry(at: path)?.kind, .special)
    XCTAssertThrowsError(try source.read(path)) { error in
      XCTAssertEqual(error as? FileSourceError, .notRegular(path))
    }
  }

  func testNamesThatAreNotUTF8AreReadAndShownEscaped() throws {
    let repo = try TemporaryRepository(git: false)
    let name: [UInt8] = Array("caf".utf8) + [0xE9] + Array("\\x".utf8)
    let raw = Array(repo.url.path.utf8) + [UInt8(ascii: "/")] + name
    XCTAssertEqual(mkdir(raw.map { CChar(bitPattern: $0) } + [0], 0o755), 0)
    let file = raw + Array("/go.mod".utf8)
    let descriptor = open(file.map { CChar(bitPattern: $0) } + [0], O_CREAT | O_WRONLY, 0o644)
    XCTAssertGreaterThanOrEqual(descriptor, 0)
    _ = write(descriptor, "module x\n", 9)
    close(descriptor)
    let source = WorkTreeSource(root: repo.url.path)
    let entries = source.walk(from: .root) { _ in true }
    XCTAssertEqual(entries.map(\.path.description), ["caf\\xE9\\\\x/go.mod"])
    XCTAssertEqual(try source.read(entries[0].path), Array("module x\n".utf8))
  }

  func testIncludesResolveLexicallyAndNeverAboveTheRoot() {
    let folder = SourcePath("services/api")
    XCTAssertEqual(folder?.resolving("../common/base.txt")?.description, "services/common/base.txt")
    XCTAssertNil(folder?.resolving("../../../outside/secret.env"))
    XCTAssertNil(folder?.resolving("/etc/shadow"))
    XCTAssertNil(SourcePath("../x"))
    XCTAssertEqual(SourcePath("./a//b/./c")?.description, "a/b/c")
  }
}
