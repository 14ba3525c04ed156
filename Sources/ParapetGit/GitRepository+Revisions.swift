import CGit2
import Foundation

extension GitRepository {
  /// The commit a revision names (`main`, `v1.0`, `HEAD~3`, an id).
  /// - Parameter revision: the revision.
  /// - Returns: the commit's id.
  /// - Throws: `ParapetGitError` when it names no commit.
  public func resolve(_ revision: String) throws -> ObjectID {
    var object: OpaquePointer?
    try check(git_revparse_single(&object, handle, revision), "revision '\(revision)'")
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    try check(git_object_peel(&commit, object, GIT_OBJECT_COMMIT), "revision '\(revision)'")
    defer { git_object_free(commit) }
    guard let oid = git_object_id(commit) else {
      throw ParapetGitError.libgit2(call: "git_object_id", message: "no id")
    }
    return ObjectID(oid.pointee)
  }

  /// Whether `ancestor` is `commit` or one of its ancestors.
  public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) -> Bool {
    if ancestor == commit { return true }
    var descendant = commit.raw
    var base = ancestor.raw
    return git_graph_descendant_of(handle, &descendant, &base) == 1
  }

  /// The folder git runs hooks from: `core.hooksPath` (relative to the work tree, as git reads
  /// it) or the `.git/hooks` folder.
  public var hooksDirectory: String {
    var config: OpaquePointer?
    if git_repository_config_snapshot(&config, handle) == 0 {
      defer { git_config_free(config) }
      var buffer = git_buf()
      if git_config_get_path(&buffer, config, "core.hooksPath") == 0, let pointer = buffer.ptr {
        defer { git_buf_dispose(&buffer) }
        let path = String(cString: pointer)
        if path.hasPrefix("/") { return path }
        return (workdir ?? gitDirectory) + "/" + path
      }
    }
    return gitDirectory + "/hooks"
  }

  /// Writes the files of a revision's tree into a folder, without touching the repository (no
  /// work tree, index or worktree entry changes): what `--baseline-ref` scans. Symbolic links and
  /// submodules are left out.
  /// - Parameters:
  ///   - revision: the revision whose tree to write.
  ///   - folder: an empty folder.
  /// - Throws: when the revision or an object is missing, or a file cannot be written.
  public func export(_ revision: String, to folder: URL) throws {
    let id = try resolve(revision)
    var oid = id.raw
    var commit: OpaquePointer?
    try check(git_commit_lookup(&commit, handle, &oid), "git_commit_lookup \(id)")
    defer { git_commit_free(commit) }
    var tree: OpaquePointer?
    try check(git_commit_tree(&tree, commit), "git_commit_tree \(id)")
    defer { git_tree_free(tree) }
    guard let tree else { return }
    try exportTree(tree, to: folder)
  }

  private func exportTree(_ tree: OpaquePointer, to folder: URL) throws {
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    for position in 0..<git_tree_entrycount(tree) {
      guard let entry = git_tree_entry_byindex(tree, position),
        let name = git_tree_entry_name(entry)
      else { continue }
      let target = folder.appendingPathComponent(String(cString: name))
      switch git_tree_entry_filemode(entry) {
      case GIT_FILEMODE_TREE:
        var subtree: OpaquePointer?
        var oid = git_tree_entry_id(entry).pointee
        try check(git_tree_lookup(&subtree, handle, &oid), "git_tree_lookup")
        defer { git_tree_free(subtree) }
        if let subtree { try exportTree(subtree, to: target) }
      case GIT_FILEMODE_BLOB, GIT_FILEMODE_BLOB_EXECUTABLE:
        let bytes = try blob(ObjectID(git_tree_entry_id(entry).pointee))
        try Data(bytes).write(to: target)
      default:
        continue
      }
    }
  }
}

