import Foundation
import ParapetCore

/// Reads a gitleaks config (`.gitleaks.toml`) so a team migrates without rewriting anything:
/// `[[rules]]` with `regex`, `secretGroup`, `entropy`, `keywords`, `path` and allowlists (the
/// older `[rules.allowlist]` table and the newer `[[rules.allowlists]]` array), the global
/// `[allowlist]` / `[[allowlists]]`, and `[extend]` with `useDefault` and `disabledRules`.
struct GitleaksConfig {
  var rules: [SecretRule] = []
  var allowlist = AllowlistSpec()
  var useDefault = false
  var disabledRules: Set<String> = []

  private static let ruleKeys: Set<String> = [
    "id", "description", "regex", "secretGroup", "entropy", "keywords", "path", "tags",
    "allowlist", "allowlists", "report", "skipReport",
  ]
  private static let allowlistKeys: Set<String> = [
    "description", "regexes", "paths", "stopwords", "commits", "regexTarget", "condition",
  ]

  /// Loads a gitleaks config.
  /// - Parameters:
  ///   - url: the file.
  ///   - displayPath: its name in errors.
  /// - Returns: the translated config.
  /// - Throws: errors naming file and line for malformed TOML, unknown keys and bad values.
  static func load(_ url: URL, displayPath: String) throws -> GitleaksConfig {
    try read(try TOMLDocument.load(url, displayPath: displayPath))
  }

  /// Translates a parsed gitleaks config.
  /// - Parameter document: the config's TOML.
  /// - Returns: the translated config.
  /// - Throws: errors naming file and line for unknown keys and bad values.
  static func read(_ document: TOMLDocument) throws -> GitleaksConfig {
    try document.checkKeys(
      document.root,
      allowed: ["title", "description", "extend", "rules", "allowlist", "allowlists", "minVersion"])
    var config = GitleaksConfig()
    if let extend = document.root["extend"]?.table {
      try document.checkKeys(
        extend, allowed: ["useDefault", "path", "url", "disabledRules"], under: "[extend]")
      if extend["path"] != nil || extend["url"] != nil {
        throw document.error(
          at: "path", under: "[extend]",
          "extending another file is not supported; merge it into this one")
      }
      config.useDefault = extend["useDefault"]?.bool ?? false
      config.disabledRules = Set(extend["disabledRules"]?.strings ?? [])
    }
    for (header, value) in [("[allowlist]", document.root["allowlist"])]
      + (document.root["allowlists"]?.array ?? []).map({ ("[[allowlists]]", $0) })
    {
      guard let value else { continue }
      config.allowlist.merge(try allowlist(value, document, header: header))
    }
    for (index, value) in (document.root["rules"]?.array ?? []).enumerated() {
      guard let table = value.table else { continue }
      config.rules.append(try rule(table, index: index, document))
    }
    return config
  }

  private static func rule(_ table: [String: TOMLData], index: Int, _ document: TOMLDocument) throws
    -> SecretRule
  {
    let header = "[[rules]]"
    try document.checkKeys(table, allowed: ruleKeys, under: header, occurrence: index)
    guard let id = table["id"]?.string, !id.isEmpty else {
      throw document.error(at: "id", under: header, occurrence: index, "rule needs a string 'id'")
    }
    let regex = table["regex"]?.string
    let path = table["path"]?.string
    guard regex != nil || path != nil else {
      throw document.error(
        at: "id", under: header, occurrence: index, "rule '\(id)' needs 'regex' or 'path'")
    }
    var allowlist = AllowlistSpec()
    let nested = (table["allowlist"].map { [$0] } ?? []) + (table["allowlists"]?.array ?? [])
    for value in nested {
      allowlist.merge(try Self.allowlist(value, document, header: "[[rules.allowlists]]"))
    }
    let line = document.headerLine(header, occurrence: index) ?? 1
    return SecretRule(
      id: id, title: table["description"]?.string ?? id,
      description: table["description"]?.string ?? id,
      severity: .high, regex: regex ?? "(?s)^.+$",
      secretGroup: table["secretGroup"]?.int.flatMap { $0 > 0 ? $0 : nil },
      keywords: (table["keywords"]?.strings ?? []).map { $0.lowercased() },
      entropy: table["entropy"]?.double,
      validator: nil, pathRegex: path, generic: id.contains("generic"), allowlist: allowlist,
      help:
        "Rotate the secret and remove it from the repository (rule imported from gitleaks config).",
      references: [], examples: [], source: SourceLocation(path: document.path, line: line))
  }

  private static func allowlist(_ value: TOMLData, _ document: TOMLDocument, header: String) throws
    -> AllowlistSpec
  {
    guard let table = value.table else { return AllowlistSpec() }
    try document.checkKeys(table, allowed: allowlistKeys, under: header)
    var spec = AllowlistSpec()
    spec.regexes = table["regexes"]?.strings ?? []
    spec.paths = table["paths"]?.strings ?? []
    spec.stopwords = (table["stopwords"]?.strings ?? []).map { $0.lowercased() }
    spec.commits = table["commits"]?.strings ?? []
    return spec
  }
}
