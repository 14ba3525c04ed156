import Foundation
import ParapetTestSupport
import XCTest

/// The checklist view of `parapet gateway`, the hardened configurations that must pass it, and
/// the ways to silence a finding.
final class GatewayChecklistTests: XCTestCase {
  /// A configuration per format that follows every step yields no finding at all: each is the
  /// secure fixture of every rule checked in its format.
  func testHardenedConfigurationsYieldNoFinding() throws {
    let folder = TestPaths.packageRoot.appendingPathComponent("fixtures/gateway/hardened")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("g.json")
    let result = try Command.parapet(["gateway", folder.path, "--checklist", "--json", json.path])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    XCTAssertTrue(result.stdout.contains("0 findings"), result.stdout)
    XCTAssertFalse(result.stdout.contains(" fail "), result.stdout)
    for header in [
      "envoy.yaml (envoy)", "kong.yml (kong)", "kubernetes.yaml (kubernetes)",
      "nginx.conf (nginx)", "traefik.yml (traefik)", ".github/workflows/gateway.yml (ci workflow)",
      "Dockerfile (dockerfile)",
    ] {
      XCTAssertTrue(result.stdout.contains(header + "\n"), "\(header) not read: \(result.stdout)")
    }
    let jobs = try JSONReport.jobs(json)
    let job = jobs.first
    XCTAssertEqual(job?["status"] as? String, "complete")
  }

