extension ParapetConfig {
  /// The environment variable of a configuration key: `PARAPET_FAIL_ON` for the top level,
  /// `PARAPET_DEPS_MAX_DB_AGE` for `[deps] max-db-age`.
  /// - Parameters:
  ///   - section: the table, or nil for the top level.
  ///   - key: the key.
  /// - Returns: the variable's name.
  public static func environmentName(section: String?, key: String) -> String {
    (["PARAPET"] + [section, key].compactMap { $0 }).joined(separator: "_")
      .replacingOccurrences(of: "-", with: "_").uppercased()
  }

  /// Applies `PARAPET_<SECTION>_<KEY>` variables over the file's values (or alone, without a
  /// file). A value that parses as a TOML value (`7`, `true`, `["a", "b"]`) is taken as one; any
  /// other is a string. An error in a value names the variable.
  /// - Parameters:
  ///   - environment: the process's variables.
  ///   - keys: each section's keys (nil for the top level), as the jobs read them.
  /// - Throws: `ParapetCoreError.invalidConfiguration` for a value a job would refuse.
  public mutating func apply(environment: [String: String], keys: [String?: Set<String>]) throws {
    var overrides: [(section: String?, key: String, variable: String, value: TOMLData)] = []
    for (section, names) in keys {
      for key in names.sorted() {
        let variable = Self.environmentName(section: section, key: key)
        guard let text = environment[variable], !text.isEmpty else { continue }
        overrides.append((section, key, variable, Self.value(text)))
      }
    }
    guard !overrides.isEmpty else { return }
    var document = try self.document ?? TOMLDocument(text: "", path: Self.fileName)
    for override in overrides {
      document.override(
        override.key, in: override.section, with: override.value, by: override.variable)
    }
    try read(document)
  }

  /// A variable's text as a TOML value, or as a string when it is not one.
  private static func value(_ text: String) -> TOMLData {
    (try? TOMLDocument(text: "value = \(text)", path: "environment"))?.root["value"]
      ?? .string(text)
  }
}
