import ParapetCore

/// `parapet deps --fix-plan`: one row per vulnerable package version, with the one upgrade that
/// fixes all of its vulnerabilities, and for a transitive package the direct dependency that
/// pulls it in (the one to upgrade, or to override the package under).
public enum FixPlanWriter {
  /// The plan's text.
  /// - Parameter report: the run; findings with `vulnerabilitiesOfPackage` make the rows.
  /// - Returns: the table, most severe first, ending in a newline.
  public static func render(_ report: RunReport) -> String {
    let groups = PackageGroup.groups(
      Severity.allCases.reversed().flatMap { severity in
        report.findings.filter {
          $0.severity == severity && $0.properties["vulnerabilitiesOfPackage"] != nil
        }
      })
    guard !groups.isEmpty else { return "no vulnerable package: nothing to upgrade\n" }
    var rows = [
      ["lockfile", "package", "installed", "upgrade to", "fixes", "most severe", "pulled in by"]
    ]
    for group in groups {
      let first = group.findings[0]
      let text = { (key: String) -> String in
        if case .string(let value)? = first.properties[key] { return value }
        return ""
      }
      var upgrade = text("fixAll").isEmpty ? "none known" : text("fixAll")
      if case .bool(true)? = first.properties["fixAllIsNewMajor"] { upgrade += " (new major)" }
      let chain = text("dependencyPath").components(separatedBy: " → ")
      let direct = first.properties["direct"] == .bool(true) || chain.count < 2
      rows.append(
        [
          first.location?.path ?? "", text("package"), text("installedVersion"), upgrade,
          "\(group.findings.count)", first.severity.rawValue, direct ? "direct" : chain[0],
        ].map(TerminalText.escaped))
    }
    let vulnerabilities = groups.reduce(0) { $0 + $1.findings.count }
    let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
    let table = rows.map { row in
      row.enumerated().map { column, cell in
        cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
      }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
    }
    let packages = groups.count == 1 ? "1 package" : "\(groups.count) packages"
    return (["\(packages) to upgrade, fixing \(vulnerabilities) vulnerabilities", ""] + table)
      .joined(separator: "\n") + "\n"
  }
}
