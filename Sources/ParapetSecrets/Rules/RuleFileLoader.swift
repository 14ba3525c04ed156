import ParapetCore

/// Decodes Parapet's rule files (`rules/secrets/*.toml`) into validated `SecretRule`s.
///
/// A file holds `[[rules]]`, each with `[[rules.examples]]`, and optionally one top-level
/// `[allowlist]` that applies to every rule (the global allowlist).
enum RuleFileLoader {
  static let ruleKeys: Set<String> = [
    "id", "title", "description", "regex", "secret-group", "keywords", "entropy", "validator",
    "path", "generic", "severity", "help", "references", "allowlist", "examples",
  ]
  static let allowlistKeys: Set<String> = ["paths", "regexes", "stopwords", "commits"]

  /// Loads one rule file.
  /// - Parameter document: the parsed file.
  /// - Returns: its rules and its global allowlist.
  /// - Throws: `ParapetCoreError` or `ParapetSecretsError` naming the line.
  static func load(_ document: TOMLDocument) throws -> (
    rules: [SecretRule], allowlist: AllowlistSpec
  ) {
    try document.checkKeys(document.root, allowed: ["rules", "allowlist"])
    let allowlist =
      try document.root["allowlist"].map {
        try decodeAllowlist($0, in: document, header: "[allowlist]")
      } ?? AllowlistSpec()
    let tables = document.root["rules"]?.array ?? []
    var exampleCount = 0
    var rules: [SecretRule] = []
    for (index, value) in tables.enumerated() {
      guard let table = value.table else { continue }
      let rule = try decodeRule(table, index: index, exampleOffset: exampleCount, in: document)
      exampleCount += rule.examples.count
      rules.append(rule)
    }
    return (rules, allowlist)
  }

  private static func decodeRule(
    _ table: [String: TOMLData], index: Int, exampleOffset: Int, in document: TOMLDocument
  ) throws -> SecretRule {
    let header = "[[rules]]"
    try document.checkKeys(table, allowed: ruleKeys, under: header, occurrence: index)
    func string(_ key: String) throws -> String {
      guard let value = table[key]?.string, !value.isEmpty else {
        throw document.error(
          at: key, under: header, occurrence: index, "rule needs a string '\(key)'")
      }
      return value
    }
    let id = try string("id")
    guard id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
      throw document.error(
        at: "id", under: header, occurrence: index, "rule id '\(id)' is not kebab-case")
    }
    guard let severity = Severity(rawValue: try string("severity")) else {
      throw document.error(at: "severity", under: header, occurrence: index, "unknown severity")
    }
    let validator = try table["validator"]?.string.map { name in
      guard let validator = Validator(rawValue: name) else {
        throw document.error(
          at: "validator", under: header, occurrence: index, "unknown validator '\(name)'")
      }
      return validator
    }
    let examples = try (table["examples"]?.array ?? []).enumerated().map { offset, value in
      let line = document.headerLine("[[rules.examples]]", occurrence: exampleOffset + offset) ?? 1
      guard let example = value.table, let text = example["text"]?.string else {
        throw ParapetSecretsError.invalidRule(
          SourceLocation(path: document.path, line: line), "example needs a string 'text'")
      }
      return RuleExample(
        template: text, expectClean: example["expect"]?.string == "clean",
        source: SourceLocation(path: document.path, line: line))
    }
    return SecretRule(
      id: id, title: try string("title"), description: try string("description"),
      severity: severity, regex: try string("regex"), secretGroup: table["secret-group"]?.int,
      keywords: (table["keywords"]?.strings ?? []).map { $0.lowercased() },
      entropy: table["entropy"]?.double, validator: validator, pathRegex: table["path"]?.string,
      generic: table["generic"]?.bool ?? false,
      allowlist: try table["allowlist"].map {
        try decodeAllowlist($0, in: document, header: "[rules.allowlist]")
      } ?? AllowlistSpec(),
      help: try string("help"), references: table["references"]?.strings ?? [],
      examples: examples,
      source: SourceLocation(
        path: document.path, line: document.headerLine(header, occurrence: index) ?? 1))
  }

  /// Decodes an allowlist table.
  /// - Parameters:
  ///   - value: the table.
  ///   - document: the file, for error lines.
  ///   - header: its header.
  /// - Returns: the allowlist.
  /// - Throws: on unknown keys or wrong types.
  static func decodeAllowlist(
    _ value: TOMLData, in document: TOMLDocument, header: String
  ) throws -> AllowlistSpec {
    guard let table = value.table else {
      throw document.error(at: "allowlist", "'allowlist' must be a table")
    }
    try document.checkKeys(table, allowed: allowlistKeys, under: header)
    var spec = AllowlistSpec()
    spec.paths = table["paths"]?.strings ?? []
    spec.regexes = table["regexes"]?.strings ?? []
    spec.stopwords = (table["stopwords"]?.strings ?? []).map { $0.lowercased() }
    spec.commits = table["commits"]?.strings ?? []
    return spec
  }
}
