import ParapetCore
import Yams

/// The gateway rules, from `rules/gateway/rules.yaml`: descriptors and checklist steps.
enum GatewayRules {
  private struct Rule: Decodable {
    var id, title, description, help: String
    var step: Int
    var severity: Severity
    var references: [String]
  }

  /// Rule id → (descriptor, checklist step).
  static let byID: [String: (rule: RuleDescriptor, step: Int)] = {
    do {
      let text = EmbeddedRules.files.first { $0.path.hasSuffix("rules.yaml") }?.text ?? ""
      let rules = try YAMLDecoder().decode([Rule].self, from: text)
      return Dictionary(
        rules.map {
          (
            $0.id,
            (
              RuleDescriptor(
                id: $0.id, title: $0.title, description: $0.description, severity: $0.severity,
                help: $0.help, references: $0.references,
                tags: ["gateway", "hardening", "step-\($0.step)"]), $0.step
            )
          )
        }, uniquingKeysWith: { first, _ in first })
    } catch {
      // The embedded file is checked by tests; a failure here is a build defect.
      preconditionFailure("embedded gateway rules do not load: \(error)")
    }
  }()

  static func rule(_ id: String) -> (rule: RuleDescriptor, step: Int) {
    guard let rule = byID[id] else {
      preconditionFailure("no gateway rule '\(id)' in rules/gateway/rules.yaml")
    }
    return rule
  }
}
