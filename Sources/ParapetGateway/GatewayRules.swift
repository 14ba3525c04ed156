import Foundation
import ParapetCore

/// The gateway rules and checklist steps, from `rules/gateway/rules.yaml` and `steps.yaml`.
public enum GatewayRules {
  /// One rule: its descriptor, checklist step, and the formats it is checked in (a
  /// `GatewayFormat`, or `ci` for the CI workflows beside the configuration).
  public struct Entry: Sendable {
    public var rule: RuleDescriptor
    public var step: Int
    public var formats: Set<String>
  }

  /// One step of the checklist.
  public struct Step: Sendable {
    public var step: Int
    public var title: String
  }

  /// Rule id → entry.
  public static let byID: [String: Entry] = {
    var entries: [String: Entry] = [:]
    for fields in load("rules.yaml") {
      guard let id = fields["id"] as? String, let step = fields["step"] as? Int,
        let severity = (fields["severity"] as? String).flatMap(Severity.init(rawValue:))
      else { preconditionFailure("gateway rule without id, step or severity: \(fields)") }
      let title = fields["title"] as? String ?? id
      entries[id] = Entry(
        rule: RuleDescriptor(
          id: id, title: title, description: fields["description"] as? String ?? title,
          severity: severity, help: fields["help"] as? String ?? "",
          references: fields["references"] as? [String] ?? [],
          tags: ["gateway", "hardening", "step-\(step)"]),
        step: step, formats: Set(fields["formats"] as? [String] ?? []))
    }
    return entries
  }()

  /// The ten steps, in order.
  public static let steps: [Step] = load("steps.yaml").compactMap { fields in
    (fields["step"] as? Int).map { Step(step: $0, title: fields["title"] as? String ?? "") }
  }.sorted { $0.step < $1.step }

  /// The steps some rule checks in a format; the others do not apply to it.
  /// - Parameter format: the configuration format.
  /// - Returns: step numbers.
  public static func steps(checkedIn format: GatewayFormat) -> Set<Int> {
    Set(byID.values.filter { $0.formats.contains(format.rawValue) }.map(\.step))
  }

  static func rule(_ id: String) -> (rule: RuleDescriptor, step: Int) {
    guard let entry = byID[id] else {
      preconditionFailure("no gateway rule '\(id)' in rules/gateway/rules.yaml")
    }
    return (entry.rule, entry.step)
  }

  /// One of the rule files as a list of records. The binary embeds them as JSON
  /// (`ci/embed-rules.sh` converts the YAML): Yams took 3 to 4 ms to compose the 48 rules on
  /// every run, JSON takes a fifth of that.
  private static func load(_ name: String) -> [[String: Any]] {
    let text = EmbeddedRules.files.first { $0.path.hasSuffix("/\(name)") }?.text ?? ""
    guard
      let records = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
    else {
      // The embedded files are checked by tests; a failure here is a build defect.
      preconditionFailure("embedded gateway \(name) does not load")
    }
    return records
  }
}
