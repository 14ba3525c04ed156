import CGit2
import Foundation
import ParapetCore

/// An open repository. Not thread-safe: open one per worker.
public final class GitRepository {
  let handle: OpaquePointer
  /// Reads packed objects without libgit2, once `readPacks(_:)` gave it the packs.
  private var packReader: PackReader?
  /// The work tree's absolute path, without a trailing slash; nil for a bare repository.
  public let workdir: String?
  /// The `.git` directory's absolute path.
  public let gitDirectory: String

  private init(handle: OpaquePointer) {
    self.handle = handle
    workdir = git_repository_workdir(handle).map { Self.trimSlash(String(cString: $0)) }
    gitDirectory = Self.trimSlash(String(cString: git_repository_path(handle)))
  }

  deinit {
    git_repository_free(handle)
  }

  /// Opens the repository that contains `path` (searching upward, as git does).
  /// - Parameter path: a folder inside the repository.
  /// - Returns: the repository.
  /// - Throws: `ParapetGitError.notARepository` when there is none.
  public static func open(containing path: String) throws -> GitRepository {
    guard let repository = try openIfPresent(containing: path) else {
      throw ParapetGitError.notARepository(path)
    }
    return repository
  }

  /// Opens the repository that contains `path`, when there is one.
  /// - Parameter path: a folder.
  /// - Returns: the repository, or nil when the folder is in none (a plain folder).
  /// - Throws: `ParapetGitError.dubiousOwnership` for a repository of another user that no
  ///   `safe.directory` trusts: it is never taken for a plain folder.
  public static func openIfPresent(containing path: String) throws -> GitRepository? {
    setUp()
    var handle: OpaquePointer?
    let status = git_repository_open_ext(&handle, path, 0, nil)
    guard status == 0, let handle else {
      // libgit2 1.5 reports a repository it refuses for its owner as not found.
      if status == GIT_EOWNER.rawValue || status == GIT_ENOTFOUND.rawValue,
        let refused = Self.repositoryOfAnotherUser(containing: path)
      {
        throw ParapetGitError.dubiousOwnership(refused)
      }
      return nil
    }
    return GitRepository(handle: handle)
  }

  /// The nearest folder at or above `path` holding a `.git` that another user owns: what git
  /// refuses as dubious ownership unless `safe.directory` names it.
  private static func repositoryOfAnotherUser(containing path: String) -> String? {
    var folder = URL(fileURLWithPath: path).standardizedFileURL.path
    while true {
      var info = stat()
      if lstat(folder + "/.git", &info) == 0 {
        return info.st_uid == geteuid() ? nil : folder
      }
      guard folder != "/", !folder.isEmpty else { return nil }
      folder = (folder as NSString).deletingLastPathComponent
    }
  }

  /// Opens the repository at exactly `gitDirectory` or its work tree, for a second worker.
  /// - Parameter path: a path `open(containing:)` returned as `workdir` or `gitDirectory`.
  /// - Returns: another handle to the same repository.
  /// - Throws: `ParapetGitError.notARepository`.
  public static func reopen(_ path: String) throws -> GitRepository {
    setUp()
    var handle: OpaquePointer?
    guard
      git_repository_open_ext(&handle, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil)
        == 0,
      let handle
    else { throw ParapetGitError.notARepository(path) }
    return GitRepository(handle: handle)
  }

  /// Initializes libgit2 once per process. Objects are not re-hashed on every read: git itself
  /// does not, and for a history scan that re-hashing (SHA-1 with collision detection) costs as
  /// much as inflating them. A corrupt object still fails to inflate and is reported.
  private static let objectCacheBytes = 256 * 1024
  private static let packWindowBytes = 32 * 1_048_576
  private static let packMappedLimitBytes = 64 * 1_048_576

  private static let initialized: Bool = {
    git_libgit2_init()
    parapet_git_set_strict_hash_verification(0)
    // Every object is read once per scan, so libgit2's object cache (256 MiB by default) only
    // grows the peak. 256 KiB keeps the trees of the commits in flight; at 4 MiB the cache held
    // the 30,000 commits of a walk (4.2 MB) and the peak was 118 against 110 MiB, in the same
    // time.
    parapet_git_set_cache_max_size(objectCacheBytes)
    // By default libgit2 maps packs in 1 GiB windows up to 8 GiB, and every mapped page a scan
    // touched counts in its resident set, once per open handle: a 2.6 GB pack gave a 4.5 GB
    // peak. At 100,000 commits (a 106 MB pack), 32 MiB windows within 64 MiB peak at 135 MiB
    // in 15 s; 64 within 128 at 195 MiB in 13 s; 16 within 32 at 124 MiB but in 24 s, remapping.
    parapet_git_set_pack_mapping(packWindowBytes, packMappedLimitBytes)
    return true
  }()

