/// What the licenses job accepts, resolved from flags and `.parapet.toml`'s `[licenses]`.
public struct LicensePolicy: Sendable {
  /// A decision about one package, until a date.
  public struct Override: Sendable {
    /// `name` or `name@version`.
    public var package: String
    /// The license to use instead of the evidence (an SPDX expression); nil accepts the
    /// package whatever its license.
    public var license: String?
    public var reason: String
    /// `YYYY-MM-DD`; after it the override no longer applies, with a notice.
    public var until: String?

    /// Creates an override.
    public init(package: String, license: String?, reason: String, until: String?) {
      self.package = package
      self.license = license
      self.reason = reason
      self.until = until
    }

    /// Whether the override is about this package.
    func applies(to name: String, version: String) -> Bool {
      package == name || package == "\(name)@\(version)"
    }
  }

  /// License ids, `X WITH Y` pairs and category names; when not empty, nothing else passes.
  public var allow: [String] = []
  /// Ids and category names that fail; nil for the default list (`rules/licenses/policy.yaml`),
  /// which applies to permissively licensed projects only.
  public var deny: [String]?
  /// The project's own license, as an SPDX expression; nil to detect it.
  public var project: String?
  public var overrides: [Override] = []
  /// Read lockfiles in `node_modules`, `vendor`, `testdata` and fixture folders too.
  public var includeFixtures = false
  /// Leave out dev, optional and peer packages.
  public var prodOnly = false
  /// What a package with no license evidence is: lockfile-only projects have nothing
  /// installed to read, so by default it is a warning (`info`), not a failure.
  public var unknown: Unknown = .warn

  /// What to do with a package whose license nothing names.
  public enum Unknown: String, CaseIterable, Sendable {
    /// A finding of severity `info`, and one note per run saying how to supply the evidence.
    case warn
    /// A finding of the rule's severity, which fails the run by default.
    case deny
    /// No finding.
    case allow
  }

  /// The default policy.
  public init() {}
}
