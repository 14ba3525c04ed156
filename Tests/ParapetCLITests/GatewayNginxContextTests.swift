import Foundation
import ParapetTestSupport
import XCTest

/// Issue 20: nginx files are checked in the context nginx would read them in — the prefix found
/// from `nginx.conf`, site files inside its `http` block — and what could not be read is said
/// once per include, not once per file.
final class GatewayNginxContextTests: XCTestCase {
  /// An h5bp-shaped tree: `nginx.conf` sets `server_tokens off` and includes `conf.d/*.conf`;
  /// a template under `conf.d/templates/` includes `snippets/tls.conf`, relative to the prefix.
  private func writePrefixTree(_ repo: TemporaryRepository) throws {
    try repo.write("mime.types", "types {\n    text/html html;\n}\n")
    try repo.write(
      "nginx.conf",
      """
      user www-data;
      http {
          include mime.types;
          server_tokens off;
          access_log /var/log/nginx/access.log;
          include conf.d/*.conf;
      }

      """)
    try repo.write(
      "snippets/tls.conf",
      """
      ssl_protocols TLSv1.2 TLSv1.3;
      add_header Strict-Transport-Security "max-age=31536000" always;

      """)
    try repo.write(
      "conf.d/templates/site.conf",
      """
      server {
          listen 443 ssl;
          server_name example.com;
          include snippets/tls.conf;
          root /var/www;
      }

      """)
  }

  func testIncludesResolveAgainstTheFoundPrefixAndSitesSitInItsHttpBlock() throws {
    let repo = try TemporaryRepository()
    try writePrefixTree(repo)
    let result = try Command.parapet(["gateway", repo.url.path, "--fail-on", "critical"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "gateway: note: nginx includes resolved against the prefix '.', the folder holding nginx.conf or mime.types (--nginx-prefix sets another)"
      ), result.stderr)
    XCTAssertFalse(result.stderr.contains("names no file"), result.stderr)
    // server_tokens off comes from nginx.conf's http block, the HSTS header and protocols from
    // the prefix-relative include: none is reported missing; the headers the tree lacks are.
    XCTAssertEqual(
      GatewayCommandTests.findingPlaces(result.stdout),
      [
        "conf.d/templates/site.conf:1:1: medium GW-HDR-001",
        "conf.d/templates/site.conf:1:1: low GW-HDR-002",
      ])
  }

