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
  public struct Step: Decodable, Sendable {
    public var step: Int
    public var title: String
  }

  private struct Rule: Decodable {
    var id, title, description, help: String
    var step: Int
    var formats: [String]
    var severity: Severity
    var references: [String]
  }

  /// Rule id → entry.
  public static let byID: [String: Entry] = {
    let rules = decode([Rule].self, from: "rules.yaml")
    return Dictionary(
      rules.map {
        (
          $0.id,
          Entry(
            rule: RuleDescriptor(
              id: $0.id, title: $0.title, description: $0.description, severity: $0.severity,
              help: $0.help, references: $0.references,
              tags: ["gateway", "hardening", "step-\($0.step)"]),
            step: $0.step, formats: Set($0.formats))
        )
      }, uniquingKeysWith: { first, _ in first })
  }()

  /// The ten steps, in order.
  public static let steps: [Step] = decode([Step].self, from: "steps.yaml").sorted {
    $0.step < $1.step
  }

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

  private static func decode<T: Decodable>(_ type: T.Type, from name: String) -> T {
    do {
      let text = EmbeddedRules.files.first { $0.path.hasSuffix("/\(name)") }?.text ?? ""
      return try YAMLDecoder().decode(type, from: text)
    } catch {
      // The embedded files are checked by tests; a failure here is a build defect.
      preconditionFailure("embedded gateway \(name) does not load: \(error)")
    }
  }
}
