import CXML2
import Foundation
import ParapetCore

/// Writes JUnit XML with libxml2, valid against the Ant JUnit XSD: a `<testsuite>` per job, a
/// `<testcase>` per unit checked that passes when clean, one `<failure>` per unit listing its
/// findings, `<skipped>` for a unit the job says does not apply (its `skipped` property), and
/// an `<error>` when the job could not run.
public enum JUnitWriter {
  /// Which consumer the file is for.
  public enum Flavor: String, CaseIterable, Sendable {
    /// Plain Ant JUnit, valid against its XSD.
    case ant
    /// GitLab: adds `testcase@file` so the test view links to the file.
    case gitlab
  }

  /// The report's bytes.
  /// - Parameters:
  ///   - report: the run.
  ///   - flavor: `ant` or `gitlab`.
  /// - Returns: UTF-8 XML.
  /// - Throws: `ParapetReportError` when libxml2 fails.
  public static func render(_ report: RunReport, flavor: Flavor = .ant) throws -> Data {
    guard let buffer = xmlBufferCreate() else {
      throw ParapetReportError.xml("cannot allocate buffer")
    }
    defer { xmlBufferFree(buffer) }
    guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
      throw ParapetReportError.xml("cannot create writer")
    }
    let xml = XMLWriter(writer: writer)
    defer { xmlFreeTextWriter(writer) }
    xmlTextWriterSetIndent(writer, 1)
    xmlTextWriterSetIndentString(writer, "  ")
    try xml.check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    let timestamp = timestampFormatter.string(from: report.startedAt)
    try xml.element("testsuites") {
      for (index, result) in report.results.enumerated() {
        try suite(result, id: index, timestamp: timestamp, flavor: flavor, xml: xml)
      }
    }
    try xml.check(xmlTextWriterEndDocument(writer))
    guard let content = xmlBufferContent(buffer) else {
      throw ParapetReportError.xml("empty buffer")
    }
    return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
  }

  private static func suite(
    _ result: JobResult, id: Int, timestamp: String, flavor: Flavor, xml: XMLWriter
  ) throws {
    let byUnit = Dictionary(grouping: result.findings) { $0.failedUnit ?? result.job }
    let units = Array(Set(result.checked).union(byUnit.keys)).sorted()
    let failed = result.status == .failed
    let skipped = units.filter { byUnit[$0] == nil && skipReason(result, $0) != nil }
    let seconds = String(format: "%.3f", Double(result.durationMs) / 1000)
    try xml.element(
      "testsuite",
      [
        ("package", "parapet"), ("id", "\(id)"), ("name", result.job), ("timestamp", timestamp),
        ("hostname", "localhost"), ("tests", "\(units.count + (failed ? 1 : 0))"),
        ("failures", "\(byUnit.count)"), ("errors", failed ? "1" : "0"),
        ("skipped", "\(skipped.count)"),
        ("time", seconds),
      ]
    ) {
      try xml.element("properties") {
        try xml.empty("property", [("name", "status"), ("value", result.status.rawValue)])
        try xml.empty("property", [("name", "files"), ("value", "\(result.coverage.files)")])
        try xml.empty("property", [("name", "commits"), ("value", "\(result.coverage.commits)")])
      }
      for unit in units {
        var attributes = [("name", unit), ("classname", "parapet.\(result.job)"), ("time", "0")]
        if flavor == .gitlab, unit != result.job {
          // A unit that is not a file (a configuration's checklist step) names its file.
          if case .string(let file)? = result.unitProperties[unit]?["file"] {
            attributes.append(("file", file))
          } else {
            attributes.append(("file", unit))
          }
        }
        try xml.element("testcase", attributes) {
          if byUnit[unit] == nil, let reason = skipReason(result, unit) {
            try xml.empty("skipped", [("message", reason)])
          }
          if let findings = byUnit[unit] {
            let text = findings.map(describe).joined(separator: "\n")
            try xml.element(
              "failure",
              [
                ("message", "\(findings.count) \(findings.count == 1 ? "finding" : "findings")"),
                ("type", result.job),
              ]
            ) { try xml.text(text) }
          }
        }
      }
      if failed {
        try xml.element(
          "testcase",
          [("name", result.job), ("classname", "parapet.\(result.job)"), ("time", seconds)]
        ) {
          let message = result.notifications.filter { $0.level == .error }.map(\.message).joined(
            separator: "; ")
          try xml.element("error", [("message", message), ("type", "job-failed")]) {
            try xml.text(message)
          }
        }
      }
      let notes = result.notifications.map {
        "\($0.level.rawValue): \($0.place)\($0.message)"
      }
      try xml.element("system-out") { try xml.text(notes.joined(separator: "\n")) }
      try xml.element("system-err") {}
    }
  }

  private static func skipReason(_ result: JobResult, _ unit: String) -> String? {
    if case .string(let reason)? = result.unitProperties[unit]?["skipped"] { return reason }
    return nil
  }

  /// One line per finding; line numbers belong here, not in test case names.
  private static func describe(_ finding: Finding) -> String {
    let place = finding.location.map { "\($0.startLine):\($0.startColumn) " } ?? ""
    let commit = finding.location?.commit.map { " (commit \($0.prefix(12)))" } ?? ""
    return
      "\(place)[\(finding.severity.rawValue)] \(finding.ruleId): \(finding.message)\(commit) fingerprint \(finding.fingerprint)"
  }

  private static let timestampFormatter: DateFormatter = {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd'T'HH:mm:ss"
    return formatter
  }()
}

/// A thin wrapper that turns libxml2's status codes into errors.
struct XMLWriter {
  let writer: xmlTextWriterPtr

  func check(_ status: Int32) throws {
    if status < 0 { throw ParapetReportError.xml("libxml2 writer failed") }
  }

  func element(_ name: String, _ attributes: [(String, String)] = [], _ body: () throws -> Void)
    throws
  {
    try check(xmlTextWriterStartElement(writer, name))
    for (key, value) in attributes {
      try check(xmlTextWriterWriteAttribute(writer, key, Self.clean(value)))
    }
    try body()
    try check(xmlTextWriterFullEndElement(writer))
  }

  func empty(_ name: String, _ attributes: [(String, String)]) throws {
    try check(xmlTextWriterStartElement(writer, name))
    for (key, value) in attributes {
      try check(xmlTextWriterWriteAttribute(writer, key, Self.clean(value)))
    }
    try check(xmlTextWriterEndElement(writer))
  }

  func text(_ value: String) throws {
    try check(xmlTextWriterWriteString(writer, Self.clean(value)))
  }

  /// XML 1.0 cannot hold most control characters, even escaped; a file name may contain them.
  private static func clean(_ value: String) -> String {
    String(
      String.UnicodeScalarView(
        value.unicodeScalars.map { scalar in
          scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r"
            ? "\u{FFFD}" : scalar
        }))
  }
}
