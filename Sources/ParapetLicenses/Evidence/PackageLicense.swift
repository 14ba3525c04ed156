import ParapetDeps

/// A locked package with everything that says what its license is.
public struct PackageLicense: Sendable {
  public var package: Package
  /// In the order trusted: lockfile fields, installed metadata, license files.
  public var evidence: [LicenseEvidence]

  /// The license that counts: the first evidence's. Nil when nothing names one.
  public var license: DeclaredLicense? { evidence.first?.license }
}