extension GitRepository {
  /// Clones a repository (a URL libgit2 can fetch, or a local path) into a folder, for
  /// `parapet audit` of repositories given by URL.
  /// - Parameters:
  ///   - url: what to clone.
  ///   - folder: where; it must not exist.
  /// - Returns: the clone.
  /// - Throws: `ParapetGitError` when the clone fails.
  public static func clone(_ url: String, to folder: URL) throws -> GitRepository {
    setUp()
    var handle: OpaquePointer?
    let status = git_clone(&handle, url, folder.path, nil)
    guard status == 0, let handle else {
      let message = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } }
      throw ParapetGitError.libgit2(call: "git_clone \(url)", message: message ?? "error \(status)")
    }
    git_repository_free(handle)
    return try open(containing: folder.path)
  }
}

extension GitRepository {
  /// Writes the staged content of some files into a folder, without touching the repository
  /// (no tree objects are written, as `git write-tree` would): what a pre-commit check of
  /// configuration reads, as it will be committed.
  /// - Parameters:
  ///   - folder: an empty folder.
  ///   - including: whether to write a repo-relative path.
  /// - Returns: the paths written.
  /// - Throws: when the index or a blob cannot be read, or a file cannot be written.
  @discardableResult
  public func exportIndex(to folder: URL, including: (String) -> Bool) throws -> [String] {
    let index = try self.index()
    defer { git_index_free(index) }
    var written: [String] = []
    for position in 0..<git_index_entrycount(index) {
      guard let entry = git_index_get_byindex(index, position), let raw = entry.pointee.path
      else { continue }
      // Regular and executable files only: symbolic links and submodules are left out.
      let mode = entry.pointee.mode
      guard mode == GIT_FILEMODE_BLOB.rawValue || mode == GIT_FILEMODE_BLOB_EXECUTABLE.rawValue
      else { continue }
      let path = String(cString: raw)
      // A crafted index must not write outside the folder.
      guard including(path), !path.hasPrefix("/"), !path.split(separator: "/").contains("..")
      else { continue }
      let target = folder.appendingPathComponent(path)
      try FileManager.default.createDirectory(
        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(blob(ObjectID(entry.pointee.id))).write(to: target)
      written.append(path)
    }
    return written
  }
}

extension GitRepository {
  /// The local and remote-tracking branches: `refs/heads/*` and `refs/remotes/*` (symbolic refs
  /// such as `refs/remotes/origin/HEAD` left out), with the commit each points at.
  /// - Returns: full ref names and commit ids, in name order.
  /// - Throws: when the references cannot be listed.
  public func branches() throws -> [(name: String, id: ObjectID)] {
    var iterator: OpaquePointer?
    try check(git_reference_iterator_new(&iterator, handle), "git_reference_iterator_new")
    defer { git_reference_iterator_free(iterator) }
    var found: [(name: String, id: ObjectID)] = []
    var reference: OpaquePointer?
    while git_reference_next(&reference, iterator) == 0 {
      defer { git_reference_free(reference) }
      guard git_reference_type(reference) == GIT_REFERENCE_DIRECT,
        let name = git_reference_name(reference).map({ String(cString: $0) }),
        name.hasPrefix("refs/heads/") || name.hasPrefix("refs/remotes/"),
        let target = git_reference_target(reference)
      else { continue }
      found.append((name, ObjectID(target.pointee)))
    }
    return found.sorted { $0.name < $1.name }
  }

  /// Whether a commit is in the object store: a shallow clone lacks what lies beyond its
  /// boundary, and a pull request's base may never have been fetched.
  /// - Parameter id: a full commit id.
  /// - Returns: true when the commit can be read.
  public func hasCommit(_ id: String) -> Bool {
    guard id.count == 40, let oid = ObjectID(hex: id) else { return false }
    var raw = oid.raw
    var commit: OpaquePointer?
    guard git_commit_lookup(&commit, handle, &raw) == 0 else { return false }
    git_commit_free(commit)
    return true
  }
}
