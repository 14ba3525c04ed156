import Foundation
import ParapetCore

/// The image hardening rules, from `rules/image/rules.yaml` (embedded as JSON by
/// `ci/embed-rules.sh`). All belong to checklist step 9, container security.
public enum ImageRules {
  /// Rule id → descriptor.
  public static let byID: [String: RuleDescriptor] = {
    let text = EmbeddedRules.files.first?.text ?? ""
    guard let records = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]]
    else { preconditionFailure("embedded image rules do not load") }
    var rules: [String: RuleDescriptor] = [:]
    for fields in records {
      guard let id = fields["id"] as? String,
        let severity = (fields["severity"] as? String).flatMap(Severity.init(rawValue:))
      else { preconditionFailure("image rule without id or severity: \(fields)") }
      let title = fields["title"] as? String ?? id
      rules[id] = RuleDescriptor(
        id: id, title: title, description: fields["description"] as? String ?? title,
        severity: severity, help: fields["help"] as? String ?? "",
        references: fields["references"] as? [String] ?? [],
        tags: ["image", "hardening", "step-9"])
    }
    return rules
  }()

  static func rule(_ id: String) -> RuleDescriptor {
    guard let rule = byID[id] else { preconditionFailure("no image rule '\(id)' in rules/image") }
    return rule
  }
}
