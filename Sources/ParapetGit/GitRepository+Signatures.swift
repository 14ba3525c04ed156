import CGit2

extension GitRepository {
  /// A commit's signed parts, read from the raw object so that every signature header is seen
  /// (libgit2's `git_commit_extract_signature` returns only the first).
  /// - Parameter id: the commit.
  /// - Returns: its payload, signatures, parents, committer and merge tags.
  /// - Throws: when the object is missing or not a commit.
  public func signedCommit(_ id: ObjectID) throws -> SignedObject {
    SignedObject.commit(id: id, bytes: try rawObject(id, expecting: GIT_OBJECT_COMMIT)) {
      ObjectID(hex: $0)
    }
  }

  /// The annotated tags of the repository, each with its signed parts; lightweight tags have no
  /// object to sign and are left out.
  /// - Returns: `(tag name, signed tag)` pairs, by name.
  /// - Throws: when the refs cannot be listed.
  public func signedTags() throws -> [(name: String, tag: SignedObject)] {
    var names = git_strarray()
    try check(git_tag_list(&names, handle), "git_tag_list")
    defer { git_strarray_dispose(&names) }
    var tags: [(String, SignedObject)] = []
    for index in 0..<names.count {
      guard let pointer = names.strings[index] else { continue }
      let name = String(cString: pointer)
      var oid = git_oid()
      guard git_reference_name_to_id(&oid, handle, "refs/tags/\(name)") == 0,
        let bytes = try? rawObject(ObjectID(oid), expecting: GIT_OBJECT_TAG)
      else { continue }
      tags.append((name, SignedObject.tag(id: ObjectID(oid), bytes: bytes)))
    }
    return tags.sorted { $0.0 < $1.0 }
  }

  private func rawObject(_ id: ObjectID, expecting type: git_object_t) throws -> [UInt8] {
    var odb: OpaquePointer?
    try check(git_repository_odb(&odb, handle), "git_repository_odb")
    defer { git_odb_free(odb) }
    var object: OpaquePointer?
    var oid = id.raw
    try check(git_odb_read(&object, odb, &oid), "git_odb_read \(id)")
    defer { git_odb_object_free(object) }
    guard git_odb_object_type(object) == type else {
      throw ParapetGitError.libgit2(call: "git_odb_read", message: "\(id) is not a \(type)")
    }
    let size = git_odb_object_size(object)
    guard size > 0, let data = git_odb_object_data(object) else { return [] }
    return Array(UnsafeRawBufferPointer(start: data, count: size))
  }
}

extension ObjectID {
  /// Parses 40 hex digits.
  init?(hex: String) {
    var oid = git_oid()
    guard hex.utf8.count == 40, git_oid_fromstr(&oid, hex) == 0 else { return nil }
    self.init(oid)
  }
}
