/// A component's license as the SBOM formats write it, decided by whoever builds the bill
/// (the license evidence lives in ParapetLicenses; SBOM only writes it).
public struct ComponentLicense: Hashable, Sendable {
  /// The canonical SPDX expression, `LicenseRef-`s included; nil when the license field did
  /// not parse.
  public var expression: String?
  /// The single license id, when the expression is one that CycloneDX 1.6's enum accepts.
  public var cycloneDXID: String?
  /// The license as written, for a field that is no SPDX expression.
  public var name: String?
  /// Each `LicenseRef-` the expression uses, with what it stands for (SPDX's extracted
  /// licensing info).
  public var references: [String: String]

  /// Creates a license record.
  /// - Parameters:
  ///   - expression: the SPDX expression, if the license parsed.
  ///   - cycloneDXID: the id, if the expression is one license of CycloneDX's enum.
  ///   - name: the raw text, if it did not parse.
  ///   - references: `LicenseRef-` ids and what they stand for.
  public init(
    expression: String?, cycloneDXID: String?, name: String?, references: [String: String] = [:]
  ) {
    self.expression = expression
    self.cycloneDXID = cycloneDXID
    self.name = name
    self.references = references
  }
}
