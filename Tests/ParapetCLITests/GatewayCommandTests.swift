import Foundation
import ParapetTestSupport
import XCTest

/// `parapet gateway` on an nginx configuration split over included files, as deployments keep it.
final class GatewayCommandTests: XCTestCase {
  /// `path:line:col: severity GW-RULE` of each finding line of the terminal output.
  /// `path:line:column: severity rule` of each finding line, in report order (path, line,
  /// column, rule): the terminal groups findings by severity, the tests pin places.
  static func findingPlaces(_ output: String) -> [String] {
    output.split(separator: "\n").filter { $0.contains(" GW-") && !$0.hasPrefix("gateway: ") }
      .map { $0.components(separatedBy: ": ").prefix(2).joined(separator: ": ") }
      .sorted { reportOrder($0) < reportOrder($1) }
  }

  private static func reportOrder(_ place: String) -> (String, Int, Int, String) {
    let fields = place.split(separator: " ")
    let location = fields.first?.dropLast().split(separator: ":") ?? []
    guard location.count >= 3 else { return (place, 0, 0, "") }
    return (
      location.dropLast(2).joined(separator: ":"), Int(location[location.count - 2]) ?? 0,
      Int(location[location.count - 1]) ?? 0, String(fields.last ?? "")
    )
  }

