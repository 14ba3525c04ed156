import Foundation
import ParapetCore
import ParapetDeps

/// The `licenses` job: every locked package's license, from the best evidence there is,
/// against the policy; one unit per package.
public struct LicensesJob: ScanJob {
  public let name = "licenses"
  public let policy: LicensePolicy
  /// Packages found outside lockfiles (an image's OS and installed language packages), as
  /// lockfiles.
  public let installedPackages: [Lockfile]
  private let catalog: LicenseCatalog
  private let environment: [String: String]

  /// Creates the job.
  /// - Parameters:
  ///   - policy: the resolved policy.
  ///   - installedPackages: packages found outside lockfiles, as lockfiles.
  ///   - environment: where package caches are found (`CARGO_HOME`, `GOMODCACHE`, `HOME`).
  public init(
    policy: LicensePolicy, installedPackages: [Lockfile] = [],
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.policy = policy
    self.installedPackages = installedPackages
    self.environment = environment
    catalog = .embedded
  }

  public func run(_ context: ScanContext) async throws -> JobResult {
    let snapshot = try LockfileCache.shared.read(context, includeFixtures: policy.includeFixtures)
    var notices = snapshot.notices
    var coverage = snapshot.coverage
    coverage.files += installedPackages.count
    let lockfiles = snapshot.lockfiles + installedPackages
    if let failure = LockfileReader.failure(lockfiles, coverage: coverage, notices: notices) {
      throw failure
    }
    let project = projectLicense(in: context.source, notices: &notices)
    let evaluator = PolicyEvaluator(
      allow: policy.allow, deny: deny(for: project), catalog: catalog)
    // A distribution's packages in an image are programs beside the application, not code it
    // links: the default deny list, which is about the latter, does not judge them; a
    // configured list does.
    let systemEvaluator = PolicyEvaluator(
      allow: policy.allow, deny: policy.deny ?? [], catalog: catalog)
    let packages = lockfiles.flatMap(\.packages).filter { !policy.prodOnly || $0.scope == .prod }
    let resolved = PackageLicenseResolver(source: context.source, environment: environment)
      .resolve(packages, notices: &notices, cancellation: context.cancellation)
    try context.cancellation.check()
    let paths = Dictionary(
      lockfiles.map { ($0.path, $0.dependencyPaths) }, uniquingKeysWith: { first, _ in first })
    let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    var findings: [Finding] = []
    var units: [String: [String: PropertyValue]] = [:]
    for var item in resolved {
      let package = item.package
      if let override = policy.overrides.first(where: {
        $0.applies(to: package.name, version: package.version)
      }) {
        if let until = override.until, until < today {
          notices.append(
            Notice(
              .warning,
              "the license override of \(override.package) expired on \(until); it is checked again"
            ))
        } else if let raw = override.license, let license = DeclaredLicense(raw) {
          item.evidence.insert(
            LicenseEvidence(
              source: .override, path: ParapetConfig.fileName, field: "override", license: license),
            at: 0)
        } else {
          continue
        }
      }
      units[Self.unit(package)] = ["license": .string(item.license?.text ?? "unknown")]
      let chain = paths[package.path]?.path(to: package) ?? [package]
      let judge = package.ecosystem.isOperatingSystem ? systemEvaluator : evaluator
      if let finding = check(item, evaluator: judge, project: project, chain: chain) {
        findings.append(finding)
      }
    }
    let unknown = resolved.filter { $0.evidence.isEmpty }.count
    if unknown > 0 && policy.unknown != .deny {
      notices.append(
        Notice(
          .note,
          "\(unknown) of \(resolved.count) packages have no license evidence (the lockfiles name none and nothing is installed): install them (node_modules, a virtual environment), vendor them, or name their license in [[licenses.override]]; [licenses] unknown = \"deny\" fails on them"
        ))
    }
    let rules = Set(findings.map(\.ruleId)).sorted().map(catalog.rule)
    return JobResult(
      job: name, status: coverage.skipped.isEmpty ? .complete : .incomplete, findings: findings,
      notifications: notices,
      checked: packages.map(Self.unit), unitProperties: units, rules: rules, coverage: coverage)
  }

  /// The project's license and how it was found.
  private struct Project {
    var license: LicenseExpression?
    var source: String
  }

  private func projectLicense(in source: any FileSource, notices: inout [Notice]) -> Project {
    if let configured = policy.project, let license = DeclaredLicense(configured)?.expression {
      return Project(license: license, source: "[licenses] project")
    }
    let evidence = ProjectLicense.evidence(in: source, notices: &notices)
    if let first = evidence.first, let license = first.license.expression {
      return Project(license: license, source: first.summary)
    }
    notices.append(
      Notice(
        .note,
        "the project's own license was not found (no license field, no LICENSE file); the default policy treats it as permissive"
      ))
    return Project(license: nil, source: "not found")
  }

