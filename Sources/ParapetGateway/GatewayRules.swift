import ParapetCore
import Yams

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

  /// Rule id → entry. The file is read as YAML nodes rather than through `Decodable`, which
  /// costs several milliseconds on every run for 48 rules.
  public static let byID: [String: Entry] = {
    var entries: [String: Entry] = [:]
    for node in compose("rules.yaml").array() {
      guard let id = node["id"]?.string, let step = node["step"]?.int,
        let severity = node["severity"]?.string.flatMap(Severity.init(rawValue:))
      else { preconditionFailure("gateway rule without id, step or severity: \(node)") }
      let title = node["title"]?.string ?? id
      entries[id] = Entry(
        rule: RuleDescriptor(
          id: id, title: title, description: node["description"]?.string ?? title,
          severity: severity, help: node["help"]?.string ?? "",
          references: (node["references"]?.array() ?? []).compactMap(\.string),
          tags: ["gateway", "hardening", "step-\(step)"]),
        step: step, formats: Set((node["formats"]?.array() ?? []).compactMap(\.string)))
    }
    return entries
  }()

  /// The ten steps, in order.
  public static let steps: [Step] = compose("steps.yaml").array().compactMap { node in
    node["step"]?.int.map { Step(step: $0, title: node["title"]?.string ?? "") }
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

  private static func compose(_ name: String) -> Node {
    do {
      let text = EmbeddedRules.files.first { $0.path.hasSuffix("/\(name)") }?.text ?? ""
      // The basic resolver skips the regex-based tag guessing; the rules only need strings
      // and whole numbers, which Node reads from the text.
      guard let node = try Yams.compose(yaml: text, .basic) else { return [] }
      return node
    } catch {
      // The embedded files are checked by tests; a failure here is a build defect.
      preconditionFailure("embedded gateway \(name) does not load: \(error)")
    }
  }
}