  /// Makes every thread of the process share one malloc arena. glibc gives each thread that
  /// allocates an arena of its own and keeps the pages freed in it; a history scan's workers
  /// allocate and free blob buffers without pause, and one arena cut its peak by a tenth to a
  /// sixth (109 against 122 MiB at 30,000 commits, 122 against 143 at 100,000) for no measurable
  /// time. Call it first thing, before any thread starts.
  public static func shareOneAllocatorArena() {
    parapet_limit_malloc_arenas(1)
  }

  /// The repository's packs, mapped for `readPacks(_:)`.
  public func packFiles() -> PackFiles {
    PackFiles(
      objectsFolder: Self.trimSlash(String(cString: git_repository_commondir(handle))) + "/objects")
  }

  /// Reads blobs from these packs itself from now on, and whatever they do not hold through
  /// libgit2.
  /// - Parameter files: this repository's packs, as `packFiles()` mapped them.
  public func readPacks(_ files: PackFiles) {
    packReader = PackReader(files)
  }

  /// Frees what libgit2 holds for this handle (its packs' mappings, its delta-base cache, its
  /// object cache) and hands freed memory back to the system. libgit2 reads again on demand.
  public func releaseCaches() {
    parapet_git_release_caches(handle)
  }

  static func setUp() {
    _ = initialized
  }

  /// Whether the repository has no commit at all (`git init` and nothing committed yet): HEAD is
  /// unborn and no reference exists. (`git_repository_is_empty` also wants HEAD on `master` or
  /// `init.defaultBranch`, so `git init -b main` would not count as empty.)
  public var isEmpty: Bool {
    guard git_repository_head_unborn(handle) == 1 else { return false }
    var iterator: OpaquePointer?
    guard git_reference_iterator_new(&iterator, handle) == 0 else { return false }
    defer { git_reference_iterator_free(iterator) }
    var reference: OpaquePointer?
    let next = git_reference_next(&reference, iterator)
    git_reference_free(reference)
    return next == GIT_ITEROVER.rawValue
  }

  /// Whether the repository is a shallow clone: history stops at a boundary.
  public var isShallow: Bool { git_repository_is_shallow(handle) == 1 }

  /// The paths of the index (tracked files), repo-relative, as git stores them (bytes: a name
  /// need not be UTF-8).
  /// - Returns: the paths in index order.
  /// - Throws: when the index cannot be read.
  public func trackedPaths() throws -> [SourcePath] {
    let index = try self.index()
    defer { git_index_free(index) }
    let count = git_index_entrycount(index)
    var paths: [SourcePath] = []
    paths.reserveCapacity(count)
    for position in 0..<count {
      guard let entry = git_index_get_byindex(index, position) else { continue }
      let mode = entry.pointee.mode
      if mode == 0o160000 { continue }  // a submodule is its own repository
      if let path = Self.sourcePath(entry.pointee.path) { paths.append(path) }
    }
    return paths
  }

  /// A path libgit2 gives as a C string, as raw bytes.
  static func sourcePath(_ pointer: UnsafePointer<CChar>?) -> SourcePath? {
    guard let pointer else { return nil }
    return SourcePath(bytes: UnsafeRawBufferPointer(start: pointer, count: strlen(pointer)))
  }

  /// A path or name libgit2 gives, as reports show it: lossless when it is not UTF-8 (each
  /// invalid byte as `\xHH`), where `String(cString:)` would replace the bytes.
  static func shown(_ pointer: UnsafePointer<CChar>) -> String {
    sourcePath(pointer)?.description ?? String(cString: pointer)
  }

