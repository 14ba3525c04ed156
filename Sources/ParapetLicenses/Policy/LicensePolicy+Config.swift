import Foundation
import ParapetCore

extension LicensePolicy {
  /// The keys of this job's section of `.parapet.toml`.
  public static let configKeys: Set<String> = [
    "project", "allow", "deny", "override", "include-fixtures", "prod-only", "unknown",
  ]

  /// Applies `.parapet.toml`'s `[licenses]` section; flags given on the command line win.
  /// - Parameter config: the loaded configuration.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming the line of a bad key or value.
  public mutating func apply(_ config: ParapetConfig) throws {
    guard let document = config.document else { return }
    let section = config.section("licenses")
    try document.checkKeys(section, allowed: Self.configKeys, under: "[licenses]")
    if let value = section["unknown"] {
      guard let name = value.string, let choice = Unknown(rawValue: name) else {
        throw document.error(
          at: "unknown", under: "[licenses]", "unknown must be one of: warn, deny, allow")
      }
      unknown = choice
    }
    if let value = section["project"] {
      guard let text = value.string, DeclaredLicense(text)?.expression != nil else {
        throw document.error(
          at: "project", under: "[licenses]", "project must be an SPDX license expression")
      }
      project = text
    }
    for key in ["allow", "deny"] {
      guard let value = section[key] else { continue }
      guard let items = value.array?.compactMap(\.string), items.count == value.array?.count else {
        throw document.error(at: key, under: "[licenses]", "\(key) must be a list of strings")
      }
      if let bad = items.first(where: { Self.policyEntryProblem($0) != nil }) {
        throw document.error(
          at: key, under: "[licenses]", "\(key): \(Self.policyEntryProblem(bad) ?? "")")
      }
      if key == "allow" { allow = items } else { deny = items }
    }
    if let value = section["include-fixtures"]?.bool { includeFixtures = value }
    if let value = section["prod-only"]?.bool { prodOnly = value }
    for (index, value) in (section["override"]?.array ?? []).enumerated() {
      let header = "[[licenses.override]]"
      guard let table = value.table, let package = table["package"]?.string,
        let reason = table["reason"]?.string
      else {
        throw document.error(
          at: "package", under: header, occurrence: index,
          "each [[licenses.override]] needs 'package' and 'reason'")
      }
      try document.checkKeys(
        table, allowed: ["package", "license", "reason", "until"], under: header,
        occurrence: index)
      let license = table["license"]?.string
      if let license, DeclaredLicense(license)?.expression == nil {
        throw document.error(
          at: "license", under: header, occurrence: index,
          "license must be an SPDX license expression")
      }
      overrides.append(
        Override(package: package, license: license, reason: reason, until: table["until"]?.string))
    }
  }

  /// Why an `allow`/`deny` entry is not a license id, `X WITH Y` or category; nil when it is.
  /// - Parameter entry: the entry.
  /// - Returns: the problem, or nil.
  public static func policyEntryProblem(_ entry: String) -> String? {
    if LicenseCatalog.embedded.categories[entry] != nil { return nil }
    do {
      switch try LicenseExpressionParser().parse(entry) {
      case .license, .exception: return nil
      case .all, .any: return "'\(entry)' is an expression; list its licenses one by one"
      }
    } catch {
      let categories = LicenseCatalog.embedded.categories.keys.sorted().joined(separator: ", ")
      return "'\(entry)' is neither an SPDX license id nor a category (\(categories)): \(error)"
    }
  }
}
