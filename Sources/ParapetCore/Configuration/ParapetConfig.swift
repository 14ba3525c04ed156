import Foundation

/// `.parapet.toml`: the top-level keys, each job's section for that job to decode, and what
/// every section shares: a job's own `fail-on` gate. Environment variables
/// (`PARAPET_<SECTION>_<KEY>`, `PARAPET_FAIL_ON`) override the file, and flags override both.
public struct ParapetConfig: Sendable {
  /// The file name looked for at the scanned root.
  public static let fileName = ".parapet.toml"
  /// The sections jobs decode; any other top-level table but `[rules]` is an error.
  public static let sections: Set<String> = [
    "secrets", "deps", "licenses", "signatures", "gateway",
  ]
  /// Keys every job section takes besides its own, read here.
  public static let sharedKeys: Set<String> = ["fail-on"]
  /// The keys of `[rules]`.
  public static let rulesKeys: Set<String> = ["disable"]

  public var document: TOMLDocument?
  /// The gate for every job (`fail-on` at the top level).
  public var failOn: FailThreshold?
  /// Each job's own gate (`[deps] fail-on = "high"`), over the top-level one.
  public var jobFailOn: [String: FailThreshold] = [:]
  /// Rule ids whose findings are left out (`[rules] disable`).
  public var disabledRules: Set<String> = []

  /// No configuration file.
  public init() {}

  /// Loads a configuration file.
  /// - Parameters:
  ///   - url: the file.
  ///   - displayPath: its name in errors.
  /// - Returns: the configuration.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming file and line.
  public static func load(_ url: URL, displayPath: String) throws -> ParapetConfig {
    var config = ParapetConfig()
    try config.read(try TOMLDocument.load(url, displayPath: displayPath))
    return config
  }

  /// Reads the shared keys of a document and keeps it for the jobs.
  mutating func read(_ document: TOMLDocument) throws {
    try document.checkKeys(
      document.root, allowed: Self.sections.union(["fail-on", "rules"]))
    self.document = document
    failOn = try threshold(document.root["fail-on"], key: "fail-on", under: nil)
    for section in Self.sections {
      guard let value = document.root[section] else { continue }
      guard let table = value.table else {
        throw document.error(at: section, "'\(section)' must be a table")
      }
      jobFailOn[section] = try threshold(table["fail-on"], key: "fail-on", under: "[\(section)]")
    }
    if let value = document.root["rules"] {
      guard let table = value.table else {
        throw document.error(at: "rules", "'rules' must be a table")
      }
      try document.checkKeys(table, allowed: Self.rulesKeys, under: "[rules]")
      if let disable = table["disable"] {
        guard let ids = disable.strings else {
          throw document.error(
            at: "disable", under: "[rules]", "disable must be a list of rule ids")
        }
        disabledRules = Set(ids)
      }
    }
  }

  private func threshold(_ value: TOMLData?, key: String, under header: String?) throws
    -> FailThreshold?
  {
    guard let value else { return nil }
    guard let name = value.string, let threshold = FailThreshold(name) else {
      throw document?.error(
        at: key, under: header,
        "\(key) must be one of: \(FailThreshold.names.joined(separator: ", "))")
        ?? ParapetCoreError.invalidConfiguration(SourceLocation(path: "", line: 1), key)
    }
    return threshold
  }

  /// A job's section, without the keys every section shares.
  /// - Parameter name: the job's name.
  /// - Returns: its keys, empty when absent.
  public func section(_ name: String) -> [String: TOMLData] {
    (document?.root[name]?.table ?? [:]).filter { !Self.sharedKeys.contains($0.key) }
  }

  /// The gate of a job: its own, else the top-level one.
  public func failOn(job: String) -> FailThreshold? {
    jobFailOn[job] ?? failOn
  }
}