  func testAGivenPrefixOverridesTheFoundOne() throws {
    let repo = try TemporaryRepository()
    try writePrefixTree(repo)
    let elsewhere = repo.url.appendingPathComponent("conf.d").path
    let result = try Command.parapet([
      "gateway", repo.url.path, "--nginx-prefix", elsewhere, "--fail-on", "critical",
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertFalse(result.stderr.contains("resolved against the prefix"), result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "gateway: warning: conf.d/templates/site.conf:4: include 'snippets/tls.conf' names no file; its directives were not checked"
      ), result.stderr)
  }

  func testAnIncludeThatNamesNoFileIsOneWarningWhereverItStands() throws {
    let repo = try TemporaryRepository()
    for app in ["alpha", "beta", "gamma"] {
      try repo.write(
        "\(app).subdomain.conf.sample",
        """
        server {
            listen 80;
            server_name \(app).example.com;
            include /config/nginx/proxy.conf;
            location / {
                proxy_pass http://\(app):8080;
            }
        }

        """)
    }
    let result = try Command.parapet(["gateway", repo.url.path, "--fail-on", "critical"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let warnings = result.stderr.split(separator: "\n").filter { $0.contains("names no file") }
    XCTAssertEqual(
      warnings,
      [
        "gateway: warning: alpha.subdomain.conf.sample:4: include '/config/nginx/proxy.conf' names no file (here and at 2 other places); its directives were not checked"
      ])
  }

  /// A server that answers every request with a server-level `return` serves no page: content
  /// headers do not apply; a redirect still needs HSTS; 444 sends no response at all.
  func testServersThatOnlyRedirectOrCloseNeedNoContentHeaders() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "nginx/nginx.conf",
      """
      http {
          server_tokens off;
          ssl_protocols TLSv1.2 TLSv1.3;
          access_log /var/log/nginx/access.log;
          server {
              listen 443 ssl default_server;
              return 444;
          }
          server {
              listen 443 ssl;
              server_name www.example.com;
              return 301 https://example.com$request_uri;
          }
      }

      """)
    let result = try Command.parapet(["gateway", repo.url.path, "--fail-on", "critical"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      GatewayCommandTests.findingPlaces(result.stdout), ["nginx/nginx.conf:9:5: medium GW-TLS-003"])
  }

  /// The same setting missing from every server of a file is one finding listing the blocks;
  /// what is wrong at a directive stays one finding per place.
  func testASettingMissingFromEveryServerIsOneFinding() throws {
    let repo = try TemporaryRepository()
    let server = """
      server {
          listen 443 ssl;
          server_tokens off;
          ssl_protocols TLSv1 TLSv1.2;
          add_header X-Content-Type-Options nosniff always;
          add_header X-Frame-Options DENY always;
          add_header Content-Security-Policy "default-src 'self'" always;
          add_header Referrer-Policy no-referrer always;
          add_header Permissions-Policy "camera=()" always;
      }

      """
    try repo.write("nginx/sites.conf", server + server + server)
    let json = repo.url.appendingPathComponent("g.json")
    let result = try Command.parapet(["gateway", repo.url.path, "--json", json.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      GatewayCommandTests.findingPlaces(result.stdout),
      [
        "nginx/sites.conf:1:1: medium GW-TLS-003",
        "nginx/sites.conf:4:19: high GW-TLS-001",
        "nginx/sites.conf:14:19: high GW-TLS-001",
        "nginx/sites.conf:24:19: high GW-TLS-001",
      ])
    XCTAssertTrue(
      result.stdout.contains(
        "nginx/sites.conf:1:1: medium GW-TLS-003: HSTS missing or weak: this TLS server sends no Strict-Transport-Security (also at lines 11 and 21)"
      ), result.stdout)
    let findings = try JSONReport.jobs(json).first?["findings"] as? [[String: Any]] ?? []
    let grouped = findings.first { $0["ruleId"] as? String == "GW-TLS-003" }
    let properties = grouped?["properties"] as? [String: Any]
    XCTAssertEqual(properties?["alsoAtLines"] as? [String], ["11", "21"])
  }

  /// Step 4 as nginx runs it: `set` variables take their values, a regex location's named
  /// captures come from the request, a path variable after the host is no host, and a target
  /// whose host is an address or an `upstream` group needs no resolver.
  func testProxyTargetsAreReadWithTheirVariables() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "nginx/nginx.conf",
      """
      http {
          server_tokens off;
          upstream app { server 10.0.0.7:8080; }
          server {
              listen 80;
              location /a/ { proxy_pass http://backend.internal$request_uri; }
              location ~ ^/b/(?<dest>[^/]+) { proxy_pass http://$dest; }
              location /c/ {
                  set $target "http://$arg_host";
                  proxy_pass $target;
              }
              location /d/ { proxy_pass http://10.0.0.5:8080/$uri; }
              location /e/ { proxy_pass http://app/$uri; }
          }
      }

      """)
    let result = try Command.parapet(["gateway", repo.url.path, "--verbose"])
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertEqual(
      GatewayCommandTests.findingPlaces(result.stdout).filter { $0.contains("GW-SSRF-00") },
      [
        "nginx/nginx.conf:6:35: medium GW-SSRF-004",
        "nginx/nginx.conf:7:52: critical GW-SSRF-001",
        "nginx/nginx.conf:7:52: medium GW-SSRF-004",
        "nginx/nginx.conf:10:24: critical GW-SSRF-001",
        "nginx/nginx.conf:10:24: medium GW-SSRF-004",
      ])
  }

  /// `add_header X "";` sends nothing: it neither counts as sending the header nor needs
  /// `always`.
  func testAnEmptyHeaderValueSendsNoHeader() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "nginx/nginx.conf",
      """
      http {
          server_tokens off;
          server {
              listen 80;
              location / {
                  proxy_hide_header Content-Security-Policy;
                  add_header Content-Security-Policy "";
                  proxy_pass http://10.0.0.5:8080;
              }
          }
      }

      """)
    let result = try Command.parapet(["gateway", repo.url.path, "--verbose"])
    XCTAssertFalse(result.stdout.contains("GW-HDR-003"), result.stdout)
  }

  /// Fragments of directives the first list of module prefixes did not know (`open_file_cache`,
  /// `brotli_static`, an `if` block) are counted with the others, not dropped without a word.
  func testEveryUnincludedFragmentIsCounted() throws {
    let repo = try TemporaryRepository()
    try repo.write("nginx/cache.conf", "open_file_cache max=1000 inactive=20s;\n")
    try repo.write("nginx/brotli.conf", "brotli_static on;\n")
    try repo.write(
      "nginx/origin.conf", "if ($http_origin ~* ^https://example\\.com$) {\n    set $cors 1;\n}\n")
    let result = try Command.parapet(["gateway", repo.url.path, "--fail-on", "critical"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "gateway: note: 3 nginx fragments not included by any configuration were not checked (such as nginx/brotli.conf)"
      ), result.stderr)
  }

  /// Helm and Go templates that parse only once rendered are one note, not a warning each; a
  /// broken file without template markers is still a warning of its own, on one line, quoting
  /// nothing of the file (Yams' own message quotes the line, and once ended the file's documents
  /// at the error without a word).
  func testTemplatesThatDoNotParseAreOneNote() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "chart/templates/ingress.yaml",
      """
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata:
        name: {{ include "app.fullname" . }}
      {{- with .Values.ingress.annotations }}
        annotations:
          {{- toYaml . | nindent 4 }}
      {{- end }}

      """)
    try repo.write(
      "traefik/entrypoints.toml",
      "[entryPoints]\n{{ range $name, $port := .Ports }}\n  [entryPoints.{{ $name }}]\n{{ end }}\n")
    try repo.write("k8s/broken.yaml", "apiVersion: v1\nkind: Service\nmetadata: [\n")
    let result = try Command.parapet(["gateway", repo.url.path, "--fail-on", "critical"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "gateway: note: 2 templates ({{ … }} or {% … %}) that do not parse until rendered were not checked (such as chart/templates/ingress.yaml); check the rendered output (helm template)"
      ), result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "gateway: warning: k8s/broken.yaml:4: YAML does not parse: did not find expected node content (while parsing a flow node) at column 1; not checked\n"
      ), result.stderr)
  }
}
