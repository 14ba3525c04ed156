import ParapetCore

/// The findings the terminal shows under one heading: a vulnerable package version's
/// advisories together, headed by the one upgrade that fixes them all ("urllib3 1.26.4 →
/// 1.26.18 fixes 7"); any other finding stands alone.
struct PackageGroup {
  let findings: [Finding]

  /// Groups findings in their order: a package's vulnerabilities (findings with
  /// `vulnerabilitiesOfPackage`) join the group of its first one.
  static func groups(_ findings: [Finding]) -> [PackageGroup] {
    let groups = findings.grouped { finding -> String? in
      guard finding.properties["vulnerabilitiesOfPackage"] != nil,
        case .string(let name)? = finding.properties["package"],
        case .string(let version)? = finding.properties["installedVersion"]
      else { return nil }
      return "\(finding.location?.path ?? "") \(name) \(version)"
    }
    return groups.map(PackageGroup.init)
  }

  /// The group's lines: a finding alone as usual; a package's as a heading with the most
  /// severe of them, then one indented line per advisory.
  func lines(job: String, paint: Paint) -> [String] {
    let first = findings[0]
    guard case .string(let name)? = first.properties["package"],
      case .string(let version)? = first.properties["installedVersion"],
      first.properties["vulnerabilitiesOfPackage"] != nil
    else { return findings.map { SummaryWriter.line($0, job: job, paint: paint) } }
    let place = first.location.map { "\($0.path):\($0.startLine):\($0.startColumn): " } ?? ""
    let count = findings.count
    var heading = "\(name) \(version)"
    if case .string(let fixAll)? = first.properties["fixAll"] {
      heading += " → \(fixAll) fixes \(count)"
      if case .bool(true)? = first.properties["fixAllIsNewMajor"] {
        heading += " (a new major version)"
      }
    } else {
      heading += ": no known version fixes all \(count)"
    }
    var lines = [
      TerminalText.escaped(place) + paint.severity(first.severity) + " "
        + TerminalText.escaped(heading)
    ]
    for finding in findings {
      var text = "\(finding.ruleId): "
      if case .string(let summary)? = finding.properties["summary"] { text += summary }
      if case .string(let fixed)? = finding.properties["fixedVersion"] {
        text += "; fixed in \(fixed)"
      }
      lines.append("    " + paint.severity(finding.severity) + " " + TerminalText.escaped(text))
    }
    return lines
  }
}
