import ParapetCore
import Yams

/// The findings' rules, from `rules/signatures/rules.yaml`, by reason code.
public enum SignatureRules {
  private struct Rule: Decodable {
    var id, title, description, help: String
    var severity: Severity
    var references: [String]
  }

  /// Rule id → rule.
  public static let byID: [String: RuleDescriptor] = {
    do {
      let rules = try YAMLDecoder().decode(
        [Rule].self, from: EmbeddedRules.files.first { $0.path.hasSuffix("rules.yaml") }?.text ?? ""
      )
      return Dictionary(
        rules.map {
          (
            $0.id,
            RuleDescriptor(
              id: $0.id, title: $0.title, description: $0.description, severity: $0.severity,
              help: $0.help, references: $0.references, tags: ["signature", "supply-chain"])
          )
        }, uniquingKeysWith: { first, _ in first })
    } catch {
      // The embedded file is checked by tests; a failure here is a build defect.
      preconditionFailure("embedded signature rules do not load: \(error)")
    }
  }()

  static func rule(_ reason: SignatureVerdict.Reason) -> RuleDescriptor {
    guard let rule = byID[reason.rawValue] else {
      preconditionFailure("no signature rule '\(reason.rawValue)' in rules/signatures/rules.yaml")
    }
    return rule
  }
}
