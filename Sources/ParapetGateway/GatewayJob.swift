import Foundation
import ParapetCore

/// The `gateway` job: API-gateway and reverse-proxy configurations against the 10-step
/// hardening checklist. It reads nginx, Kubernetes manifests, Kong declarative files, Traefik
/// dynamic configuration and Envoy bootstraps, found by content; its units are the
/// (configuration, step) pairs of the checklist.
public struct GatewayJob: ScanJob {
  public let name = "gateway"
  public let options: GatewayOptions

  /// Creates the job.
  /// - Parameter options: what to read and the thresholds rules use.
  public init(options: GatewayOptions = GatewayOptions()) {
    self.options = options
  }

  public func run(_ context: ScanContext) async throws -> JobResult {
    var notices: [Notice] = []
    var coverage = Coverage()
    var configs: [String: GatewayChecklist.Config] = [:]
    var findings: [(finding: Finding, config: String)] = []
    var files = Set<String>()
    func add(_ found: [Finding], config path: String, format: GatewayFormat) {
      configs[path, default: GatewayChecklist.Config(path: path, formats: [])].formats.insert(
        format)
      findings += found.map { ($0, path) }
    }

    let nginx =
      options.formats.contains(.nginx)
      ? readNginx(context.root, notices: &notices, coverage: &coverage) : []
    var nginxBlocks: [String: [Int: Int]] = [:]
    for config in nginx {
      notices += config.notices
      files.formUnion(config.files)
      Self.collectBlocks(config.directives, into: &nginxBlocks)
      var analysis = NginxAnalysis(directives: config.directives, thresholds: options.thresholds)
      analysis.run()
      add(analysis.findings, config: config.files[0], format: .nginx)
    }

    let yaml = DocumentDiscovery.find(
      under: context.root, formats: options.formats, notices: &notices)
    for (node, path) in yaml.envoy {
      var analysis = EnvoyAnalysis(node: node, path: path, thresholds: options.thresholds)
      analysis.run()
      add(analysis.findings, config: path, format: .envoy)
    }
    for (node, path, toml) in yaml.traefik {
      var analysis = TraefikAnalysis(
        node: node, path: path, toml: toml, thresholds: options.thresholds)
      analysis.run()
      add(analysis.findings, config: path, format: .traefik)
    }
    for bundle in yaml.kubernetesBundles {
      var analysis = KubernetesAnalysis(objects: bundle, thresholds: options.thresholds)
      analysis.run()
      for path in Set(bundle.map(\.path)) { add([], config: path, format: .kubernetes) }
      for finding in analysis.findings {
        add([finding], config: finding.location?.path ?? "", format: .kubernetes)
      }
    }
    for document in yaml.kong {
      var analysis = KongAnalysis(document: document, thresholds: options.thresholds)
      analysis.run()
      add(analysis.findings, config: document.path, format: .kong)
    }
    files.formUnion(yaml.files)

    var formatOf: [String: GatewayFormat] = [:]
    for config in nginx { for file in config.files { formatOf[file] = .nginx } }
    for (path, config) in configs where !config.formats.contains(.nginx) {
      formatOf[path] = config.formats.sorted { $0.rawValue < $1.rawValue }.first
    }
    for (file, format) in formatOf {
      guard
        let data = FileManager.default.contents(
          atPath: context.root.appendingPathComponent(file).path)
      else { continue }
      let owner = nginx.first { $0.files.contains(file) }?.files[0] ?? file
      findings += EmbeddedSecretChecks.findings(
        in: String(decoding: data, as: UTF8.self), path: file, format: format
      ).map { ($0, owner) }
    }
    if !configs.isEmpty {
      // The workflows of one repository (the folder holding `.github` or `.gitlab-ci.yml`)
      // are judged together: one of them validating the configuration is enough.
      let byRepository = Dictionary(grouping: yaml.workflows) {
        $0.path.components(separatedBy: ".github/workflows/")[0]
          .replacingOccurrences(of: ".gitlab-ci.yml", with: "")
      }
      for (_, workflows) in byRepository.sorted(by: { $0.key < $1.key }) {
        for (path, _) in workflows {
          configs[path] = GatewayChecklist.Config(path: path, formats: [], steps: [10])
        }
        findings += CIWorkflowChecks.findings(workflows).map { ($0, $0.location?.path ?? "") }
      }
    }

    // One finding per place: nginx files included twice, or two rules' views of one directive
    // under the same rule, report once.
    var seen = Set<String>()
    findings = findings.filter {
      seen.insert("\($0.finding.fingerprint) \($0.finding.location?.startLine ?? 0)").inserted
    }
    let suppression = GatewaySuppression(
      root: context.root, ignores: options.ignores, nginxBlocks: nginxBlocks,
      readFiles: files.sorted())
    let kept = Set(
      suppression.apply(findings.map(\.finding), notices: &notices).map {
        "\($0.fingerprint) \($0.location?.startLine ?? 0)"
      })
    let reported = findings.filter {
      kept.contains("\($0.finding.fingerprint) \($0.finding.location?.startLine ?? 0)")
    }.map { entry -> Finding in
      var finding = entry.finding
      finding.unit = GatewayChecklist.unit(
        entry.config, step: GatewayRules.rule(finding.ruleId).step)
      return finding
    }
    let units = GatewayChecklist.units(Array(configs.values))
    coverage.files = files.count
    let rules = Set(reported.map(\.ruleId)).sorted().compactMap { GatewayRules.byID[$0]?.rule }
    return JobResult(
      job: name, status: coverage.skipped.isEmpty ? .complete : .incomplete, findings: reported,
      notifications: notices, checked: units.keys.sorted(), unitProperties: units, rules: rules,
      coverage: coverage)
  }

  /// nginx block ends by file and opening line, for block-wide `parapet:ignore` comments.
  private static func collectBlocks(
    _ directives: [NginxDirective], into blocks: inout [String: [Int: Int]]
  ) {
    for directive in directives {
      guard let block = directive.block else { continue }
      if let end = directive.blockEnd { blocks[directive.path, default: [:]][directive.line] = end }
      collectBlocks(block, into: &blocks)
    }
  }
}
