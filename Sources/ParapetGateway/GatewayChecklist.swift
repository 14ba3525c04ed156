import ParapetCore

/// The checklist view of the gateway job: one unit per (configuration, step), so JUnit has a
/// test case for each and `parapet gateway --checklist` a row for each. A step no rule checks
/// in a configuration's formats is not applicable to it.
public enum GatewayChecklist {
  /// One configuration: its file (an nginx main file stands for its includes) and formats; a
  /// CI workflow has no format and only the hygiene step.
  struct Config {
    let path: String
    var formats: Set<GatewayFormat>
    var steps: Set<Int>?

    var label: String {
      formats.isEmpty ? "ci workflow" : formats.map(\.rawValue).sorted().joined(separator: ",")
    }

    var applicableSteps: Set<Int> {
      steps ?? formats.reduce(into: Set<Int>()) { $0.formUnion(GatewayRules.steps(checkedIn: $1)) }
    }
  }

  /// The unit of a configuration's step.
  static func unit(_ path: String, step: Int) -> String {
    let title = GatewayRules.steps.first { $0.step == step }?.title ?? ""
    return "\(path) step \(step): \(title)"
  }

  /// A finding in the unit of its rule's step in a configuration.
  static func placing(_ finding: Finding, in config: String) -> Finding {
    var placed = finding
    placed.unit = unit(config, step: GatewayRules.rule(finding.ruleId).step)
    return placed
  }

  /// The units of the configurations and what the report says of each.
  static func units(_ configs: [Config]) -> [String: [String: PropertyValue]] {
    var units: [String: [String: PropertyValue]] = [:]
    for config in configs {
      let formats = config.label
      let applicable = config.applicableSteps
      for step in GatewayRules.steps {
        var properties: [String: PropertyValue] = [
          "file": .string(config.path), "step": .int(step.step), "format": .string(formats),
        ]
        if !applicable.contains(step.step) {
          properties["skipped"] = .string("step \(step.step) does not apply to \(formats)")
        }
        units[unit(config.path, step: step.step)] = properties
      }
    }
    return units
  }

  /// The table `--checklist` prints: per configuration, each step's result (`pass`, `fail`,
  /// `unknown` when an unread include may settle it, `n/a`) and the rules that failed it, from
  /// the findings left after ignores and the baseline.
  /// - Parameter result: the gateway job's result.
  /// - Returns: the text, empty when no configuration was read.
  public static func table(_ result: JobResult) -> String {
    let failing = Dictionary(grouping: result.findings.filter { $0.properties["baseline"] == nil })
    {
      $0.failedUnit ?? ""
    }
    var byFile: [String: [(step: Int, unit: String, properties: [String: PropertyValue])]] = [:]
    for (unit, properties) in result.unitProperties {
      guard case .string(let file)? = properties["file"], case .int(let step)? = properties["step"]
      else { continue }
      byFile[file, default: []].append((step, unit, properties))
    }
    var lines: [String] = []
    for file in byFile.keys.sorted() {
      let rows = byFile[file, default: []].sorted { $0.step < $1.step }
      if case .string(let formats)? = rows.first?.properties["format"] {
        lines.append("\(file) (\(formats))")
      }
      lines.append(
        "  step  \("check".padding(toLength: 28, withPad: " ", startingAt: 0))  result   rules")
      for row in rows {
        let title = GatewayRules.steps.first { $0.step == row.step }?.title ?? ""
        let found = failing[row.unit] ?? []
        let rules = Set(found.map(\.ruleId)).sorted()
        // Unknown: every finding of the step is one an unread include may answer.
        let unknown =
          !found.isEmpty && found.allSatisfy { $0.properties["result"] == .string("unknown") }
        let status =
          unknown
          ? "unknown" : !rules.isEmpty ? "fail" : row.properties["skipped"] != nil ? "n/a" : "pass"
        let step = String(row.step).leftPadded(to: 2)
        let name = title.padding(toLength: 28, withPad: " ", startingAt: 0)
        let result = status.padding(toLength: 7, withPad: " ", startingAt: 0)
        lines.append(
          "    \(step)  \(name)  \(result)  \(rules.joined(separator: " "))"
            .trimmingTrailingSpaces())
      }
    }
    return lines.isEmpty ? "" : lines.joined(separator: "\n") + "\n"
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    String(repeating: " ", count: max(0, width - count)) + self
  }

  fileprivate func trimmingTrailingSpaces() -> String {
    var text = self
    while text.last == " " { text.removeLast() }
    return text
  }
}
