import Foundation
import ParapetCore

extension DepsOptions {
  /// The keys of this job's section of `.parapet.toml`.
  public static let configKeys: Set<String> = [
    "db", "max-db-age", "include-fixtures", "prod-only", "ignore", "ignore-unfixed",
  ]

  /// Applies `.parapet.toml`'s `[deps]` section; flags given on the command line win.
  /// - Parameters:
  ///   - config: the loaded configuration.
  ///   - baseDirectory: where a relative `db` path resolves.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming the line of a bad key.
  public mutating func apply(_ config: ParapetConfig, baseDirectory: URL) throws {
    guard let document = config.document else { return }
    let section = config.section("deps")
    try document.checkKeys(section, allowed: Self.configKeys, under: "[deps]")
    if let path = section["db"]?.string {
      database = URL(fileURLWithPath: path, relativeTo: baseDirectory).standardizedFileURL
    }
    if let value = section["max-db-age"] {
      guard let days = value.int, days > 0 else {
        throw document.error(
          at: "max-db-age", under: "[deps]", "max-db-age must be a positive number of days")
      }
      maxDatabaseAgeDays = days
    }
    if let value = section["include-fixtures"]?.bool { includeFixtures = value }
    if let value = section["prod-only"]?.bool { prodOnly = value }
    if let value = section["ignore-unfixed"]?.bool { ignoreUnfixed = value }
    for (index, value) in (section["ignore"]?.array ?? []).enumerated() {
      guard let table = value.table, let id = table["id"]?.string,
        let reason = table["reason"]?.string
      else {
        throw document.error(
          at: "id", under: "[[deps.ignore]]", occurrence: index,
          "each [[deps.ignore]] needs 'id' and 'reason'")
      }
      try document.checkKeys(
        table, allowed: ["id", "reason", "until"], under: "[[deps.ignore]]", occurrence: index)
      ignores.append(Ignore(id: id, reason: reason, until: table["until"]?.string))
    }
  }
}