  /// Untracked files that no ignore rule covers, repo-relative.
  /// - Returns: the paths.
  /// - Throws: when status cannot be computed.
  public func untrackedPaths() throws -> [SourcePath] {
    var options = git_status_options()
    git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION))
    options.show = GIT_STATUS_SHOW_WORKDIR_ONLY
    options.flags =
      UInt32(GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue)
      | UInt32(GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue)
      | UInt32(GIT_STATUS_OPT_EXCLUDE_SUBMODULES.rawValue)
    var list: OpaquePointer?
    try check(git_status_list_new(&list, handle, &options), "git_status_list_new")
    defer { git_status_list_free(list) }
    var paths: [SourcePath] = []
    for position in 0..<git_status_list_entrycount(list) {
      guard let entry = git_status_byindex(list, position),
        entry.pointee.status.rawValue & GIT_STATUS_WT_NEW.rawValue != 0,
        let delta = entry.pointee.index_to_workdir,
        let path = Self.sourcePath(delta.pointee.new_file.path)
      else { continue }
      paths.append(path)
    }
    return paths
  }

  /// What the index adds or modifies against HEAD (everything, before the first commit).
  /// - Returns: one change per added or modified file, submodules and symlinks left out.
  /// - Throws: when HEAD or the index cannot be read.
  public func stagedChanges() throws -> [FileChange] {
    let index = try self.index()
    defer { git_index_free(index) }
    let headTree = try self.headTree()
    defer { git_tree_free(headTree) }
    var diff: OpaquePointer?
    var options = Self.diffOptions()
    try check(
      git_diff_tree_to_index(&diff, handle, headTree, index, &options), "git_diff_tree_to_index")
    defer { git_diff_free(diff) }
    return Self.changes(in: diff)
  }

  /// The blob's bytes.
  /// - Parameter id: a blob id.
  /// - Returns: its content.
  /// - Throws: when the object is missing or not a blob.
  public func blob(_ id: ObjectID) throws -> [UInt8] {
    if let object = id.withBytes({ packReader?.object($0) }), object.type == .blob {
      return object.bytes
    }
    let blob = try lookupBlob(id)
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let content = git_blob_rawcontent(blob) else { return [] }
    return Array(UnsafeRawBufferPointer(start: content, count: size))
  }

  /// The blob's size, read from its header without loading it where the object store allows.
  /// - Parameter id: a blob id.
  /// - Returns: its size in bytes.
  /// - Throws: when the object is missing.
  public func blobSize(_ id: ObjectID) throws -> Int {
    if let size = id.withBytes({ packReader?.size($0) }) { return size }
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    var size = 0
    var type = GIT_OBJECT_ANY
    var oid = id.raw
    try check(git_odb_read_header(&size, &type, odb, &oid), "git_odb_read_header")
    return size
  }

  func lookupBlob(_ id: ObjectID) throws -> OpaquePointer {
    var blob: OpaquePointer?
    var oid = id.raw
    try check(git_blob_lookup(&blob, handle, &oid), "git_blob_lookup \(id)")
    guard let blob else {
      throw ParapetGitError.libgit2(call: "git_blob_lookup", message: "no blob")
    }
    return blob
  }

  func index() throws -> OpaquePointer {
    var index: OpaquePointer?
    try check(git_repository_index(&index, handle), "git_repository_index")
    guard let index else {
      throw ParapetGitError.libgit2(call: "git_repository_index", message: "no index")
    }
    return index
  }

  /// HEAD's tree, or nil before the first commit.
  private func headTree() throws -> OpaquePointer? {
    var object: OpaquePointer?
    let status = git_revparse_single(&object, handle, "HEAD^{tree}")
    if status == GIT_ENOTFOUND.rawValue || status == GIT_EUNBORNBRANCH.rawValue { return nil }
    try check(status, "git_revparse_single HEAD")
    return object
  }

  func check(_ status: Int32, _ call: String) throws {
    guard status < 0 else { return }
    let message = git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } }
    throw ParapetGitError.libgit2(call: call, message: message ?? "error \(status)")
  }

  static func diffOptions() -> git_diff_options {
    var options = git_diff_options()
    git_diff_options_init(&options, UInt32(GIT_DIFF_OPTIONS_VERSION))
    options.flags |= UInt32(GIT_DIFF_IGNORE_SUBMODULES.rawValue)
    return options
  }

  /// The added and modified regular files of a diff.
  static func changes(in diff: OpaquePointer?) -> [FileChange] {
    var result: [FileChange] = []
    for position in 0..<git_diff_num_deltas(diff) {
      guard let delta = git_diff_get_delta(diff, position) else { continue }
      let status = delta.pointee.status
      guard
        status == GIT_DELTA_ADDED || status == GIT_DELTA_MODIFIED
          || status == GIT_DELTA_RENAMED || status == GIT_DELTA_COPIED
          || status == GIT_DELTA_TYPECHANGE
      else { continue }
      let newFile = delta.pointee.new_file
      let mode = UInt32(newFile.mode)
      guard mode == 0o100644 || mode == 0o100755, let path = newFile.path else { continue }
      let old = ObjectID(delta.pointee.old_file.id)
      let oldMode = UInt32(delta.pointee.old_file.mode)
      let oldIsFile = oldMode == 0o100644 || oldMode == 0o100755
      result.append(
        FileChange(
          path: shown(path),
          oldBlob: status == GIT_DELTA_ADDED || old.isZero || !oldIsFile ? nil : old,
          newBlob: ObjectID(newFile.id)))
    }
    return result
  }

  private static func trimSlash(_ path: String) -> String {
    path.count > 1 && path.hasSuffix("/") ? String(path.dropLast()) : path
  }
}
