import CSQLite
import ParapetCore
import ParapetDeps

/// The packages rpm has installed: its SQLite database (`rpmdb.sqlite`, Fedora 33 and later,
/// RHEL 9 and its rebuilds, openSUSE), one header blob per row of the `Packages` table. The
/// database is read from the bytes the layer held, with SQLite's in-memory deserialization:
/// nothing is written to disk. The Berkeley DB (`Packages`, RHEL 8 and older) and NDB
/// (`Packages.db`, SUSE) formats are not read; an image that has one is told so.
enum RpmDatabase {
  /// Where rpm keeps the database: the old place, and the one Fedora 36 and openSUSE moved to
  /// (the old one is then often a symbolic link to it).
  static let sqlitePaths = ["var/lib/rpm/rpmdb.sqlite", "usr/lib/sysimage/rpm/rpmdb.sqlite"]
    .compactMap(SourcePath.init)
  static let unreadPaths = [
    "var/lib/rpm/Packages", "var/lib/rpm/Packages.db", "usr/lib/sysimage/rpm/Packages.db",
  ].compactMap(SourcePath.init)

  /// The largest database read; a full RHEL system's is under 100 MiB.
  static let largestDatabase = 512 << 20

  /// What a layer's database file held.
  enum Contents: Sendable {
    case packages([(row: Int, header: RpmHeader)])
    case unreadable(String)
  }

  /// Whether a path is a database this reads, so that its bytes are read even though binary.
  static func isDatabase(_ path: SourcePath) -> Bool { sqlitePaths.contains(path) }

  /// Reads the database's headers.
  /// - Parameter bytes: the file's bytes.
  static func contents(of bytes: [UInt8]) -> Contents {
    guard !bytes.isEmpty else { return .unreadable("the file is empty") }
    var database: OpaquePointer?
    guard sqlite3_open_v2(":memory:", &database, SQLITE_OPEN_READWRITE, nil) == SQLITE_OK,
      let database
    else {
      return .unreadable("SQLite could not open an in-memory database")
    }
    defer { sqlite3_close(database) }
    // SQLite takes the bytes as its own (and frees them on close); rpm leaves the file in
    // write-ahead-log mode, which a deserialized database cannot be, so the copy says
    // rollback-journal mode (bytes 18 and 19 of the header) and reads the same pages.
    guard let memory = sqlite3_malloc64(sqlite3_uint64(bytes.count)) else {
      return .unreadable("SQLite could not allocate \(bytes.count) bytes")
    }
    let buffer = memory.bindMemory(to: UInt8.self, capacity: bytes.count)
    bytes.withUnsafeBufferPointer { buffer.update(from: $0.baseAddress!, count: bytes.count) }
    if bytes.count >= 20, bytes[18] == 2, bytes[19] == 2 {
      buffer[18] = 1
      buffer[19] = 1
    }
    let flags = UInt32(SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY)
    guard
      sqlite3_deserialize(
        database, "main", buffer, sqlite3_int64(bytes.count), sqlite3_int64(bytes.count), flags)
        == SQLITE_OK
    else {
      return .unreadable(message(database))
    }
    var statement: OpaquePointer?
    guard
      sqlite3_prepare_v2(
        database, "SELECT hnum, blob FROM Packages ORDER BY hnum", -1, &statement, nil)
        == SQLITE_OK, let statement
    else {
      return .unreadable(message(database))
    }
    defer { sqlite3_finalize(statement) }
    var headers: [(row: Int, header: RpmHeader)] = []
    while true {
      let step = sqlite3_step(statement)
      if step == SQLITE_DONE { break }
      guard step == SQLITE_ROW else { return .unreadable(message(database)) }
      let row = Int(sqlite3_column_int64(statement, 0))
      let size = Int(sqlite3_column_bytes(statement, 1))
      guard let blob = sqlite3_column_blob(statement, 1), size > 0 else { continue }
      let bytes = Array(
        UnsafeBufferPointer(start: blob.assumingMemoryBound(to: UInt8.self), count: size))
      guard let header = RpmHeader(bytes) else {
        return .unreadable("package row \(row) is not a well-formed rpm header")
      }
      headers.append((row, header))
    }
    return .packages(headers)
  }

