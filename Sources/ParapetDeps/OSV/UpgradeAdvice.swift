/// The one upgrade that fixes every advisory of a package version at once: the lowest version
/// above the installed one, in the ecosystem's ordering, that no affected range or version list
/// of any record of the package covers. Every record counts, not only those of the installed
/// version, so that the advice never moves onto a version with advisories of its own.
enum UpgradeAdvice {
  /// The lowest version that fixes all of a package version's advisories.
  ///
  /// The candidates are the versions the records name as boundaries above the installed one:
  /// every `fixed` event and every `limit` (the first version a range no longer covers). A
  /// `last_affected` event names no next version, so a record that has only those is fixed by a
  /// candidate from another record, or by none known.
  /// - Parameters:
  ///   - package: the installed package.
  ///   - records: every record of the package.
  /// - Returns: the version, or nil when no known version fixes them all.
  static func fixAll(_ package: Package, records: [OSVRecord]) -> String? {
    let scheme = package.ecosystem.versionScheme
    let entries = records.flatMap { record in
      (record.affected ?? []).filter { affected in
        guard let ref = affected.package else { return false }
        return package.isInEcosystem(ref.ecosystem)
          && package.ecosystem.normalize(ref.name)
            == package.ecosystem.normalize(package.advisoryName)
      }
    }
    var candidates = Set<String>()
    for entry in entries {
      for range in entry.ranges ?? [] where range.type != "GIT" {
        let order: VersionScheme = range.type == "SEMVER" ? .semver : scheme
        for event in range.events {
          for bound in [event.fixed, event.limit].compactMap({ $0 }) where bound != "*" {
            if order.compare(bound, package.advisoryVersion) > 0 { candidates.insert(bound) }
          }
        }
      }
    }
    return candidates.sorted { scheme.compare($0, $1) < 0 }.first { candidate in
      !entries.contains { RangeEvaluator.evaluate($0, version: candidate, scheme: scheme).affected }
    }
  }

  /// Whether moving between two versions crosses a major version: the first number differs, or
  /// for versions below 1, the second (`0.3` to `0.4` breaks as `1` to `2` does, by SemVer's
  /// and Cargo's convention).
  /// - Parameters:
  ///   - installed: the installed version.
  ///   - upgrade: the version to move to.
  /// - Returns: true when the upgrade is a new major version.
  static func isNewMajor(from installed: String, to upgrade: String) -> Bool {
    let old = numbers(installed)
    let new = numbers(upgrade)
    guard let oldMajor = old.first, let newMajor = new.first else { return false }
    if oldMajor != newMajor { return true }
    return oldMajor == 0 && old.dropFirst().first != new.dropFirst().first
  }

  /// The leading numbers of a version: `v1.26.4rc1` → 1, 26, 4.
  private static func numbers(_ version: String) -> [Int] {
    let trimmed = version.drop { !$0.isNumber }
    var result: [Int] = []
    for part in trimmed.split(whereSeparator: { $0 == "." || $0 == "-" || $0 == "+" }) {
      guard let number = Int(part.prefix { $0.isNumber }) else { break }
      result.append(number)
      if part.contains(where: { !$0.isNumber }) { break }
    }
    return result
  }
}
