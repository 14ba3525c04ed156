import CGit2
import Foundation

extension GitRepository {
  /// Which commits a history walk visits.
  public enum Walk: Sendable {
    /// Every commit reachable from any ref or HEAD.
    case all
    /// `A..B`: reachable from B and not from A. Several space-separated parts combine as git
    /// combines them: each `A..B` adds B and hides A, `REV` adds, `^REV` hides (`^refs/remotes/*`
    /// hides every remote-tracking branch), so a pre-push hook can name all the pushed refs.
    case range(String)
    /// Everything reachable from one revision.
    case reachable(String)
  }

  /// The commits of a walk, parents before children.
  ///
  /// With `since`, the walk goes newest first by commit time and stops at the first commit older
  /// than it, as `git log --since` does, so that the older history is never read; otherwise it
  /// is sorted topologically, which reads every commit before returning the first.
  /// - Parameters:
  ///   - walk: all refs, or a range.
  ///   - since: leave out commits older than this many seconds since 1970.
  /// - Returns: the commit ids, oldest first.
  /// - Throws: `ParapetGitError` when a ref or the range cannot be resolved.
  public func commitIDs(_ walk: Walk, since: Int64? = nil) throws -> [ObjectID] {
    var revwalk: OpaquePointer?
    try check(git_revwalk_new(&revwalk, handle), "git_revwalk_new")
    defer { git_revwalk_free(revwalk) }
    git_revwalk_sorting(
      revwalk,
      since == nil
        ? GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue
        : GIT_SORT_TIME.rawValue)
    switch walk {
    case .all:
      // HEAD on an unborn branch (a new repository, `git checkout --orphan`) adds nothing;
      // every ref is still walked.
      if git_repository_head_unborn(handle) != 1 {
        try check(git_revwalk_push_head(revwalk), "git_revwalk_push_head")
      }
      try check(git_revwalk_push_glob(revwalk, "refs/*"), "git_revwalk_push_glob")
    case .range(let range):
      for part in range.split(separator: " ").map(String.init) {
        if part.contains("..") {
          try check(git_revwalk_push_range(revwalk, part), "revision range '\(part)'")
        } else if part.hasPrefix("^") {
          let revision = String(part.dropFirst())
          if revision.contains("*") {
            try check(git_revwalk_hide_glob(revwalk, revision), "revision '\(part)'")
          } else {
            var oid = try resolve(revision).raw
            try check(git_revwalk_hide(revwalk, &oid), "revision '\(part)'")
          }
        } else {
          var oid = try resolve(part).raw
          try check(git_revwalk_push(revwalk, &oid), "revision '\(part)'")
        }
      }
    case .reachable(let revision):
      var oid = try resolve(revision).raw
      try check(git_revwalk_push(revwalk, &oid), "git_revwalk_push")
    }
    var ids: [ObjectID] = []
    var oid = git_oid()
    while git_revwalk_next(&oid, revwalk) == 0 {
      let id = ObjectID(oid)
      if let since, let info = try? commitInfo(id), info.time < since { break }
      ids.append(id)
    }
    return since == nil ? ids : ids.reversed()
  }

  /// Author, date and parent count of a commit.
  /// - Parameter id: the commit.
  /// - Returns: its facts.
  /// - Throws: when the commit object is missing.
  public func commitInfo(_ id: ObjectID) throws -> CommitInfo {
    let commit = try lookupCommit(id)
    defer { git_commit_free(commit) }
    let author = git_commit_author(commit)
    let time = Int64(git_commit_time(commit))
    return CommitInfo(
      id: id,
      authorName: author?.pointee.name.map { String(cString: $0) } ?? "",
      authorEmail: author?.pointee.email.map { String(cString: $0) } ?? "",
      date: Self.isoDate(time), time: time, parentCount: Int(git_commit_parentcount(commit)))
  }

  /// The files a commit adds or modifies against its first parent (against nothing for a root
  /// commit, or when the parent is missing beyond a shallow boundary).
  /// - Parameter id: the commit.
  /// - Returns: the changes, the paths of deleted files, and whether the parent was missing.
  /// - Throws: when the commit or its tree is missing.
  public func changes(
    of id: ObjectID
  ) throws -> (changes: [FileChange], deletions: [String], parentMissing: Bool) {
    let commit = try lookupCommit(id)
    defer { git_commit_free(commit) }
    var tree: OpaquePointer?
    try check(git_commit_tree(&tree, commit), "git_commit_tree \(id)")
    defer { git_tree_free(tree) }
    var parentTree: OpaquePointer?
    var parentMissing = false
    if git_commit_parentcount(commit) > 0 {
      var parent: OpaquePointer?
      if git_commit_parent(&parent, commit, 0) == 0 {
        defer { git_commit_free(parent) }
        if git_commit_tree(&parentTree, parent) != 0 { parentMissing = true }
      } else {
        parentMissing = true
      }
    }
    defer { git_tree_free(parentTree) }
    guard let tree else {
      throw ParapetGitError.libgit2(call: "git_commit_tree", message: "no tree")
    }
    var changes: [FileChange] = []
    var deletions: [String] = []
    try compare(parentTree, tree, prefix: "", into: &changes, deletions: &deletions)
    return (changes, deletions, parentMissing)
  }

