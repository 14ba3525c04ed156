import Foundation
import ParapetCore

extension GatewayJob {
  /// Step 10 over the text of every configuration file: keys pasted in, whatever the format.
  /// An nginx include's findings count against the main file that includes it.
  func embeddedSecrets(
    _ texts: [String: String], nginx: [NginxLoader.Loaded],
    configs: [String: GatewayChecklist.Config]
  ) -> [Finding] {
    var owners: [String: (config: String, format: GatewayFormat)] = [:]
    for config in nginx {
      for file in config.files { owners[file] = (config.files[0], .nginx) }
    }
    for (path, config) in configs where !config.formats.contains(.nginx) {
      if let format = config.formats.min(by: { $0.rawValue < $1.rawValue }) {
        owners[path] = (path, format)
      }
    }
    return owners.sorted { $0.key < $1.key }.flatMap { file, owner in
      EmbeddedSecretChecks.findings(in: texts[file] ?? "", path: file, format: owner.format).map {
        GatewayChecklist.placing($0, in: owner.config)
      }
    }
  }

  /// Step 10 over CI workflows. The workflows of one repository (the folder holding `.github`
  /// or `.gitlab-ci.yml`) are judged together: one of them validating the configuration is
  /// enough. Each workflow is its own checklist entry.
  static func workflowFindings(_ workflows: [(path: String, text: String)]) -> [Finding] {
    let byRepository = Dictionary(grouping: workflows) {
      $0.path.components(separatedBy: ".github/workflows/")[0]
        .replacingOccurrences(of: ".gitlab-ci.yml", with: "")
    }
    return byRepository.sorted { $0.key < $1.key }.flatMap { _, workflows in
      CIWorkflowChecks.findings(workflows).map {
        GatewayChecklist.placing($0, in: $0.location?.path ?? "")
      }
    }
  }
}
