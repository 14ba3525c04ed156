import Foundation

@testable import ParapetDeps

/// OSV records: decoded as the database decodes them, then every affected package matched at
/// every version the record names, which walks its ranges in the ecosystem's ordering and reads
/// its CVSS vectors.
enum OSVTarget {
  /// Advisory files are named for their id: `GHSA-….json`, `PYSEC-….json`, `RUSTSEC-….json`.
  @Sendable static func isAdvisory(_ name: String) -> Bool {
    name.hasSuffix(".json") && name.first?.isUppercase == true && name.contains("-")
  }

  static let target = FuzzTarget(
    "osv-record", seeds: isAdvisory,
    run: { bytes in
      guard let record = try? JSONDecoder().decode(OSVRecord.self, from: Data(bytes)) else {
        return
      }
      var database = OSVDatabase()
      database.add(record)
      var packages: [Package] = []
      for affected in record.affected ?? [] {
        guard let named = affected.package, let ecosystem = OSVDatabase.ecosystem(named.ecosystem)
        else { continue }
        let events = (affected.ranges ?? []).flatMap(\.events)
        let versions =
          (affected.versions ?? [])
          + events.flatMap {
            [$0.introduced, $0.fixed, $0.lastAffected, $0.limit].compactMap { $0 }
          }
        for version in versions.prefix(64) {
          packages.append(
            Package(
              ecosystem: ecosystem, name: named.name, version: version, path: "fuzz", line: 1))
        }
      }
      _ = VulnerabilityMatcher.matches(packages, in: database)
    })
}
