import Foundation
import ParapetCore

/// Runs the nginx checks over one loaded configuration. A file of bare `server` blocks (a
/// `conf.d` snippet no other file includes) is checked as if inside `http`.
struct NginxAnalysis: Sendable {
  let main: NginxScope
  /// The `http` scopes; the main scope itself when the file holds server blocks directly.
  let httpScopes: [NginxScope]
  /// Every `server` block of the http scopes, with its scope.
  let servers: [NginxScope]
  private let byName: [String: [(NginxDirective, NginxScope)]]
  /// The limits rules compare against (`[gateway]` in `.parapet.toml`).
  let thresholds: GatewayThresholds
  private(set) var findings: [Finding] = []

  /// Creates the analysis of a configuration's directives.
  init(directives: [NginxDirective], thresholds: GatewayThresholds = GatewayThresholds()) {
    self.thresholds = thresholds
    let main = NginxScope(
      chain: [
        NginxDirective(name: "main", arguments: [], path: "", line: 1, column: 1, block: directives)
      ])
    let https = main.directive.children("http").map { main.entering($0) }
    let httpScopes = https.isEmpty ? [main] : https
    self.main = main
    self.httpScopes = httpScopes
    servers = httpScopes.flatMap { http in
      http.directive.children("server").map { http.entering($0) }
    }
    byName = Self.index(main)
  }

  /// Whether a server terminates TLS.
  func isTLS(_ server: NginxScope) -> Bool {
    server.directive.children("listen").contains { $0.values.contains("ssl") }
      || server.directive.child("ssl")?.values.first == "on"
      || server.effective("ssl_certificate") != nil
  }

  /// The status a server answers every request with, when a `return` stands in the server
  /// block itself: nginx runs it before choosing a location, so no page is ever served (a
  /// redirect, or 444, which closes the connection without a response). Content headers do not
  /// apply to such a server.
  func fixedStatus(_ server: NginxScope) -> Int? {
    guard let answer = server.directive.child("return") else { return nil }
    return Int(answer.values.first ?? "") ?? 302  // `return URL` redirects with 302
  }

  /// Every directive with this name anywhere in the configuration, with its scope.
  func everywhere(_ name: String) -> [(directive: NginxDirective, scope: NginxScope)] {
    byName[name] ?? []
  }

  /// Every directive by name, with its scope, in file order: one walk serves every check.
  private static func index(_ main: NginxScope) -> [String: [(NginxDirective, NginxScope)]] {
    var found: [String: [(NginxDirective, NginxScope)]] = [:]
    func walk(_ scope: NginxScope) {
      for child in scope.directive.block ?? [] {
        found[child.name, default: []].append((child, scope))
        if child.block != nil { walk(scope.entering(child)) }
      }
    }
    walk(main)
    return found
  }

  /// Records a finding at a directive (or one of its arguments).
  mutating func report(
    _ id: String, at directive: NginxDirective, argument: Int? = nil, severity: Severity? = nil,
    _ message: String
  ) {
    let place = argument.flatMap {
      directive.arguments.indices.contains($0) ? directive.arguments[$0] : nil
    }
    var finding = GatewayFinding.make(
      id, path: directive.path, line: place?.line ?? directive.line,
      column: place?.column ?? directive.column,
      length: (place?.text ?? directive.name).utf8.count,
      content: ([directive.name] + directive.values).joined(separator: " "), severity: severity,
      format: "nginx", message)
    finding.properties["directive"] = .string(directive.name)
    findings.append(finding)
  }

  /// Records that a setting is missing from a scope, or, when the scope holds an include that
  /// could not be read (which may set it), that this cannot be told: severity info, the rule id
  /// kept, `properties.result` = `unknown`, naming the nearest such include. Checks that find something present and bad use
  /// `report`, whatever the includes.
  mutating func reportAbsence(
    _ id: String, in scope: NginxScope, at directive: NginxDirective, argument: Int? = nil,
    _ message: String
  ) {
    guard let unread = scope.unreadIncludes.last else {
      report(id, at: directive, argument: argument, message)
      return
    }
    report(
      id, at: directive, argument: argument, severity: .info,
      "cannot tell: \(message), unless the unread include '\(unread)' sets it")
    findings[findings.count - 1].properties["result"] = .string("unknown")
    findings[findings.count - 1].properties["unreadInclude"] = .string(unread)
  }

  /// Runs every check. The check families only read the configuration, so they run on both
  /// cores, each on its own copy, the costliest first (costs as measured on the benchmark's
  /// 100 sites); their findings are joined in this order, the order of the report.
  mutating func run() {
    let checks: [(cost: Int, run: @Sendable (inout NginxAnalysis) -> Void)] = [
      (3, { $0.checkTLS() }), (1, { $0.checkCORS() }), (3, { $0.checkRateLimits() }),
      (3, { $0.checkSSRF() }), (1, { $0.checkHeaders() }), (0, { $0.checkClientCertificates() }),
      (1, { $0.checkCredentialsAndLogs() }), (4, { $0.checkCompleteness() }),
    ]
    let order = checks.indices.sorted { checks[$0].cost > checks[$1].cost }
    let found = ResultSlots<[Finding]>(count: checks.count)
    let start = self
    DispatchQueue.concurrentPerform(iterations: checks.count) { turn in
      let index = order[turn]
      var analysis = start
      checks[index].run(&analysis)
      found.set(index, .success(analysis.findings))
    }
    for case .success(let findings)? in found.results { self.findings += findings }
  }
}