  /// The deny list: the configured one; none when an allow list is the policy; else the
  /// default one when every license of the project is in a category the default applies to.
  private func deny(for project: Project) -> [String] {
    if let deny = policy.deny { return deny }
    if !policy.allow.isEmpty { return [] }
    let categories = (project.license?.licenses ?? []).map { catalog.category(of: $0)?.name }
    let applies = categories.allSatisfy { name in
      name.map(catalog.defaultDenyFor.contains) ?? true
    }
    return applies ? catalog.defaultDeny : []
  }

  private func check(
    _ item: PackageLicense, evaluator: PolicyEvaluator, project: Project, chain: [Package]
  ) -> Finding? {
    let package = item.package
    let ruleId: String
    let explanation: String
    switch item.license {
    case nil:
      guard policy.unknown != .allow else { return nil }
      ruleId = "license-unknown"
      explanation =
        "has no known license: no lockfile field, installed metadata or license file names one"
    case .unparsable(let raw, let reason)?:
      ruleId = "license-unparsable"
      explanation = "declares the license '\(raw)', which is not an SPDX expression (\(reason))"
    case .expression(let expression)?:
      let verdict = evaluator.evaluate(expression)
      switch verdict.kind {
      case .allowed: return nil
      case .denied:
        ruleId = "license-denied"
        let policyName = policy.deny == nil ? defaultPolicy(project) : "the [licenses] deny list"
        explanation =
          "is licensed \(expression), which \(policyName) denies: \(describe(verdict.licenses))"
      case .notAllowed:
        ruleId = "license-not-allowed"
        explanation =
          "is licensed \(expression), which the [licenses] allow list does not allow: \(describe(verdict.licenses))"
      case .proprietary:
        ruleId = "license-unlicensed"
        explanation = "is licensed \(expression), which grants no open-source rights"
      case .unknown:
        ruleId = "license-unknown"
        explanation =
          "is licensed \(expression), which names no license the SPDX list or rules/licenses knows (\(verdict.licenses.joined(separator: ", ")))"
      }
    }
    let rule = catalog.rule(ruleId)
    let severity = ruleId == "license-unknown" && policy.unknown == .warn ? .info : rule.severity
    let pathText = chain.map { "\($0.name) \($0.version)" }.joined(separator: " → ")
    var properties: [String: PropertyValue] = [
      "package": .string(package.name), "ecosystem": .string(package.ecosystem.rawValue),
      "installedVersion": .string(package.version), "purl": .string(package.purl),
      "scope": .string(package.scope.rawValue), "direct": .bool(package.direct),
      "dependencyPath": .string(pathText), "evidence": .strings(item.evidence.map(\.summary)),
      "policyRule": .string(ruleId),
    ]
    if let license = item.license { properties["license"] = .string(license.text) }
    if let project = project.license { properties["projectLicense"] = .string(project.description) }
    let licenseText = item.license?.text ?? "unknown"
    let evidence = item.evidence.first.map { "; evidence: \($0.summary)" } ?? ""
    return Finding(
      job: name, ruleId: ruleId, severity: severity,
      message: "\(package.name) \(package.version) \(explanation)\(evidence); path: \(pathText)",
      location: Location(
        path: package.path, startLine: package.line, startColumn: 1, endLine: package.line,
        endColumn: 1),
      fingerprint: Fingerprint.make(
        ruleId: ruleId, path: package.path,
        contentDigest: Fingerprint.sha256Hex(
          Array(
            "\(package.ecosystem.rawValue)/\(package.name)@\(package.version) \(licenseText)".utf8))
      ),
      properties: properties, unit: Self.unit(package))
  }

  private func describe(_ licenses: [String]) -> String {
    licenses.map { id in
      catalog.category(of: id).map { "\(id) is \($0.title): \($0.description)" } ?? id
    }.joined(separator: "; ")
  }

  private func defaultPolicy(_ project: Project) -> String {
    guard let license = project.license else {
      return
        "the default policy (the project's license was not found, so it is taken as permissive)"
    }
    return "the default policy for a project licensed \(license) (\(project.source))"
  }

  /// The JUnit test case of a package: its lockfile and `name@version`.
  static func unit(_ package: Package) -> String {
    "\(package.path) \(package.name)@\(package.version)"
  }
}