  private static func message(_ database: OpaquePointer) -> String {
    "not an rpm database (SQLite: \(String(cString: sqlite3_errmsg(database))))"
  }

  /// The installed packages, as one lockfile in the deps model (none when there is no database).
  /// A package's line is its row in the `Packages` table.
  /// - Parameters:
  ///   - source: the image's files.
  ///   - release: the distribution, for the ecosystem's release and the purls.
  static func read(from source: ImageSource, release: OSRelease?) -> [Lockfile] {
    for path in sqlitePaths {
      guard let real = source.resolve(path, followingLast: true), let node = source.tree[real],
        case .file = node.kind
      else { continue }
      // A database too large to read was left unread by the layer reader.
      let contents =
        node.rpmDatabase
        ?? .unreadable("\(node.size) bytes, more than the \(largestDatabase >> 20) MiB read")
      var lockfile = Lockfile(path: real.description, kind: "rpm database", packages: [])
      switch contents {
      case .unreadable(let reason):
        lockfile.notices.append((1, "\(real): \(reason); its packages are not listed"))
      case .packages(let headers):
        // A distribution OSV has no advisories for (Fedora, CentOS Stream, openSUSE, Amazon
        // Linux) is put in Red Hat's family with a release that names no OSV release: it
        // matches none.
        let family =
          audited(release) ?? (.redHat, "\(release?.id ?? "unknown"):\(release?.versionID ?? "")")
        lockfile.packages = headers.compactMap { row, header in
          // rpm lists the keys it trusts as packages named gpg-pubkey; they are not software.
          header.name == "gpg-pubkey"
            ? nil : package(header, row: row, path: real, release: release, family: family)
        }
        // rpm checkpoints its log when it closes the database; a log left with pages in it
        // holds what was written since, which the file alone does not show.
        if let log = real.folder.appending(real.name + "-wal"), (source.tree[log]?.size ?? 0) > 0 {
          lockfile.notices.append(
            (
              1,
              "\(log) is not empty: what rpm wrote since its last checkpoint is not read, and packages may be missing"
            ))
        }
        if audited(release) == nil {
          lockfile.notices.append(
            (
              1,
              "\(release?.prettyName ?? "this distribution") has no OSV advisories Parapet reads: its rpm packages are listed, not audited"
            ))
        }
      }
      return [lockfile]
    }
    for path in unreadPaths where source.tree[path] != nil {
      var lockfile = Lockfile(path: path.description, kind: "rpm database", packages: [])
      lockfile.notices.append(
        (1, "\(path): rpm's Berkeley DB and NDB formats are not read; its packages are not listed"))
      return [lockfile]
    }
    return []
  }

  /// One row's package, of the ecosystem and OSV release `family` names.
  private static func package(
    _ header: RpmHeader, row: Int, path: SourcePath, release: OSRelease?,
    family: (ecosystem: Ecosystem, osvRelease: String)
  ) -> Package {
    var qualifiers = ["distro": release?.distroQualifier ?? "rpm"]
    qualifiers["arch"] = header.arch
    qualifiers["upstream"] = header.sourceRPM
    return Package(
      ecosystem: family.ecosystem, name: header.name, version: header.fullVersion, direct: true,
      path: path.description, line: row, declaredLicense: header.license,
      release: family.osvRelease,
      qualifiers: qualifiers)
  }

  /// The OSV ecosystem and release of an rpm distribution OSV has advisories for.
  static func audited(_ release: OSRelease?) -> (Ecosystem, String)? {
    guard let own = release?.ecosystem, let number = own.release,
      [.redHat, .rockyLinux, .almaLinux].contains(own.ecosystem)
    else { return nil }
    return (own.ecosystem, number)
  }
}
