/// One place that says what a package's license is.
public struct LicenseEvidence: Hashable, Sendable {
  /// Where the statement comes from, in the order they are trusted.
  public enum Source: String, Hashable, Sendable {
    /// A license field of the lockfile.
    case lockfile
    /// Installed package metadata: `package.json`, `METADATA`, `Cargo.toml`, a gemspec.
    case metadata
    /// A license file matched against the SPDX texts.
    case file
    /// A `[[licenses.override]]` entry of the configuration.
    case override
  }

  public var source: Source
  /// Repo-relative when inside the repository, absolute for package caches.
  public var path: String
  public var line: Int?
  /// The field read, such as `license` or `Classifier`; nil for license files.
  public var field: String?
  public var license: DeclaredLicense
  /// For license files: the match confidence, 0 to 100.
  public var confidence: Int?

  /// Creates evidence.
  public init(
    source: Source, path: String, line: Int? = nil, field: String? = nil,
    license: DeclaredLicense, confidence: Int? = nil
  ) {
    self.source = source
    self.path = path
    self.line = line
    self.field = field
    self.license = license
    self.confidence = confidence
  }

  /// One line for reports: `package-lock.json:12 license: MIT`, `vendor/x/LICENSE: MIT (97%)`.
  public var summary: String {
    let place = line.map { "\(path):\($0)" } ?? path
    if let confidence { return "\(place): \(license.text) (\(confidence)% text match)" }
    return "\(place) \(field ?? source.rawValue): \(license.text)"
  }
}