  /// The files `new` adds or modifies against `old`, found by walking both trees and descending
  /// only into subtrees whose ids differ: an unchanged folder costs one id comparison. This is the
  /// walk git's own tree diff does, without building a general diff.
  private func compare(
    _ old: OpaquePointer?, _ new: OpaquePointer, prefix: String, into changes: inout [FileChange],
    deletions: inout [String]
  ) throws {
    if let old {
      for position in 0..<git_tree_entrycount(old) {
        guard let entry = git_tree_entry_byindex(old, position),
          let name = git_tree_entry_name(entry)
        else { continue }
        let after = git_tree_entry_byname(new, name)
        let mode = git_tree_entry_filemode(entry)
        if after == nil
          || (mode == GIT_FILEMODE_TREE)
            != (after.map(git_tree_entry_filemode) == GIT_FILEMODE_TREE)
        {
          try collectFiles(entry, path: prefix + Self.shown(name), into: &deletions)
        }
      }
    }
    for position in 0..<git_tree_entrycount(new) {
      guard let entry = git_tree_entry_byindex(new, position),
        let name = git_tree_entry_name(entry),
        let id = git_tree_entry_id(entry)
      else { continue }
      let mode = git_tree_entry_filemode(entry)
      let before = old.flatMap { git_tree_entry_byname($0, name) }
      let beforeMode = before.map(git_tree_entry_filemode)
      let same = before.flatMap(git_tree_entry_id).map { git_oid_equal($0, id) == 1 } ?? false
      if same && beforeMode == mode { continue }
      let path = prefix + Self.shown(name)
      switch mode {
      case GIT_FILEMODE_TREE:
        var subtree: OpaquePointer?
        try check(git_tree_lookup(&subtree, handle, id), "git_tree_lookup \(path)")
        defer { git_tree_free(subtree) }
        var oldSubtree: OpaquePointer?
        if let before, beforeMode == GIT_FILEMODE_TREE, let oldID = git_tree_entry_id(before) {
          try check(git_tree_lookup(&oldSubtree, handle, oldID), "git_tree_lookup \(path)")
        }
        defer { git_tree_free(oldSubtree) }
        if let subtree {
          try compare(
            oldSubtree, subtree, prefix: path + "/", into: &changes, deletions: &deletions)
        }
      case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
        let wasFile = beforeMode == GIT_FILEMODE_BLOB || beforeMode == GIT_FILEMODE_BLOB_EXECUTABLE
        let oldBlob = wasFile ? before.flatMap(git_tree_entry_id).map { ObjectID($0.pointee) } : nil
        if oldBlob == ObjectID(id.pointee) { continue }  // only the executable bit changed
        changes.append(FileChange(path: path, oldBlob: oldBlob, newBlob: ObjectID(id.pointee)))
      default:
        continue  // symlinks and submodules hold no file content to scan
      }
    }
  }

  /// The paths of the regular files at or under a tree entry.
  private func collectFiles(_ entry: OpaquePointer, path: String, into paths: inout [String]) throws
  {
    switch git_tree_entry_filemode(entry) {
    case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
      paths.append(path)
    case GIT_FILEMODE_TREE:
      guard let id = git_tree_entry_id(entry) else { return }
      var tree: OpaquePointer?
      try check(git_tree_lookup(&tree, handle, id), "git_tree_lookup \(path)")
      defer { git_tree_free(tree) }
      for position in 0..<git_tree_entrycount(tree) {
        guard let child = git_tree_entry_byindex(tree, position),
          let name = git_tree_entry_name(child)
        else { continue }
        try collectFiles(child, path: path + "/" + Self.shown(name), into: &paths)
      }
    default:
      return
    }
  }

  private func lookupCommit(_ id: ObjectID) throws -> OpaquePointer {
    var commit: OpaquePointer?
    var oid = id.raw
    try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup \(id)")
    guard let commit else {
      throw ParapetGitError.libgit2(call: "git_commit_lookup", message: "no commit")
    }
    return commit
  }

  private static func isoDate(_ seconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(seconds)))
  }
}