  func testChecklistTableAndOneJUnitCasePerConfigurationAndStep() throws {
    let repo = try TemporaryRepository(git: false)
    try repo.write(
      "kong.yml",
      """
      _format_version: "3.0"
      services:
        - name: s
          url: https://backend.example.com
          tls_verify: true
          routes:
            - name: r
              protocols: [https]

      """)
    let junit = repo.url.appendingPathComponent("g.xml")
    let result = try Command.parapet(
      ["gateway", repo.url.path, "--checklist", "--junit", junit.path], in: repo.url)
    XCTAssertEqual(result.status, 1, result.stderr)
    XCTAssertTrue(
      result.stdout.hasPrefix(
        """
        kong.yml (kong)
          step  check                         result   rules
             1  TLS everywhere                fail     GW-TLS-003
             2  CORS allowlist                pass
             3  Rate limits                   fail     GW-RL-001
             4  SSRF protection               pass
             5  Security headers              fail     GW-HDR-001
             6  Mutual TLS                    pass
             7  API keys and credentials      pass
             8  Audit logging                 fail     GW-LOG-001 GW-LOG-005
             9  Container security            n/a
            10  Scanning and config hygiene   pass

        """), result.stdout)
    XCTAssertNil(SchemaValidator.junitErrors(junit))
    let xml = try String(contentsOf: junit, encoding: .utf8)
    XCTAssertEqual(xml.components(separatedBy: "<testcase ").count - 1, 10, xml)
    XCTAssertTrue(xml.contains(#"tests="10" failures="4" errors="0" skipped="1""#), xml)
    XCTAssertTrue(
      xml.contains(#"<skipped message="step 9 does not apply to kong"/>"#), xml)
    XCTAssertTrue(xml.contains(#"name="kong.yml step 3: Rate limits""#), xml)

    let gitlab = try Command.parapet(
      ["gateway", repo.url.path, "--junit", junit.path, "--junit-flavor", "gitlab"], in: repo.url)
    XCTAssertEqual(gitlab.status, 1, gitlab.stderr)
    let cases = try String(contentsOf: junit, encoding: .utf8)
    XCTAssertTrue(cases.contains(#"file="kong.yml""#), cases)
  }

  /// `# parapet:ignore` on a line, before a block, and after a YAML key; `[[gateway.ignore]]`
  /// by path; thresholds from `.parapet.toml`; comments that are wrong or silence nothing.
  func testSuppressionCommentsPathIgnoresAndThresholds() throws {
    let repo = try TemporaryRepository(git: false)
    try repo.write(
      "nginx.conf",
      """
      user root; # parapet:ignore GW-CTR-001 the sandbox maps root to an unprivileged uid
      events {}
      http {
          server_tokens off;
          limit_req_status 429;
          server {
              listen 80;
              # parapet:ignore GW-RL-001 limited by the load balancer in front
              location /v1/ {
                  proxy_pass http://backend;
              }
              location /v2/ {
                  proxy_pass http://backend; # parapet:ignore GW-SSRF-004
              }
              # parapet:ignore GW-NOPE-001 typo
          }
      }

      """)
    try repo.write(
      "deploy/app.yaml",
      """
      apiVersion: v1
      kind: Pod
      metadata:
        name: app
      spec:
        securityContext:
          runAsNonRoot: true
          seccompProfile: {type: RuntimeDefault}
        containers:
          - name: app # parapet:ignore GW-CTR-003 writes its cache to the root filesystem
            image: registry.example.com/app:1.4.2
            securityContext:
              runAsNonRoot: true
              allowPrivilegeEscalation: false

      """)
    try repo.write(
      "legacy/old.conf",
      """
      http {
          server {
              listen 443 ssl;
              ssl_certificate /etc/ssl/old.pem;
              ssl_protocols TLSv1 TLSv1.2;
          }
      }

      """)
    try repo.write(
      "hsts/site.conf",
      """
      http {
          server_tokens off;
          server {
              listen 443 ssl;
              ssl_certificate /etc/ssl/site.pem;
              ssl_protocols TLSv1.2 TLSv1.3;
              add_header Strict-Transport-Security "max-age=3600" always;
              add_header X-Content-Type-Options nosniff always;
              add_header X-Frame-Options DENY always;
              add_header Content-Security-Policy "default-src 'self'" always;
              add_header Referrer-Policy no-referrer always;
              add_header Permissions-Policy "camera=()" always;
          }
      }

      """)
    try repo.write(
      ".parapet.toml",
      """
      [gateway]
      hsts-min-age = 3600

      [[gateway.ignore]]
      paths = ["legacy/**"]
      reason = "retired with the v1 API in March"

      """)
    let result = try Command.parapet(["gateway", repo.url.path], in: repo.url)
    XCTAssertEqual(
      GatewayCommandTests.findingPlaces(result.stdout),
      [
        "nginx.conf:9:9: low GW-LOG-005", "nginx.conf:9:9: medium GW-TLS-005",
        "nginx.conf:13:13: high GW-RL-001",
      ], result.stdout)
    for expected in [
      "nginx.conf:13: parapet:ignore GW-SSRF-004 gives no reason; say why it is safe",
      "nginx.conf:13: parapet:ignore GW-SSRF-004 silences no finding; remove it",
      "nginx.conf:15: parapet:ignore names no gateway rule 'GW-NOPE-001'",
      "4 findings silenced by parapet:ignore comments",
      "5 findings dismissed by [[gateway.ignore]] in .parapet.toml",
    ] {
      XCTAssertTrue(
        result.stdout.contains(expected) || result.stderr.contains(expected),
        "missing notice: \(expected)\n\(result.stdout)\n\(result.stderr)")
    }

    try repo.write(".parapet.toml", "[gateway]\nhsts-min-age = \"a year\"\n")
    let bad = try Command.parapet(["gateway", repo.url.path], in: repo.url)
    XCTAssertEqual(bad.status, 2)
    XCTAssertTrue(
      bad.stderr.contains(".parapet.toml:2:1: hsts-min-age takes a whole number"), bad.stderr)
  }
}

extension GatewayChecklistTests {
  /// `scan --pre-commit` checks the gateway configuration as staged, not as in the work tree,
  /// and reports only what is in staged files; the repository is not changed.
  func testPreCommitChecksStagedConfigurationOnly() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "deploy/old.conf", "http { server { listen 443 ssl; ssl_protocols TLSv1 TLSv1.2; } }\n")
    try repo.commitAll("old configuration")
    try repo.write(
      "deploy/nginx/nginx.conf",
      """
      user root;
      events {}
      http { server_tokens off; }

      """)
    try repo.git("add", "deploy/nginx/nginx.conf")
    // The work tree fixes the problem, but the fix is not staged: the commit would carry root.
    try repo.write(
      "deploy/nginx/nginx.conf", "user nginx;\nevents {}\nhttp { server_tokens off; }\n")
    let status = try repo.git("status", "--porcelain")
    let result = try Command.parapet(["scan", repo.url.path, "--pre-commit"], in: repo.url)
    XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
    // In a hook, parapet prints only what stops the commit, and how to accept it.
    XCTAssertTrue(
      result.stderr.contains("\n  deploy/nginx/nginx.conf:1  high GW-CTR-001\n"), result.stderr)
    XCTAssertTrue(
      result.stderr.contains("      # parapet:ignore GW-CTR-001 <why it is acceptable>\n"),
      result.stderr)
    XCTAssertEqual(try repo.git("status", "--porcelain"), status, "the repository changed")

    try repo.git("add", "deploy/nginx/nginx.conf")
    let fixed = try Command.parapet(["scan", repo.url.path, "--pre-commit"], in: repo.url)
    XCTAssertEqual(fixed.status, 0, fixed.stdout + fixed.stderr)
  }
}
