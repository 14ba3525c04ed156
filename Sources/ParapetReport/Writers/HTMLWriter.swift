import Foundation
import ParapetCore

/// One self-contained HTML page a person reads: the jobs and findings by severity, every finding
/// in a table filterable by job, severity, rule, path and checklist step (each with its rule's
/// help), the gateway checklist per configuration, the dependency tree and the license
/// overview. No network: the style and the filter script are inline, and no font or script is
/// loaded from anywhere.
public enum HTMLWriter {
  /// The page.
  /// - Parameter report: the run.
  /// - Returns: HTML5, ending in a newline.
  public static func render(_ report: RunReport) -> String {
    var body: [String] = []
    let total = report.findings.count
    body.append("<h1>Parapet: \(total) \(total == 1 ? "finding" : "findings")</h1>")
    body.append(
      "<p class=\"meta\">parapet \(escape(report.toolVersion)), started \(escape(ISO8601DateFormatter().string(from: report.startedAt)))</p>"
    )
    body.append(summary(report))
    body.append(findings(report))
    if let gateway = report.results.first(where: { $0.job == "gateway" }),
      !gateway.unitProperties.isEmpty
    {
      body.append(checklist(gateway))
    }
    if let deps = report.results.first(where: { $0.job == "deps" }), !deps.unitProperties.isEmpty {
      body.append(tree(deps))
    }
    if let licenses = report.results.first(where: { $0.job == "licenses" }),
      !licenses.unitProperties.isEmpty
    {
      body.append(licenseOverview(licenses))
    }
    return """
      <!DOCTYPE html>
      <html lang="en">
      <head>
      <meta charset="utf-8">
      <meta name="viewport" content="width=device-width, initial-scale=1">
      <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
      <title>Parapet report</title>
      <style>\(style)</style>
      </head>
      <body>
      \(body.joined(separator: "\n"))
      <script>\(script)</script>
      </body>
      </html>

      """
  }

  private static func summary(_ report: RunReport) -> String {
    let severities = Severity.allCases.reversed()
    var rows = [
      "<tr><th>job</th><th>status</th>"
        + severities.map { "<th>\($0.rawValue)</th>" }.joined() + "<th>scanned</th></tr>"
    ]
    for result in report.results {
      var scanned = "\(result.coverage.files) files"
      if result.coverage.commits > 0 || result.coverage.range != nil {
        scanned += ", \(result.coverage.commits) commits"
      }
      if let range = result.coverage.range { scanned += " of \(range)" }
      let counts = severities.map { severity in
        let count = result.findings.filter { $0.severity == severity }.count
        return "<td class=\"n\(count > 0 ? " \(severity.rawValue)" : "")\">\(count)</td>"
      }
      rows.append(
        "<tr><td>\(escape(result.job))</td><td class=\"status \(result.status.rawValue)\">\(result.status.rawValue)</td>"
          + counts.joined() + "<td>\(escape(scanned))</td></tr>")
    }
    var notices = report.results.flatMap { result in
      result.notifications.filter { $0.level != .note }.map {
        "<li class=\"\($0.level.rawValue)\">\(escape(result.job)): \(escape($0.place + $0.message))</li>"
      }
    }
    if !notices.isEmpty { notices = ["<ul class=\"notices\">"] + notices + ["</ul>"] }
    return "<h2>Summary</h2>\n<table class=\"summary\">\(rows.joined())</table>\n"
      + notices.joined(separator: "\n")
  }

