import ParapetCore

/// Step 10 over the CI workflows beside gateway configuration (GitHub Actions workflows and
/// `.gitlab-ci.yml`): actions pinned to movable refs, no secret scanning, a Trivy step that
/// cannot fail (GW-SCAN-003), and no step that validates the configuration (GW-SCAN-004).
enum CIWorkflowChecks {
  /// What validates each format's configuration, or lints all of them.
  private static let validators = [
    "nginx -t", "kong config parse", "deck file validate", "deck gateway validate",
    "kubeconform", "kubeval", "--dry-run", "parapet gateway", "parapet scan",
    "envoy --mode validate",
    "traefik healthcheck", "checkov", "kube-linter", "gixy",
  ]
  private static let secretScanners = ["gitleaks", "trufflehog", "parapet", "detect-secrets"]

  /// Whether a repo-relative path is a CI workflow.
  static func isWorkflow(_ path: String) -> Bool {
    (path.contains(".github/workflows/") && (path.hasSuffix(".yml") || path.hasSuffix(".yaml")))
      || path.hasSuffix(".gitlab-ci.yml")
  }

  /// The findings over the workflows of a repository holding gateway configuration.
  /// - Parameter workflows: each workflow's path and text.
  /// - Returns: the findings, at the offending line or at the first workflow's first line.
  static func findings(_ workflows: [(path: String, text: String)]) -> [Finding] {
    guard let first = workflows.first else { return [] }
    var found: [Finding] = []
    for (path, text) in workflows {
      let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
      for (index, line) in lines.enumerated() {
        let content = line.drop { $0 == " " || $0 == "-" }
        if content.hasPrefix("uses:") {
          let action =
            content.dropFirst(5).split(separator: "#").first?
            .trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["'", "\""]) ?? ""
          guard !action.hasPrefix("./"), !action.hasPrefix("docker://"),
            let at = action.lastIndex(of: "@")
          else { continue }
          let ref = action[action.index(after: at)...]
          if ref.count != 40 || !ref.allSatisfy(\.isHexDigit) {
            found.append(
              finding(
                "GW-SCAN-003", path, line: index + 1, column: line.count - content.count + 1,
                "\(action[..<at]) is pinned to \(ref), which can move; pin a 40-hex commit"))
          }
        }
        if content.contains("aquasecurity/trivy-action") || content.contains("trivy image")
          || content.contains("trivy fs") || content.contains("trivy config")
        {
          let rest = lines[index...].prefix(12).joined(separator: "\n")
          if !rest.contains("exit-code: 1") && !rest.contains("exit-code: '1'")
            && !rest.contains("exit-code: \"1\"") && !rest.contains("--exit-code 1")
          {
            found.append(
              finding(
                "GW-SCAN-003", path, line: index + 1, column: line.count - content.count + 1,
                "the Trivy step reports without failing the job (no exit-code 1)"))
          }
        }
      }
    }
    let all = workflows.map(\.text).joined(separator: "\n").lowercased()
    if !secretScanners.contains(where: all.contains) {
      found.append(
        finding(
          "GW-SCAN-003", first.path, line: 1, column: 1,
          "no workflow scans for secrets (gitleaks, trufflehog, parapet)"))
    }
    if !validators.contains(where: all.contains) {
      found.append(
        finding(
          "GW-SCAN-004", first.path, line: 1, column: 1,
          "no workflow validates the gateway configuration (nginx -t, deck file validate, kubeconform, parapet gateway)"
        ))
    }
    return found
  }

  private static func finding(
    _ id: String, _ path: String, line: Int, column: Int, _ message: String
  ) -> Finding {
    GatewayFinding.make(
      id, path: path, line: line, column: column, length: 1, content: message, severity: nil,
      format: "ci", message)
  }
}
