import CSQLite
import Foundation

/// Writes rpm's SQLite package database as rpm 4.16 and later write it: a `Packages` table of
/// header blobs, in write-ahead-log mode. Each header is laid out as rpm documents it: a count
/// of index entries and the data's size, 16-byte entries (tag, type, offset, count), the data;
/// the first entry is the immutable region (tag 63) that rpm puts first.
public enum TestRpmDatabase {
  public struct Package: Sendable {
    public var name: String
    public var epoch: Int?
    public var version: String
    public var release: String
    public var arch: String?
    public var license: String?
    public var sourceRPM: String?

    public init(
      name: String, epoch: Int? = nil, version: String, release: String, arch: String?,
      license: String?, sourceRPM: String?
    ) {
      self.name = name
      self.epoch = epoch
      self.version = version
      self.release = release
      self.arch = arch
      self.license = license
      self.sourceRPM = sourceRPM
    }
  }

  /// Two packages as a Rocky Linux 9.3 base image's database lists them: one with an epoch.
  public static let rocky = [
    Package(
      name: "openssl-libs", epoch: 1, version: "3.0.7", release: "24.el9", arch: "x86_64",
      license: "ASL 2.0", sourceRPM: "openssl-3.0.7-24.el9.src.rpm"),
    Package(
      name: "bash", version: "5.1.8", release: "6.el9_1", arch: "x86_64", license: "GPLv3+",
      sourceRPM: "bash-5.1.8-6.el9_1.src.rpm"),
  ]

  /// The database's bytes.
  public static func bytes(_ packages: [Package]) throws -> [UInt8] {
    // Removed when `scratch` is released, which the defer holds off until the function returns.
    let scratch = try TemporaryRepository(git: false)
    defer { withExtendedLifetime(scratch) {} }
    let folder = scratch.url
    let path = folder.appendingPathComponent("rpmdb.sqlite").path
    var database: OpaquePointer?
    guard sqlite3_open(path, &database) == SQLITE_OK, let database else {
      throw TemplateError("cannot create \(path)")
    }
    let statements = [
      "PRAGMA journal_mode=WAL",
      "CREATE TABLE Packages (hnum INTEGER PRIMARY KEY AUTOINCREMENT, blob BLOB NOT NULL)",
      "CREATE TABLE Name (key TEXT NOT NULL, hnum INTEGER NOT NULL, idx INTEGER NOT NULL, FOREIGN KEY (hnum) REFERENCES Packages(hnum))",
    ]
    for sql in statements where sqlite3_exec(database, sql, nil, nil, nil) != SQLITE_OK {
      throw TemplateError(String(cString: sqlite3_errmsg(database)))
    }
    var insert: OpaquePointer?
    sqlite3_prepare_v2(database, "INSERT INTO Packages (blob) VALUES (?)", -1, &insert, nil)
    for package in packages {
      let blob = header(package)
      sqlite3_reset(insert)
      _ = blob.withUnsafeBytes {
        sqlite3_bind_blob(insert, 1, $0.baseAddress, Int32($0.count), nil)
      }
      guard sqlite3_step(insert) == SQLITE_DONE else {
        throw TemplateError(String(cString: sqlite3_errmsg(database)))
      }
    }
    sqlite3_finalize(insert)
    // rpm leaves the log checkpointed into the file; so does closing the last connection.
    sqlite3_close(database)
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    FuzzSeeds.keep(data, named: "rpmdb.sqlite")
    return Array(data)
  }

  /// One package's header blob.
  public static func header(_ package: Package) -> [UInt8] {
    var entries: [(tag: UInt32, type: UInt32, offset: UInt32, count: UInt32)] = []
    var data: [UInt8] = []
    func string(_ tag: UInt32, _ value: String?) {
      guard let value else { return }
      entries.append((tag, 6, UInt32(data.count), 1))
      data += Array(value.utf8) + [0]
    }
    string(1000, package.name)
    string(1001, package.version)
    string(1002, package.release)
    if let epoch = package.epoch {
      while data.count % 4 != 0 { data.append(0) }
      entries.append((1003, 4, UInt32(data.count), 1))
      data += bigEndian(UInt32(epoch))
    }
    string(1014, package.license)
    string(1022, package.arch)
    string(1044, package.sourceRPM)
    // The region trailer: an entry pointing back over the index, as rpm writes it.
    let regionOffset = UInt32(data.count)
    data +=
      bigEndian(63) + bigEndian(7) + bigEndian(UInt32(bitPattern: -Int32(entries.count + 1) * 16))
      + bigEndian(16)
    entries.insert((63, 7, regionOffset, 16), at: 0)
    var blob = bigEndian(UInt32(entries.count)) + bigEndian(UInt32(data.count))
    for entry in entries {
      blob +=
        bigEndian(entry.tag) + bigEndian(entry.type) + bigEndian(entry.offset)
        + bigEndian(entry.count)
    }
    FuzzSeeds.keep(Data(blob + data), named: "rpm-header")
    return blob + data
  }

  private static func bigEndian(_ value: UInt32) -> [UInt8] {
    [UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)]
  }
}