  private static func findings(_ report: RunReport) -> String {
    let all = report.results.flatMap { result in result.findings.map { (result, $0) } }
    guard !all.isEmpty else { return "<h2>Findings</h2>\n<p>No findings.</p>" }
    let options: (String, [String]) -> String = { name, values in
      "<label>\(name) <select data-filter=\"\(name)\"><option value=\"\">all</option>"
        + values.map { "<option>\(escape($0))</option>" }.joined() + "</select></label>"
    }
    let steps = Set(all.compactMap { $0.1.properties["step"].flatMap(stepText) }).sorted {
      (Int($0) ?? 0) < (Int($1) ?? 0)
    }
    var html = [
      "<h2>Findings</h2>",
      "<form class=\"filters\">"
        + options("job", report.results.filter { !$0.findings.isEmpty }.map(\.job))
        + options("severity", Severity.allCases.reversed().map(\.rawValue))
        + options("rule", Set(all.map(\.1.ruleId)).sorted())
        + options("step", steps)
        + "<label>path <input data-filter=\"path\" type=\"search\"></label>"
        + " <span id=\"shown\"></span></form>",
      "<table class=\"findings\"><thead><tr><th>severity</th><th>job</th><th>rule</th><th>where</th><th>message</th></tr></thead><tbody>",
    ]
    for (result, finding) in all {
      let rule = result.rules.first { $0.id == finding.ruleId }
      let step = finding.properties["step"].flatMap(stepText) ?? ""
      let place = finding.location.map { "\($0.path):\($0.startLine)" } ?? ""
      let help =
        rule.map {
          "<details><summary>help</summary><p>\(escape($0.description))</p><p>\(escape($0.help))</p>"
            + $0.references.map { "<p>\(escape($0))</p>" }.joined() + "</details>"
        } ?? ""
      html.append(
        "<tr data-job=\"\(escape(result.job))\" data-severity=\"\(finding.severity.rawValue)\" data-rule=\"\(escape(finding.ruleId))\" data-step=\"\(step)\" data-path=\"\(escape(finding.location?.path ?? ""))\" data-fingerprint=\"\(finding.fingerprint)\">"
          + "<td class=\"\(finding.severity.rawValue)\">\(finding.severity.rawValue)</td>"
          + "<td>\(escape(result.job))</td><td><code>\(escape(finding.ruleId))</code></td>"
          + "<td><code>\(escape(place))</code></td><td>\(escape(finding.message))\(help)</td></tr>")
    }
    html.append("</tbody></table>")
    return html.joined(separator: "\n")
  }

  /// Each configuration's steps: pass, fail (with the rules), n/a.
  private static func checklist(_ gateway: JobResult) -> String {
    let failing = Dictionary(grouping: gateway.findings) { $0.failedUnit ?? "" }
    var byFile: [String: [(step: Int, unit: String, skipped: Bool)]] = [:]
    for (unit, properties) in gateway.unitProperties {
      guard case .string(let file)? = properties["file"], case .int(let step)? = properties["step"]
      else { continue }
      byFile[file, default: []].append((step, unit, properties["skipped"] != nil))
    }
    var html = ["<h2>Gateway checklist</h2>"]
    for file in byFile.keys.sorted() {
      html.append("<h3><code>\(escape(file))</code></h3><table class=\"checklist\">")
      html.append("<tr><th>step</th><th>check</th><th>result</th><th>rules</th></tr>")
      for row in byFile[file, default: []].sorted(by: { $0.step < $1.step }) {
        let rules = Set((failing[row.unit] ?? []).map(\.ruleId)).sorted()
        let result = !rules.isEmpty ? "fail" : row.skipped ? "n/a" : "pass"
        let title = row.unit.components(separatedBy: ": ").dropFirst().joined(separator: ": ")
        html.append(
          "<tr><td>\(row.step)</td><td>\(escape(title))</td><td class=\"status \(result)\">\(result)</td><td>\(escape(rules.joined(separator: " ")))</td></tr>"
        )
      }
      html.append("</table>")
    }
    return html.joined(separator: "\n")
  }

