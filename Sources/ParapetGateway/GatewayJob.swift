import Foundation
import ParapetCore

/// The `gateway` job: API-gateway and reverse-proxy configurations against the 10-step
/// hardening checklist. This version reads nginx, Kubernetes manifests (workloads, Ingress,
/// Istio PeerAuthentication), Kong declarative, Traefik dynamic configuration and Envoy static
/// bootstraps (YAML); each file read is a unit.
public struct GatewayJob: ScanJob {
  public let name = "gateway"
  /// nginx's `--prefix`, against which relative includes resolve first.
  public let nginxPrefix: URL?
  /// The formats read; the others are not looked for.
  public let formats: Set<GatewayFormat>

  /// Creates the job.
  /// - Parameters:
  ///   - nginxPrefix: nginx's prefix; nil resolves includes against the including file.
  ///   - formats: the formats to read (default: every one).
  public init(nginxPrefix: URL? = nil, formats: Set<GatewayFormat> = Set(GatewayFormat.allCases)) {
    self.nginxPrefix = nginxPrefix
    self.formats = formats
  }

  public func run(_ context: ScanContext) async throws -> JobResult {
    var notices: [Notice] = []
    var coverage = Coverage()
    let loader = NginxLoader(root: context.root, prefix: nginxPrefix)
    var loaded: [(file: URL, config: NginxLoader.Loaded)] = []
    let candidates: (files: [URL], tooLarge: [URL]) =
      formats.contains(.nginx) ? NginxDiscovery.candidates(under: context.root) : ([], [])
    for file in candidates.tooLarge {
      let shown = file.path.replacingOccurrences(of: context.root.path + "/", with: "")
      notices.append(
        Notice(
          .warning,
          "larger than \(NginxDiscovery.maximumBytes / 1_048_576) MiB: not read as configuration",
          path: shown))
      coverage.skip("too large")
    }
    for file in candidates.files {
      if NginxDiscovery.isBinary(file) {
        let shown = file.path.replacingOccurrences(of: context.root.path + "/", with: "")
        notices.append(
          Notice(.warning, "binary file with a configuration name; not read", path: shown, line: 1))
        coverage.skip("binary")
        continue
      }
      do {
        let config = try loader.load(file)
        guard NginxDiscovery.looksLikeNginx(config.directives) else { continue }
        loaded.append((file, config))
      } catch let error as ParapetCoreError {
        // A .conf that is not nginx at all is skipped quietly; one that looks like nginx but
        // does not parse is named.
        if NginxDiscovery.mentionsNginxDirectives(file) {
          notices.append(Notice(.warning, "\(error.description); not checked"))
          coverage.skip("malformed")
        }
      }
    }
    // A file another one includes is checked as part of it, not again on its own.
    let included = Set(loaded.flatMap { $0.config.files.dropFirst() })
    var findings: [Finding] = []
    var seen = Set<String>()
    var units = Set<String>()
    for (_, config) in loaded where !included.contains(config.files.first ?? "") {
      notices += config.notices
      units.formUnion(config.files)
      var analysis = NginxAnalysis(directives: config.directives)
      analysis.run()
      for finding in analysis.findings {
        let key = "\(finding.fingerprint) \(finding.location?.startLine ?? 0)"
        if seen.insert(key).inserted { findings.append(finding) }
      }
    }
    var yaml = YAMLDiscovery.Found()
    if !formats.isDisjoint(with: [.kubernetes, .kong, .traefik, .envoy]) {
      yaml = YAMLDiscovery.find(under: context.root, notices: &notices)
      if !formats.contains(.kubernetes) { yaml.kubernetesBundles = [] }
      if !formats.contains(.kong) { yaml.kong = [] }
      if !formats.contains(.traefik) { yaml.traefik = [] }
      if !formats.contains(.envoy) { yaml.envoy = [] }
    }
    for (node, path) in yaml.envoy {
      var analysis = EnvoyAnalysis(node: node, path: path)
      analysis.run()
      findings += analysis.findings
    }
    for (node, path) in yaml.traefik {
      var analysis = TraefikAnalysis(node: node, path: path)
      analysis.run()
      findings += analysis.findings
    }
    for bundle in yaml.kubernetesBundles {
      var analysis = KubernetesAnalysis(objects: bundle)
      analysis.run()
      findings += analysis.findings
    }
    for document in yaml.kong {
      var analysis = KongAnalysis(document: document)
      analysis.run()
      findings += analysis.findings
    }
    units.formUnion(yaml.files)
    coverage.files = units.count
    let rules = Set(findings.map(\.ruleId)).sorted().compactMap { GatewayRules.byID[$0]?.rule }
    return JobResult(
      job: name, status: coverage.skipped.isEmpty ? .complete : .incomplete, findings: findings,
      notifications: notices, checked: units.sorted(), rules: rules, coverage: coverage)
  }
}
