/// How one ecosystem orders its versions.
public enum VersionScheme: Sendable {
  /// SemVer 2.0 precedence (npm, crates.io, Go with `v`, Hex, Swift).
  case semver
  /// Dart's pub: SemVer, but build metadata orders too.
  case pub
  /// PEP 440.
  case pep440
  /// Maven's ComparableVersion.
  case maven
  /// RubyGems' Gem::Version.
  case rubygems
  /// NuGet's NuGetVersion.
  case nuget
  /// PHP's version_compare, as Composer uses it.
  case packagist
  /// dpkg.
  case debian
  /// apk (Alpine, Wolfi, Chainguard).
  case alpine
  /// rpm (Red Hat, Rocky Linux, AlmaLinux).
  case rpm

  /// Compares two versions.
  /// - Parameters:
  ///   - lhs: a version.
  ///   - rhs: another version.
  /// - Returns: negative, zero or positive as `lhs` sorts before, with or after `rhs`.
  public func compare(_ lhs: String, _ rhs: String) -> Int {
    switch self {
    case .semver: SemVer(lhs).compare(to: SemVer(rhs), orderingBuild: false)
    case .pub: SemVer(lhs).compare(to: SemVer(rhs), orderingBuild: true)
    case .pep440: PEP440Version(lhs).compare(to: PEP440Version(rhs))
    case .maven: MavenVersion(lhs).compare(to: MavenVersion(rhs))
    case .rubygems: RubyGemsVersion(lhs).compare(to: RubyGemsVersion(rhs))
    case .nuget: NuGetVersion(lhs).compare(to: NuGetVersion(rhs))
    case .packagist: PackagistVersion.compare(lhs, rhs)
    case .debian: DebianVersion(lhs).compare(to: DebianVersion(rhs))
    case .alpine: AlpineVersion(lhs).compare(to: AlpineVersion(rhs))
    case .rpm: RPMVersion(lhs).compare(to: RPMVersion(rhs))
    }
  }
}

/// Compares two runs of ASCII digits as numbers of any size.
/// - Parameters:
///   - lhs: digits.
///   - rhs: digits.
/// - Returns: -1, 0 or 1.
func compareDigits<S: StringProtocol>(_ lhs: S, _ rhs: S) -> Int {
  let left = lhs.drop { $0 == "0" }
  let right = rhs.drop { $0 == "0" }
  if left.count != right.count { return left.count < right.count ? -1 : 1 }
  return left == right ? 0 : (left < right ? -1 : 1)
}

/// -1, 0 or 1 for two comparable values.
func sign<T: Comparable>(_ lhs: T, _ rhs: T) -> Int {
  lhs == rhs ? 0 : (lhs < rhs ? -1 : 1)
}
