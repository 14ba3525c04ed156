import Foundation
import ParapetGit
import ParapetTestSupport
import XCTest

final class GitRepositoryTests: XCTestCase {
  func testAddedLinesCarryTheirLineNumbersInTheNewBlob() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.txt", "one\ntwo\nthree\n")
    try repo.commitAll("first")
    try repo.write("a.txt", "zero\none\ntwo\n2.5\nthree\n")
    try repo.commitAll("second")
    let git = try GitRepository.open(containing: repo.url.path)
    let commits = try git.commitIDs(.all)
    XCTAssertEqual(commits.count, 2)
    let change = try XCTUnwrap(git.changes(of: commits[1]).changes.first)
    let added = LineHashes(try git.blob(try XCTUnwrap(change.oldBlob))).newLines(
      in: try git.blob(change.newBlob))
    XCTAssertEqual(added.lineNumbers, [1, 4])
    XCTAssertEqual(added.ranges, [0..<4, 13..<16])
    XCTAssertTrue(added.intersects(2...4))
    XCTAssertFalse(added.intersects(2...3))
    XCTAssertFalse(added.intersects(5...9))
  }

  func testCommitsComeOldestFirstAndRangesLimitThem() throws {
    let repo = try TemporaryRepository()
    var ids: [String] = []
    for index in 0..<4 {
      try repo.write("f\(index).txt", "\(index)\n")
      ids.append(try repo.commitAll("c\(index)"))
    }
    let git = try GitRepository.open(containing: repo.url.path)
    XCTAssertEqual(try git.commitIDs(.all).map(\.description), ids)
    XCTAssertEqual(
      try git.commitIDs(.range("\(ids[1])..\(ids[3])")).map(\.description), Array(ids[2...]))
    let info = try git.commitInfo(try git.commitIDs(.all)[0])
    XCTAssertEqual(info.authorEmail, "ada@example.org")
    XCTAssertEqual(info.parentCount, 0)
  }

  func testStagedChangesBeforeTheFirstCommitListTheWholeIndex() throws {
    let repo = try TemporaryRepository()
    try repo.write("x.txt", "x\n")
    try repo.write("dir/y.txt", "y\n")
    try repo.git("add", "-A")
    let git = try GitRepository.open(containing: repo.url.path)
    let changes = try git.stagedChanges()
    XCTAssertEqual(changes.map(\.path).sorted(), ["dir/y.txt", "x.txt"])
    XCTAssertTrue(changes.allSatisfy { $0.oldBlob == nil })
  }

  func testWorkTreeListingHonoursIgnoreRules() throws {
    let repo = try TemporaryRepository()
    try repo.write(".gitignore", "build/\n*.log\n")
    try repo.write("src/main.c", "int main(void) { return 0; }\n")
    try repo.commitAll("init")
    try repo.write("notes.txt", "untracked\n")
    try repo.write("build/out.o", "ignored\n")
    try repo.write("debug.log", "ignored\n")
    let git = try GitRepository.open(containing: repo.url.path)
    XCTAssertEqual(
      try git.trackedPaths().map(\.description).sorted(), [".gitignore", "src/main.c"])
    XCTAssertEqual(try git.untrackedPaths().map(\.description), ["notes.txt"])
  }

  func testOpeningAFolderThatIsNotARepositoryThrows() throws {
    let folder = try TemporaryRepository(git: false)
    XCTAssertThrowsError(try GitRepository.open(containing: folder.url.path))
  }
}
