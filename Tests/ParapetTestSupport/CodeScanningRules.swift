import Foundation

/// GitHub code scanning's documented rules for an uploaded SARIF file, beyond the schema: the
/// hard limits ("SARIF results exceed hard limit" in GitHub's documentation) and what it needs
/// of every result to place an alert. A file that breaks one is refused whole.
public enum CodeScanningRules {
  /// Every rule a SARIF file breaks, one line each; empty when code scanning would accept it.
  /// - Parameter file: the SARIF file.
  /// - Returns: the violations.
  /// - Throws: when the file is not JSON.
  public static func violations(_ file: URL) throws -> [String] {
    let data = try Data(contentsOf: file)
    guard let document = try JSONSerialization.jsonObject(with: data) as? [String: Any],
      let runs = document["runs"] as? [[String: Any]]
    else { return ["no runs"] }
    var found: [String] = []
    if document["version"] as? String != "2.1.0" { found.append("version is not 2.1.0") }
    if runs.count > 20 { found.append("\(runs.count) runs (at most 20)") }
    var categories: Set<String> = []
    for (index, run) in runs.enumerated() {
      let name = "run \(index)"
      let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any] ?? [:]
      if driver["name"] as? String == nil { found.append("\(name): no tool.driver.name") }
      let category = (run["automationDetails"] as? [String: Any])?["id"] as? String ?? ""
      if !categories.insert(category).inserted {
        found.append("\(name): automationDetails.id '\(category)' repeated")
      }
      let rules = driver["rules"] as? [[String: Any]] ?? []
      if rules.count > 25_000 { found.append("\(name): \(rules.count) rules (at most 25,000)") }
      let ids = Set(rules.compactMap { $0["id"] as? String })
      for rule in rules {
        let id = rule["id"] as? String ?? "?"
        let properties = rule["properties"] as? [String: Any] ?? [:]
        if let tags = properties["tags"] as? [Any], tags.count > 20 {
          found.append("\(name): rule \(id) has \(tags.count) tags (at most 20)")
        }
        if let score = properties["security-severity"] {
          let value = (score as? String).flatMap(Double.init) ?? (score as? Double)
          if value.map({ !(0...10).contains($0) }) ?? true {
            found.append("\(name): rule \(id) security-severity '\(score)' is not a number 0-10")
          }
        }
      }
      let results = run["results"] as? [[String: Any]] ?? []
      if results.count > 25_000 {
        found.append("\(name): \(results.count) results (at most 25,000)")
      }
      for (position, result) in results.enumerated() {
        let place = "\(name) result \(position) (\(result["ruleId"] as? String ?? "?"))"
        if let rule = result["ruleId"] as? String, !ids.contains(rule) {
          found.append("\(place): rule not defined in its run")
        }
        let locations = result["locations"] as? [[String: Any]] ?? []
        if locations.isEmpty || locations.count > 1_000 {
          found.append("\(place): \(locations.count) locations (1 to 1,000)")
        }
        for location in locations {
          let physical = location["physicalLocation"] as? [String: Any] ?? [:]
          let uri = (physical["artifactLocation"] as? [String: Any])?["uri"] as? String ?? ""
          if uri.isEmpty || uri.hasPrefix("/") || uri.contains("://") {
            found.append("\(place): uri '\(uri)' is not repository-relative")
          }
          let line = (physical["region"] as? [String: Any])?["startLine"] as? Int ?? 0
          if line < 1 { found.append("\(place): no start line") }
        }
        if (result["partialFingerprints"] as? [String: Any])?.isEmpty ?? true {
          found.append("\(place): no partialFingerprints")
        }
      }
    }
    return found
  }
}
