import CGit2
import Foundation
import ParapetTestSupport
import XCTest

@testable import ParapetGit

/// Parapet reads a history scan's blobs from the packs itself (`PackFiles`, `PackReader`);
/// every object it reads must be the object its id names.
final class PackReaderTests: XCTestCase {
  /// A history whose files grow commit by commit, so that `git repack` stores most versions as
  /// deltas of others; with an annotated tag, a binary file and a deleted file.
  private func history() throws -> TemporaryRepository {
    let repo = try TemporaryRepository()
    var lines: [String] = []
    for index in 0..<40 {
      lines.insert("setting_\(index) = \(index * 7919 % 1000)", at: lines.count / 2)
      try repo.write("config/settings.py", lines.joined(separator: "\n") + "\n")
      try repo.write(
        "data/table.bin", Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 * (index + 3)) }))
      if index == 20 {
        try FileManager.default.removeItem(at: repo.url.appendingPathComponent("data"))
      }
      try repo.commitAll("change \(index)")
    }
    try repo.git("tag", "-a", "v1", "-m", "release")
    return repo
  }

  /// Reads every object of the repository's only pack and checks it against its id, the SHA-1
  /// of its type, size and bytes.
  /// - Returns: how many entries were deltas by offset and by id.
  private func readEveryObject(of repo: TemporaryRepository) throws -> (byOffset: Int, byID: Int) {
    let files = PackFiles(objectsFolder: repo.url.path + "/.git/objects")
    XCTAssertEqual(files.packs.count, 1)
    let pack = try XCTUnwrap(files.packs.first)
    var reader = PackReader(files)
    var deltas = (byOffset: 0, byID: 0)
    for position in 0..<pack.index.count {
      let id = pack.index.id(at: position)
      let name = ObjectID(bytes: ArraySlice(id))?.description ?? "?"
      let object = try XCTUnwrap(reader.object(id), name)
      XCTAssertTrue(Self.hash(object.bytes, type: object.type).elementsEqual(id), name)
      XCTAssertEqual(reader.size(id), object.bytes.count, name)
      switch PackEntry(in: pack.data, at: try XCTUnwrap(pack.index.offset(at: position)))?.base {
      case .offset?: deltas.byOffset += 1
      case .id?: deltas.byID += 1
      case nil: break
      }
    }
    let counts = try repo.git("count-objects", "-v")
    XCTAssertTrue(counts.contains("in-pack: \(pack.index.count)\n"), counts)
    return deltas
  }

  private static func hash(_ bytes: [UInt8], type: PackEntry.ObjectType) -> [UInt8] {
    var oid = git_oid()
    let kind = git_object_t(rawValue: Int32(type.rawValue))
    _ = bytes.withUnsafeBytes { git_odb_hash(&oid, $0.baseAddress, $0.count, kind) }
    return withUnsafeBytes(of: oid.id) { Array($0) }
  }

  func testEveryObjectOfAPackWithOffsetDeltasIsTheObjectItsIDNames() throws {
    let repo = try history()
    try repo.git("gc", "-q", "--aggressive")
    let deltas = try readEveryObject(of: repo)
    XCTAssertGreaterThan(deltas.byOffset, 30)
    XCTAssertEqual(deltas.byID, 0)
  }

  func testEveryObjectOfAPackWithDeltasByIDIsTheObjectItsIDNames() throws {
    let repo = try history()
    try repo.git("-c", "repack.useDeltaBaseOffset=false", "repack", "-adf", "-q")
    let deltas = try readEveryObject(of: repo)
    XCTAssertEqual(deltas.byOffset, 0)
    XCTAssertGreaterThan(deltas.byID, 30)
  }

  func testADamagedEntryIsLeftToLibgit2WhichSaysWhy() throws {
    let repo = try history()
    try repo.git("gc", "-q")
    let blob = try repo.git("rev-parse", "HEAD~15:config/settings.py")
    let objects = repo.url.path + "/.git/objects"
    let packURL = try XCTUnwrap(
      FileManager.default.contentsOfDirectory(atPath: objects + "/pack")
        .first { $0.hasSuffix(".pack") }
        .map { URL(fileURLWithPath: objects + "/pack/" + $0) })
    let id = try Self.id(blob)
    let dataStart = try id.withBytes { key -> Int in
      let files = PackFiles(objectsFolder: objects)
      let location = try XCTUnwrap(files.locate(key))
      return try XCTUnwrap(PackEntry(in: files.packs[0].data, at: location.offset)).dataStart
    }
    var bytes = try Data(contentsOf: packURL)
    bytes[dataStart + 3] ^= 0x5A
    try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: packURL.path)
    try bytes.write(to: packURL)

    let files = PackFiles(objectsFolder: objects)
    var reader = PackReader(files)
    XCTAssertNil(id.withBytes { reader.object($0) })
    let git = try GitRepository.open(containing: repo.url.path)
    git.readPacks(files)
    XCTAssertThrowsError(try git.blob(id))
    // The other objects are still read, from the same pack.
    let head = try Self.id(try repo.git("rev-parse", "HEAD:config/settings.py"))
    XCTAssertEqual(
      Data(try git.blob(head)),
      try Data(contentsOf: repo.url.appendingPathComponent("config/settings.py")))
  }

  private static func id(_ hex: String) throws -> ObjectID {
    try XCTUnwrap(ObjectID(hex: hex), hex)
  }
}