  /// The dependency tree of each lockfile, from the deps job's units (direct packages at the
  /// top, what each depends on below it; a package seen higher up is not expanded again).
  private static func tree(_ deps: JobResult) -> String {
    let units = deps.unitProperties
    let vulnerable = Set(deps.findings.compactMap(\.unit))
    var html = ["<h2>Dependencies</h2>"]
    let byLockfile = Dictionary(grouping: units.keys) {
      $0.components(separatedBy: " ").first ?? ""
    }
    for lockfile in byLockfile.keys.sorted() {
      let keys = byLockfile[lockfile, default: []]
      let direct = keys.filter { units[$0]?["direct"] == .bool(true) }.sorted()
      let roots = direct.isEmpty ? keys.sorted() : direct
      var seen = Set<String>()
      func node(_ unit: String, depth: Int) -> String {
        let name = unit.components(separatedBy: " ").dropFirst().joined(separator: " ")
        let mark = vulnerable.contains(unit) ? " class=\"vulnerable\"" : ""
        guard depth < 12, seen.insert(unit).inserted else {
          return "<li\(mark)>\(escape(name)) (above)</li>"
        }
        guard case .strings(let children)? = units[unit]?["dependsOn"], !children.isEmpty else {
          return "<li\(mark)>\(escape(name))</li>"
        }
        return
          "<li\(mark)><details\(depth == 0 ? " open" : "")><summary>\(escape(name))</summary><ul>"
          + children.sorted().filter { units[$0] != nil }.map { node($0, depth: depth + 1) }
          .joined() + "</ul></details></li>"
      }
      html.append(
        "<h3><code>\(escape(lockfile))</code> (\(keys.count) packages)</h3><ul class=\"tree\">"
          + roots.map { node($0, depth: 0) }.joined() + "</ul>")
    }
    return html.joined(separator: "\n")
  }

  /// How many packages carry each license, and which have none known.
  private static func licenseOverview(_ licenses: JobResult) -> String {
    var counts: [String: Int] = [:]
    for properties in licenses.unitProperties.values {
      if case .string(let license)? = properties["license"] { counts[license, default: 0] += 1 }
    }
    let rows = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map {
      "<tr><td>\(escape($0.key))</td><td class=\"n\">\($0.value)</td></tr>"
    }
    return "<h2>Licenses</h2>\n<table class=\"licenses\"><tr><th>license</th><th>packages</th></tr>"
      + rows.joined() + "</table>"
  }

  private static func stepText(_ value: PropertyValue) -> String? {
    if case .int(let step) = value { return String(step) }
    return nil
  }

  /// Text safe in HTML content and attribute values.
  static func escape(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case _ where scalar.value < 0x20 && scalar != "\n" && scalar != "\t": out += "\u{FFFD}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static let style = """
    body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#1b1f24}
    table{border-collapse:collapse;margin:.5em 0 1.5em}th,td{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}
    th{background:#f6f8fa}td.n{text-align:right}.meta{color:#57606a}
    .critical{background:#ffd7d5;font-weight:600}.high{background:#ffe2cc}.medium{background:#fff5c2}.low{background:#ddf4ff}.info{background:#f6f8fa}
    .status.fail,.status.failed,.status.timed-out,.status.cancelled{color:#cf222e;font-weight:600}.status.pass,.status.complete{color:#1a7f37}.status.incomplete{color:#9a6700}
    .filters label{margin-right:1em}.tree,.tree ul{list-style:none;padding-left:1.2em}.vulnerable{color:#cf222e}
    .notices .error{color:#cf222e}.notices .warning{color:#9a6700}code{font-size:12px}details p{margin:.3em 0;color:#57606a}
    """

  private static let script = """
    (function(){var f=document.querySelectorAll('[data-filter]'),r=document.querySelectorAll('table.findings tbody tr'),s=document.getElementById('shown');
    function apply(){var n=0;r.forEach(function(t){var ok=true;f.forEach(function(e){var k=e.getAttribute('data-filter'),v=e.value;if(!v)return;var d=t.getAttribute('data-'+k)||'';if(k==='path'?d.indexOf(v)<0:d!==v)ok=false});t.hidden=!ok;if(ok)n++});if(s)s.textContent=n+' of '+r.length+' shown'}
    f.forEach(function(e){e.addEventListener('input',apply)});apply()})();
    """
}