  func testNginxFindingsAcrossIncludesWithExactPlaces() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "deploy/nginx/nginx.conf",
      """
      user root;
      events {}
      http {
          log_format main '$remote_addr $request $status $http_authorization';
          limit_req_zone $binary_remote_addr zone=api:10m rate=10r/s;
          limit_req_status 429;
          server_tokens off;
          include conf.d/*.conf;
          include missing.conf;
      }

      """)
    try repo.write(
      "deploy/nginx/conf.d/api.conf",
      """
      server {
          listen 443 ssl;
          http2 on;
          server_name api.example.com;
          ssl_certificate /etc/ssl/api.pem;
          ssl_protocols TLSv1 TLSv1.2;
          add_header Strict-Transport-Security "max-age=31536000; includeSubDomains" always;
          add_header X-Content-Type-Options nosniff always;
          add_header X-Frame-Options DENY;

          location /v1/ {
              limit_req zone=api burst=20;
              proxy_pass http://backend;
          }
          location /admin/ {
              add_header Access-Control-Allow-Origin "*";
              add_header Access-Control-Allow-Credentials "true";
              proxy_pass http://$arg_target;
              proxy_set_header Authorization "Bearer s3cr3t-t0k3n-value";
          }
          location /meta {
              limit_req zone=missing;
              proxy_pass http://169.254.169.254/latest/;
          }
      }
      server {
          listen 80;
          location / { proxy_pass http://backend; limit_req zone=api; }
      }

      """)
    try repo.write("deploy/supervisor.conf", "[program:app]\ncommand=/usr/bin/app\n")
    let out = try TemporaryRepository(git: false)
    let sarif = out.url.appendingPathComponent("g.sarif")
    let result = try Command.parapet(["gateway", repo.url.path, "--sarif", sarif.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = Self.findingPlaces(result.stdout)
    XCTAssertEqual(
      lines,
      [
        "deploy/nginx/conf.d/api.conf:1:1: info GW-HDR-002",
        "deploy/nginx/conf.d/api.conf:6:19: high GW-TLS-001",
        "deploy/nginx/conf.d/api.conf:9:5: medium GW-HDR-003",
        "deploy/nginx/conf.d/api.conf:11:5: info GW-LOG-005",
        "deploy/nginx/conf.d/api.conf:15:5: high GW-MTLS-001",
        "deploy/nginx/conf.d/api.conf:16:9: medium GW-HDR-004",
        "deploy/nginx/conf.d/api.conf:16:48: critical GW-CORS-001",
        "deploy/nginx/conf.d/api.conf:18:9: info GW-RL-001",
        "deploy/nginx/conf.d/api.conf:18:20: critical GW-SSRF-001",
        "deploy/nginx/conf.d/api.conf:18:20: info GW-SSRF-004",
        "deploy/nginx/conf.d/api.conf:19:40: critical GW-KEY-001",
        "deploy/nginx/conf.d/api.conf:22:19: high GW-RL-002",
        "deploy/nginx/conf.d/api.conf:23:20: high GW-SSRF-002",
        "deploy/nginx/conf.d/api.conf:28:5: medium GW-TLS-005",
        "deploy/nginx/nginx.conf:1:6: high GW-CTR-001",
        "deploy/nginx/nginx.conf:4:5: medium GW-LOG-002",
        "deploy/nginx/nginx.conf:4:5: high GW-LOG-003",
      ])
    // Both proxying locations lack the request id: one finding, listing the second.
    XCTAssertTrue(
      result.stdout.contains("(also at line 28)\n"), result.stdout)
    XCTAssertFalse(result.stdout.contains("s3cr3t"), "a credential was printed")
    XCTAssertTrue(
      result.stderr.contains(
        "gateway: warning: deploy/nginx/nginx.conf:9: include 'missing.conf' names no file; its directives were not checked"
      ), result.stdout)
    XCTAssertNil(try SchemaValidator.sarifErrors(sarif))
    let sarifText = try String(contentsOf: sarif, encoding: .utf8)
    XCTAssertTrue(sarifText.contains(#""step":1"#) || sarifText.contains(#""step" : 1"#), sarifText)
  }

  func testANginxFileThatDoesNotParseIsNamedAndTheOthersAreChecked() throws {
    let repo = try TemporaryRepository()
    try repo.write("nginx/broken.conf", "server {\n    listen 80\n}\n")
    try repo.write("nginx/ok.conf", "server {\n    listen 80;\n    server_tokens off;\n}\n")
    let result = try Command.parapet(["gateway", repo.url.path, "--fail-on", "critical"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "nginx/broken.conf:2:5: nginx: directive 'listen' has no ';'; not checked"),
      result.stderr)
  }

  /// Issue 20: where a block includes a file that could not be read, a rule that would claim a
  /// setting is missing says it cannot tell, at info; what is present and bad still fires.
  func testUnknownIsNotMissing() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "site.subdomain.conf.sample",
      """
      server {
          listen 443 ssl;
          server_name app.example.com;
          include /config/nginx/ssl.conf;
          location / {
              include /config/nginx/resolver.conf;
              add_header Access-Control-Allow-Origin "*";
              add_header Access-Control-Allow-Credentials "true";
              set $upstream_app app;
              proxy_pass http://$upstream_app:8080;
          }
      }

      """)
    let result = try Command.parapet(["gateway", repo.url.path, "--checklist"])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(
      result.stdout.contains(
        "site.subdomain.conf.sample:10:20: info GW-SSRF-004: Variable proxy target without a resolver: cannot tell: the target has variables and no resolver applies, unless the unread include '/config/nginx/resolver.conf' sets it"
      ), result.stdout)
    XCTAssertTrue(
      result.stdout.contains(
        "site.subdomain.conf.sample:1:1: info GW-TLS-002: TLS protocols or hosts not configured: cannot tell:"
      ),
      result.stdout)
    XCTAssertTrue(
      result.stdout.contains("site.subdomain.conf.sample:7:48: critical GW-CORS-001"), result.stdout
    )
    XCTAssertTrue(
      result.stdout.contains("     4  SSRF protection               unknown  GW-SSRF-004"),
      result.stdout)
    XCTAssertTrue(
      result.stdout.contains("     2  CORS allowlist                fail     GW-CORS-001"),
      result.stdout)
  }

  /// Issue 20: a fragment no configuration includes is counted in one note, not dropped
  /// without a word; one that is included is checked as part of its configuration.
  func testFragmentsNotIncludedAreCountedInOneNote() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "nginx/nginx.conf",
      "events {}\nhttp {\n    server_tokens off;\n    include snippets/proxy.conf;\n    server { listen 80; }\n}\n"
    )
    try repo.write(
      "nginx/snippets/proxy.conf", "proxy_set_header Host $host;\nproxy_http_version 1.1;\n")
    try repo.write("nginx/extra/timeouts.conf", "proxy_buffering off;\nproxy_read_timeout 60s;\n")
    try repo.write("nginx/extra/gzip.conf", "gzip on;\ngzip_types text/css;\n")
    try repo.write("deploy/supervisor.conf", "[program:app]\ncommand=/usr/bin/app\n")
    let result = try Command.parapet(["gateway", repo.url.path, "--fail-on", "never"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "gateway: note: 2 nginx fragments not included by any configuration were not checked (such as nginx/extra/gzip.conf)"
      ), result.stderr)
    XCTAssertFalse(result.stderr.contains("proxy.conf"), result.stderr)
    XCTAssertFalse(result.stderr.contains("supervisor"), result.stderr)
  }

  /// Issue 20: copies shipped for users to fill in are configurations too.
  func testSampleConfigurationsAreChecked() throws {
    let repo = try TemporaryRepository()
    let server =
      "server {\n    listen 443 ssl;\n    server_name app.example.com;\n    location / {\n        proxy_pass http://app:8080;\n    }\n}\n"
    for name in [
      "proxy-confs/app.subdomain.conf.sample", "templates/site.conf.template",
      "roles/web/templates/site.conf.j2", "docs/site.conf.example",
    ] {
      try repo.write(name, server)
    }
    try repo.write("notes/site.conf.bak", server)
    let result = try Command.parapet([
      "gateway", repo.url.path, "--fail-on", "never", "--json", "-",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let report = try XCTUnwrap(
      JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    let job = try XCTUnwrap((report["jobs"] as? [[String: Any]])?.first)
    // Checked units are `file step N: title`.
    let files = Set((job["checked"] as? [String] ?? []).map { String($0.split(separator: " ")[0]) })
    XCTAssertEqual(
      files,
      [
        "docs/site.conf.example", "proxy-confs/app.subdomain.conf.sample",
        "roles/web/templates/site.conf.j2", "templates/site.conf.template",
      ])
  }
}

extension GatewayCommandTests {
  func testKubernetesManifestsFoundByContent() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "k8s/gateway.yaml",
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: api-gateway
        annotations:
          nginx.ingress.kubernetes.io/ssl-protocols: "TLSv1.2 TLSv1.3"
          nginx.ingress.kubernetes.io/enable-cors: "true"
          nginx.ingress.kubernetes.io/limit-rps: "10"
          nginx.ingress.kubernetes.io/configuration-snippet: |
            more_set_headers "X-Test: 1";
      spec:
        tls:
          - hosts: [api.example.com]
            secretName: api-tls-secret
        rules:
          - host: api.example.com
          - host: admin.example.com
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: gateway
      spec:
        template:
          spec:
            securityContext:
              runAsNonRoot: true
              seccompProfile:
                type: RuntimeDefault
            containers:
              - name: gateway
                image: ghcr.io/example/gateway:latest
                securityContext:
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities:
                    drop: [ALL]
              - name: debug
                image: busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000
                securityContext:
                  privileged: true
                  allowPrivilegeEscalation: false
                  readOnlyRootFilesystem: true
                  capabilities:
                    drop: [ALL]
      ---
      apiVersion: security.istio.io/v1beta1
      kind: PeerAuthentication
      metadata:
        name: default
      spec:
        mtls:
          mode: PERMISSIVE

      """)
    try repo.write("k8s/values.yaml", "replicas: 2\nimage: {tag: latest}\n")
    try repo.write(
      "k8s/namespace.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: gateway\n")
    var bomb =
      "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\na: &a [x, x, x, x, x, x, x, x, x]\n"
    for level in 0..<70 {
      bomb += "l\(level): &l\(level) [\(level == 0 ? "*a" : "*l\(level - 1)"), *a]\n"
    }
    try repo.write("k8s/bomb/bomb.yaml", bomb)
    let result = try Command.parapet(["gateway", repo.url.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = Self.findingPlaces(result.stdout)
    XCTAssertEqual(
      lines,
      [
        "k8s/gateway.yaml:6:48: low GW-TLS-004",
        "k8s/gateway.yaml:7:46: critical GW-CORS-001",
        "k8s/gateway.yaml:7:46: low GW-CORS-005",
        "k8s/gateway.yaml:9:56: medium GW-SCAN-002",
        "k8s/gateway.yaml:17:13: high GW-TLS-002",
        "k8s/gateway.yaml:32:18: medium GW-CTR-004",
        "k8s/gateway.yaml:41:25: critical GW-CTR-002",
        "k8s/gateway.yaml:53:11: high GW-MTLS-005",
        "k8s/namespace.yaml:4:9: low GW-CTR-005",
      ])
    XCTAssertTrue(
      result.stderr.contains(
        "gateway: warning: k8s/bomb/bomb.yaml: 140 YAML aliases: not expanded"),
      result.stdout)
  }
}

extension GatewayCommandTests {
  func testBadNginxInputIsNamedAndTheOtherFilesAreChecked() throws {
    let repo = try TemporaryRepository()
    let deep = (0..<100).map { _ in "location / {" }.joined(separator: "\n")
    try repo.write(
      "nginx/deep.conf",
      "user root;\nhttp { server {\n" + deep + "\n" + String(repeating: "}\n", count: 100) + "} }\n"
    )
    let tooDeep = (0..<300).map { _ in "location / {" }.joined(separator: "\n")
    try repo.write("nginx/too-deep.conf", "server {\n" + tooDeep + "\n")
    try repo.write("nginx/binary.conf", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02]))
    try repo.write("nginx/cycle.conf", "user root;\ninclude cycle.conf;\n")
    try repo.write("nginx/huge/nginx.conf", "user root;\n")
    let huge = try FileHandle(
      forWritingTo: repo.url.appendingPathComponent("nginx/huge/nginx.conf"))
    try huge.truncate(atOffset: 20 * 1_048_576)
    try huge.close()
    let result = try Command.parapet(["gateway", repo.url.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let out = result.stdout + result.stderr
    XCTAssertTrue(out.contains("nginx/deep.conf:1:6: high GW-CTR-001"), out)
    XCTAssertTrue(
      out.contains("nginx/too-deep.conf:201:12: nginx: blocks nested deeper than 200; not checked"),
      out)
    XCTAssertTrue(
      out.contains("nginx/binary.conf:1: binary file with a configuration name; not read"), out)
    XCTAssertTrue(out.contains("nginx/cycle.conf: include loop: not read again"), out)
    XCTAssertTrue(
      out.contains("nginx/huge/nginx.conf: larger than 4 MiB: not read as configuration"), out)
  }
}

extension GatewayCommandTests {
  func testKongDeclarativeConfigurationWithPluginPrecedence() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "gateway/kong.yml",
      """
      _format_version: "3.0"
      services:
        - name: customers
          url: https://backend.internal:8443/api
          routes:
            - name: customers-api
              paths: [/v1/customers]
              protocols: [http, https]
              plugins:
                - name: cors
                  config:
                    origins: ["*"]
                    credentials: true
          plugins:
            - name: key-auth
        - name: metadata
          url: http://169.254.169.254/latest
          routes:
            - name: meta
              paths: [/meta]
              protocols: [https]
      plugins:
        - name: rate-limiting
          service: metadata
          config: {minute: 60}
        - name: http-log
          config: {http_endpoint: "https://logs.example.com"}
      consumers:
        - username: partner
          keyauth_credentials:
            - key: 3f8a9c1d2e4b5a6f7c8d9e0a1b2c3d4e

      """)
    let result = try Command.parapet(["gateway", repo.url.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = Self.findingPlaces(result.stdout)
    XCTAssertEqual(
      lines,
      [
        "gateway/kong.yml:1:18: low GW-LOG-005",
        "gateway/kong.yml:4:10: medium GW-MTLS-004",
        "gateway/kong.yml:6:15: medium GW-HDR-001",
        "gateway/kong.yml:6:15: high GW-RL-001",
        "gateway/kong.yml:6:15: medium GW-TLS-003",
        "gateway/kong.yml:8:20: high GW-TLS-002",
        "gateway/kong.yml:12:24: critical GW-CORS-001",
        "gateway/kong.yml:15:9: medium GW-KEY-002",
        "gateway/kong.yml:17:10: high GW-SSRF-002",
        "gateway/kong.yml:19:15: medium GW-HDR-001",
        "gateway/kong.yml:19:15: medium GW-TLS-003",
        "gateway/kong.yml:31:14: critical GW-KEY-001",
        "gateway/kong.yml:31:14: medium GW-KEY-003",
      ])
    XCTAssertFalse(result.stdout.contains("3f8a9c1d"), "a credential was printed")
    try repo.write("gateway/nginx.conf", "user root;\n")
    let kongOnly = try Command.parapet(["gateway", repo.url.path, "--gateway-format", "kong"])
    XCTAssertFalse(kongOnly.stdout.contains("GW-CTR-001"), kongOnly.stdout)
    let nginxOnly = try Command.parapet(["gateway", repo.url.path, "--gateway-format", "nginx"])
    XCTAssertTrue(
      nginxOnly.stdout.contains("gateway/nginx.conf:1:6: high GW-CTR-001"), nginxOnly.stdout)
    XCTAssertFalse(nginxOnly.stdout.contains("kong.yml"), nginxOnly.stdout)
  }
}

extension GatewayCommandTests {
  /// Every fixture under `fixtures/gateway` triggers the rule it is named for, and every rule
  /// has a fixture.
  func testEveryRuleHasAFixtureThatTriggersIt() throws {
    let folder = TestPaths.packageRoot.appendingPathComponent("fixtures/gateway")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("g.json")
    let result = try Command.parapet(["gateway", folder.path, "--json", json.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let jobs = try JSONReport.jobs(json)
    let findings =
      (jobs.first?["findings"] as? [[String: Any]]) ?? []
    var fired: [String: Set<String>] = [:]
    var places: [String] = []
    for finding in findings {
      let location = finding["location"] as? [String: Any]
      let path = (location?["path"] as? String) ?? ""
      let rule = finding["ruleId"] as? String ?? ""
      fired[path, default: []].insert(rule)
      let step = (finding["properties"] as? [String: Any])?["step"] as? Int
      XCTAssertNotNil(step, "\(path) has no step")
      if (path as NSString).lastPathComponent.hasPrefix(rule + ".") {
        places.append(
          "\(path):\(location?["startLine"] as? Int ?? 0):\(location?["startColumn"] as? Int ?? 0) \(rule) step \(step ?? 0)"
        )
      }
    }
    // Where each fixture's own rule fires, and with which step, is pinned in a file reviewed
    // like code (PARAPET_RECORD=1 rewrites it).
    let expectedFile = folder.appendingPathComponent("expected-findings.txt")
    let actual = places.sorted().joined(separator: "\n") + "\n"
    if ProcessInfo.processInfo.environment["PARAPET_RECORD"] == "1" {
      try actual.write(to: expectedFile, atomically: true, encoding: .utf8)
    }
    XCTAssertEqual(actual, try String(contentsOf: expectedFile, encoding: .utf8))
    var covered = Set<String>()
    let walker = FileManager.default.enumerator(atPath: folder.path)
    while let file = walker?.nextObject() as? String {
      let name = (file as NSString).lastPathComponent
      guard name.hasPrefix("GW-") else { continue }
      let rule = String(name.prefix { $0 != "." })
      covered.insert(rule)
      XCTAssertTrue(
        fired[file]?.contains(rule) == true,
        "\(file) does not trigger \(rule): \(fired[file] ?? [])")
    }
    let rules = try String(
      contentsOf: TestPaths.packageRoot.appendingPathComponent("rules/gateway/rules.yaml"),
      encoding: .utf8)
    let ids = rules.split(separator: "\n").filter { $0.hasPrefix("- id: ") }.map {
      String($0.dropFirst(6))
    }
    XCTAssertEqual(Set(ids).subtracting(covered), [], "rules without a fixture")
  }
}

extension GatewayCommandTests {
  func testTraefikDynamicConfiguration() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "traefik/dynamic.yml",
      """
      http:
        routers:
          api:
            rule: "Host(`api.example.com`)"
            service: api
            middlewares: [cors]
            tls: {}
          legacy:
            rule: "Host(`old.example.com`)"
            service: api
        middlewares:
          cors:
            headers:
              accessControlAllowOriginList: ["*"]
              accessControlAllowCredentials: true
        services:
          api:
            loadBalancer:
              servers:
                - url: "http://127.0.0.1:8080"
        serversTransports:
          skip:
            insecureSkipVerify: true
      tls:
        options:
          old:
            minVersion: VersionTLS11

      """)
    let result = try Command.parapet(["gateway", repo.url.path, "--gateway-format", "traefik"])
    XCTAssertEqual(result.status, 1, result.stderr)
    let lines = Self.findingPlaces(result.stdout)
    XCTAssertEqual(
      lines,
      [
        "traefik/dynamic.yml:4:13: medium GW-HDR-001",
        "traefik/dynamic.yml:4:13: high GW-RL-001",
        "traefik/dynamic.yml:4:13: medium GW-TLS-003",
        "traefik/dynamic.yml:9:13: high GW-RL-001",
        "traefik/dynamic.yml:9:13: high GW-TLS-002",
        "traefik/dynamic.yml:14:39: critical GW-CORS-001",
        "traefik/dynamic.yml:20:18: medium GW-SSRF-003",
        "traefik/dynamic.yml:23:27: medium GW-MTLS-004",
        "traefik/dynamic.yml:27:19: high GW-TLS-001",
      ])
  }

  /// The same configuration in TOML: TOMLKit keeps no positions, so each finding's line and
  /// column are found again in the text, at the value when the line shows it.
  func testTraefikTOMLConfigurationWithExactPlaces() throws {
    let repo = try TemporaryRepository(git: false)
    try repo.write(
      "traefik/dynamic.toml",
      """
      # Traefik dynamic configuration in TOML
      [http.routers.api]
        rule = "Host(`api.example.com`)"
        service = "api"
        middlewares = ["cors"]
        [http.routers.api.tls]

      [http.routers.legacy]
        rule = "Host(`old.example.com`)"
        service = "api"

      [http.middlewares.cors.headers]
        accessControlAllowOriginList = ["*"]
        accessControlAllowCredentials = true

      [[http.services.api.loadBalancer.servers]]
        url = "http://127.0.0.1:8080"

      [http.serversTransports.skip] # parapet:ignore GW-MTLS-004 reaches a test double only
        insecureSkipVerify = true

      [tls.options.old]
        minVersion = "VersionTLS11"

      """)
    try repo.write(
      "traefik/traefik.toml",
      """
      [entryPoints.websecure]
        address = ":443"

      [api]
        insecure = true

      [providers.file]
        directory = "/etc/traefik/dynamic"

      """)
    try repo.write("traefik/broken.toml", "[http.routers.api]\nrule = \"Host(`x`)\n")
    let result = try Command.parapet(["gateway", repo.url.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      Self.findingPlaces(result.stdout),
      [
        "traefik/dynamic.toml:3:11: medium GW-HDR-001",
        "traefik/dynamic.toml:3:11: high GW-RL-001",
        "traefik/dynamic.toml:3:11: medium GW-TLS-003",
        "traefik/dynamic.toml:9:11: high GW-RL-001",
        "traefik/dynamic.toml:9:11: high GW-TLS-002",
        "traefik/dynamic.toml:13:3: critical GW-CORS-001",
        "traefik/dynamic.toml:17:10: medium GW-SSRF-003",
        "traefik/dynamic.toml:23:17: high GW-TLS-001",
        "traefik/traefik.toml:1:1: high GW-LOG-001",
        "traefik/traefik.toml:5:14: high GW-MTLS-001",
      ], result.stdout)
    XCTAssertTrue(
      result.stderr.contains("gateway: warning: traefik/broken.toml:2:"), result.stdout)
    XCTAssertTrue(
      result.stderr.contains("gateway: note: 1 finding silenced by parapet:ignore comments"),
      result.stdout)
  }
}

extension GatewayCommandTests {
  func testEnvoyStaticBootstrap() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "envoy/envoy.yaml",
      """
      static_resources:
        listeners:
          - name: public
            address:
              socket_address: {address: 0.0.0.0, port_value: 8443}
            filter_chains:
              - transport_socket:
                  name: envoy.transport_sockets.tls
                  typed_config:
                    "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext
                    common_tls_context:
                      tls_params:
                        tls_minimum_protocol_version: TLSv1_0
                filters:
                  - name: envoy.filters.network.http_connection_manager
                    typed_config:
                      "@type": type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager
                      stat_prefix: ingress
                      route_config:
                        virtual_hosts:
                          - name: api
                            domains: ["*"]
                            cors:
                              allow_origin_string_match:
                                - safe_regex: {regex: ".*"}
                              allow_credentials: true
                      http_filters:
                        - name: envoy.filters.http.router
        clusters:
          - name: metadata
            load_assignment:
              cluster_name: metadata
              endpoints:
                - lb_endpoints:
                    - endpoint:
                        address:
                          socket_address: {address: 169.254.169.254, port_value: 80}
          - name: backend
            transport_socket:
              name: envoy.transport_sockets.tls
              typed_config:
                "@type": type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.UpstreamTlsContext

      """)
    let result = try Command.parapet(["gateway", repo.url.path, "--gateway-format", "envoy"])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      Self.findingPlaces(result.stdout),
      [
        "envoy/envoy.yaml:13:49: high GW-TLS-001",
        "envoy/envoy.yaml:15:21: medium GW-HDR-001",
        "envoy/envoy.yaml:15:21: high GW-LOG-001",
        "envoy/envoy.yaml:15:21: high GW-RL-001",
        "envoy/envoy.yaml:25:49: critical GW-CORS-001",
        "envoy/envoy.yaml:37:47: high GW-SSRF-002",
        "envoy/envoy.yaml:40:15: medium GW-MTLS-004",
      ])
  }
}

extension GatewayCommandTests {
  /// nginx's rule for array directives: a location with any proxy_set_header of its own
  /// inherits none, so the server's X-Request-ID is lost there, and the finding says where it
  /// was set.
  func testProxySetHeaderInheritanceLoss() throws {
    let repo = try TemporaryRepository(git: false)
    try repo.write(
      "nginx/nginx.conf",
      """
      http {
          server {
              listen 80;
              proxy_set_header X-Request-ID $request_id;
              location / { proxy_pass http://a; }
              location /b {
                  proxy_set_header Host $host;
                  proxy_pass http://b;
              }
          }
      }

      """)
    let result = try Command.parapet(["gateway", repo.url.path])
    XCTAssertTrue(
      result.stdout.contains(
        "nginx/nginx.conf:7:13: low GW-LOG-005: No request id sent upstream: location /b sets its own proxy_set_header, which drops the X-Request-ID set at nginx/nginx.conf:4"
      ), result.stdout)
  }
}

extension GatewayCommandTests {
  /// A symbolic link is never followed: configuration outside the scanned root is not read.
  func testSymbolicLinksLeavingTheRootAreNotRead() throws {
    let outside = try TemporaryRepository(git: false)
    try outside.write("nginx.conf", "user root;\nhttp { server_tokens on; }\n")
    let repo = try TemporaryRepository(git: false)
    try repo.write("deploy/README", "configuration lives elsewhere\n")
    try FileManager.default.createSymbolicLink(
      at: repo.url.appendingPathComponent("deploy/nginx.conf"),
      withDestinationURL: outside.url.appendingPathComponent("nginx.conf"))
    try FileManager.default.createSymbolicLink(
      at: repo.url.appendingPathComponent("conf.d"), withDestinationURL: outside.url)
    let result = try Command.parapet(["gateway", repo.url.path])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("0 findings"), result.stdout)

    // Absolute includes name the server's paths: the repository's copy is read, never this
    // machine's /etc, and a link in the copied folder that leaves the root is not followed.
    try repo.write(
      "deploy/nginx/nginx.conf",
      "events {}\nhttp {\n    include /etc/nginx/mime.types;\n    include /etc/nginx/conf.d/*.conf;\n}\n"
    )
    try repo.write("deploy/nginx/mime.types", "types { text/html html; }\n")
    try repo.write(
      "deploy/nginx/conf.d/api.conf", "server_tokens on;\nserver { listen 443 ssl; }\n")
    try FileManager.default.createSymbolicLink(
      at: repo.url.appendingPathComponent("deploy/nginx/conf.d/z.conf"),
      withDestinationURL: outside.url.appendingPathComponent("nginx.conf"))
    let absolute = try Command.parapet(["gateway", repo.url.path])
    let places = Self.findingPlaces(absolute.stdout)
    XCTAssertTrue(places.contains("deploy/nginx/conf.d/api.conf:1:1: low GW-HDR-005"), "\(places)")
    XCTAssertFalse(places.contains { !$0.hasPrefix("deploy/nginx/conf.d/api.conf:") }, "\(places)")
    XCTAssertFalse(absolute.stdout.contains("names no file"), absolute.stdout)
  }
}

extension GatewayCommandTests {
  /// Fingerprints leave line numbers out, so a baseline survives an edit above a finding; two
  /// findings of the same rule and content in one file still get their own.
  func testFingerprintsSurviveEditsAboveAndRepeatsAreTheirOwn() throws {
    let repo = try TemporaryRepository(git: false)
    let kong = """
      _format_version: "3.0"
      plugins:
        - name: cors
          config:
            origins:
              - "https://.*example.com"
            credentials: true
      services:
        - name: s
          url: https://backend.example.com
          routes:
            - name: r
              protocols: [https]

      """
    try repo.write("kong/kong.yml", kong)
    try repo.write(
      "nginx/nginx.conf",
      """
      http {
          server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.2; }
          server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.2; }
      }

      """)
    func findings() throws -> [(rule: String, path: String, line: Int, fingerprint: String)] {
      let json = repo.url.appendingPathComponent("g.json")
      _ = try Command.parapet(["gateway", repo.url.path, "--json", json.path])
      let found = try JSONReport.jobs(json).first?["findings"] as? [[String: Any]] ?? []
      return found.map { finding in
        let location = finding["location"] as? [String: Any]
        return (
          finding["ruleId"] as? String ?? "", location?["path"] as? String ?? "",
          location?["startLine"] as? Int ?? 0, finding["fingerprint"] as? String ?? ""
        )
      }
    }
    let before = try findings()
    let tls = before.filter { $0.rule == "GW-TLS-001" }
    XCTAssertEqual(tls.map(\.line), [2, 3])
    XCTAssertEqual(Set(tls.map(\.fingerprint)).count, 2, "repeats share a fingerprint")
    let cors = before.filter { $0.path == "kong/kong.yml" && $0.rule == "GW-CORS-003" }
    XCTAssertEqual(cors.count, 1)

    try repo.write("kong/kong.yml", "# the gateway of the shop\n" + kong)
    let after = try findings().filter { $0.path == "kong/kong.yml" && $0.rule == "GW-CORS-003" }
    XCTAssertEqual(after.map(\.line), cors.map { $0.line + 1 })
    XCTAssertEqual(after.map(\.fingerprint), cors.map(\.fingerprint))
  }
}

extension GatewayCommandTests {
  /// Several PATHs, files among them, as a gixy user names `nginx.conf`: paths are shown from
  /// their common folder, a named file's includes are read, and a folder left out by default
  /// (`fixtures`) is read when named.
  func testSeveralPathsFilesAndFoldersNamedOnTheCommandLine() throws {
    let repo = try TemporaryRepository(git: false)
    try repo.write("deploy/nginx/nginx.conf", "http {\n    include conf.d/*.conf;\n}\n")
    let weak = "server {\n    listen 443 ssl;\n    ssl_protocols TLSv1 TLSv1.2;\n}\n"
    try repo.write("deploy/nginx/conf.d/api.conf", weak)
    try repo.write("deploy/other.conf", weak)
    try repo.write("fixtures/old.conf", weak)
    func places(_ paths: [String]) throws -> [String] {
      let result = try Command.parapet(
        ["gateway"] + paths.map { repo.url.appendingPathComponent($0).path })
      return Self.findingPlaces(result.stdout).filter { $0.hasSuffix("GW-TLS-001") }
    }
    XCTAssertEqual(
      try places(["deploy/nginx/nginx.conf"]), ["conf.d/api.conf:3:19: high GW-TLS-001"])
    XCTAssertEqual(
      try places(["deploy/nginx/nginx.conf", "fixtures"]),
      [
        "deploy/nginx/conf.d/api.conf:3:19: high GW-TLS-001",
        "fixtures/old.conf:3:19: high GW-TLS-001",
      ])
    XCTAssertEqual(
      try places(["."]),
      [
        "deploy/nginx/conf.d/api.conf:3:19: high GW-TLS-001",
        "deploy/other.conf:3:19: high GW-TLS-001",
      ])
    let missing = try Command.parapet(["gateway", repo.url.appendingPathComponent("nope").path])
    XCTAssertEqual(missing.status, 2)
    XCTAssertTrue(missing.stderr.hasSuffix("nope: no such file or directory\n"), missing.stderr)
  }
}
