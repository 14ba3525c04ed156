import Foundation
import ParapetCore

/// The `gateway` job: API-gateway and reverse-proxy configurations against the 10-step
/// hardening checklist. It reads nginx, Kubernetes manifests, Kong declarative files, Traefik
/// dynamic configuration and Envoy bootstraps, found by content, and Dockerfiles (step 9); its units are the
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
    var findings: [Finding] = []
    // Every file read, by repo-relative path: the whole-file checks and the suppression
    // comments use these texts rather than reading the files again.
    var texts: [String: String] = [:]
    /// Records a configuration and its findings, each in the unit of its checklist step.
    func add(_ found: [Finding], config path: String, format: GatewayFormat) {
      configs[path, default: GatewayChecklist.Config(path: path, formats: [])].formats.insert(
        format)
      findings += found.map { GatewayChecklist.placing($0, in: path) }
    }

    // Reading the 48 rules takes milliseconds and every finding needs them: the other core
    // reads them while this one walks the tree.
    DispatchQueue.global().async { _ = GatewayRules.byID }
    let tree = GatewayFiles.walk(context.source, root: context.root, only: options.only)
    let nginx =
      options.formats.contains(.nginx)
      ? readNginx(
        tree, source: context.source, cancellation: context.cancellation, notices: &notices,
        coverage: &coverage) : []
    try context.cancellation.check()
    for config in nginx {
      notices += config.notices
      texts.merge(config.texts) { first, _ in first }
      var analysis = NginxAnalysis(directives: config.directives, thresholds: options.thresholds)
      analysis.run()
      let own = Set(config.files)
      add(
        analysis.findings.filter { config.context == nil || own.contains($0.location?.path ?? "") },
        config: config.files[0], format: .nginx)
    }
    notices += Self.missingIncludeNotices(nginx.flatMap(\.missingIncludes))

    let documents = DocumentDiscovery.find(
      tree.documents, source: context.source, formats: options.formats, notices: &notices)
    try context.cancellation.check()
    for (node, path) in documents.envoy {
      var analysis = EnvoyAnalysis(node: node, path: path, thresholds: options.thresholds)
      analysis.run()
      add(analysis.findings, config: path, format: .envoy)
    }
    for (node, path, toml) in documents.traefik {
      var analysis = TraefikAnalysis(
        node: node, path: path, toml: toml, thresholds: options.thresholds)
      analysis.run()
      add(analysis.findings, config: path, format: .traefik)
    }
    for bundle in documents.kubernetesBundles {
      var analysis = KubernetesAnalysis(objects: bundle, thresholds: options.thresholds)
      analysis.run()
      for path in Set(bundle.map(\.path)) { add([], config: path, format: .kubernetes) }
      for finding in analysis.findings {
        add([finding], config: finding.location?.path ?? "", format: .kubernetes)
      }
    }
    for document in documents.kong {
      var analysis = KongAnalysis(document: document, thresholds: options.thresholds)
      analysis.run()
      add(analysis.findings, config: document.path, format: .kong)
    }
    if options.formats.contains(.dockerfile) {
      for entry in tree.dockerfiles {
        guard let text = context.source.text(entry.file) else {
          coverage.skip("unreadable")
          notices.append(Notice(.warning, "not read: not a readable UTF-8 file", path: entry.shown))
          continue
        }
        texts[entry.shown] = text
        add(
          DockerfileChecks.findings(DockerfileDocument(path: entry.shown, text: text)),
          config: entry.shown, format: .dockerfile)
      }
    }
    texts.merge(documents.texts) { first, _ in first }
    findings += embeddedSecrets(texts, nginx: nginx, configs: configs)
    // The CI workflows are judged beside gateway configuration, not beside a lone Dockerfile.
    if configs.values.contains(where: { $0.formats != [.dockerfile] }) {
      for path in documents.workflows.map(\.path) {
        configs[path] = GatewayChecklist.Config(path: path, formats: [], steps: [10])
      }
      findings += Self.workflowFindings(documents.workflows)
      for (path, text) in documents.workflows { texts[path] = text }
    }

    // One finding per place: an nginx file included twice reports once.
    var seen = Set<String>()
    findings = findings.filter {
      seen.insert("\($0.fingerprint) \($0.location?.startLine ?? 0)").inserted
    }
    findings = GatewayFinding.distinguishingRepeats(findings)
    let suppression = GatewaySuppression(
      ignores: options.ignores, nginx: nginx.map(\.directives), texts: texts)
    // Grouped after suppression: a `parapet:ignore` on one block silences that block alone.
    let reported = GatewayFinding.grouped(suppression.apply(findings, notices: &notices))
    let units = GatewayChecklist.units(Array(configs.values))
    coverage.files = texts.count
    let rules = Set(reported.map(\.ruleId)).sorted().compactMap { GatewayRules.byID[$0]?.rule }
    return JobResult(
      job: name, status: coverage.skipped.isEmpty ? .complete : .incomplete, findings: reported,
      notifications: notices, checked: units.keys.sorted(), unitProperties: units, rules: rules,
      coverage: coverage)
  }
}
