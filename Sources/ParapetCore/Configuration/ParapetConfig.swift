import Foundation

/// `.parapet.toml`: the top-level keys, and each job's section for that job to decode.
public struct ParapetConfig: Sendable {
  /// The file name looked for at the scanned root.
  public static let fileName = ".parapet.toml"
  /// The sections jobs decode; any other top-level table is an error.
  public static let sections: Set<String> = [
    "secrets", "deps", "licenses", "signatures", "gateway",
  ]

  public var document: TOMLDocument?
  public var failOn: FailThreshold?

  /// No configuration file.
  public init() {}

  /// Loads a configuration file.
  /// - Parameters:
  ///   - url: the file.
  ///   - displayPath: its name in errors.
  /// - Returns: the configuration.
  /// - Throws: `ParapetCoreError.invalidConfiguration` naming file and line.
  public static func load(_ url: URL, displayPath: String) throws -> ParapetConfig {
    let document = try TOMLDocument.load(url, displayPath: displayPath)
    try document.checkKeys(document.root, allowed: sections.union(["fail-on"]))
    var config = ParapetConfig()
    config.document = document
    if let value = document.root["fail-on"] {
      guard let name = value.string, let threshold = FailThreshold(name) else {
        throw document.error(
          at: "fail-on", "fail-on must be one of: \(FailThreshold.names.joined(separator: ", "))")
      }
      config.failOn = threshold
    }
    for section in sections {
      if let value = document.root[section], value.table == nil {
        throw document.error(at: section, "'\(section)' must be a table")
      }
    }
    return config
  }

  /// A job's section.
  /// - Parameter name: the job's name.
  /// - Returns: its keys, empty when absent.
  public func section(_ name: String) -> [String: TOMLData] {
    document?.root[name]?.table ?? [:]
  }
}
