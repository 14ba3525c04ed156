/// A package ecosystem, named as OSV names it.
public enum Ecosystem: String, CaseIterable, Codable, Sendable {
  case npm
  case pypi = "PyPI"
  case crates = "crates.io"
  case go = "Go"
  case maven = "Maven"
  case rubygems = "RubyGems"
  case nuget = "NuGet"
  case packagist = "Packagist"
  case pub = "Pub"
  case hex = "Hex"
  case swift = "SwiftURL"
  /// Debian's packages, as an image's dpkg database lists them; OSV names a release
  /// (`Debian:12`), which `Package.release` carries.
  case debian = "Debian"
  case ubuntu = "Ubuntu"
  /// Alpine's packages, as an image's apk database lists them (`Alpine:v3.19`).
  case alpine = "Alpine"
  /// The RPM distributions OSV has advisories for, as an image's rpm database lists their
  /// packages: Red Hat Enterprise Linux (`Red Hat:enterprise_linux:9`, with the repository
  /// after it in advisories), Rocky Linux and AlmaLinux (`Rocky Linux:9`).
  case redHat = "Red Hat"
  case rockyLinux = "Rocky Linux"
  case almaLinux = "AlmaLinux"

  /// Whether it is a distribution's packages (found in images), whose advisories `db update`
  /// fetches only when asked: the distributions' archives are large.
  public var isOperatingSystem: Bool {
    [.debian, .ubuntu, .alpine, .redHat, .rockyLinux, .almaLinux].contains(self)
  }

  /// How the ecosystem orders versions.
  public var versionScheme: VersionScheme {
    switch self {
    case .npm, .crates, .go, .hex, .swift: .semver
    case .pub: .pub
    case .pypi: .pep440
    case .maven: .maven
    case .rubygems: .rubygems
    case .nuget: .nuget
    case .packagist: .packagist
    case .debian, .ubuntu: .debian
    case .alpine: .alpine
    case .redHat, .rockyLinux, .almaLinux: .rpm
    }
  }

  /// The package-URL type.
  public var purlType: String {
    switch self {
    case .npm: "npm"
    case .pypi: "pypi"
    case .crates: "cargo"
    case .go: "golang"
    case .maven: "maven"
    case .rubygems: "gem"
    case .nuget: "nuget"
    case .packagist: "composer"
    case .pub: "pub"
    case .hex: "hex"
    case .swift: "swift"
    case .debian, .ubuntu: "deb"
    case .alpine: "apk"
    case .redHat, .rockyLinux, .almaLinux: "rpm"
    }
  }

  /// A package name as the ecosystem compares names: PEP 503 for PyPI (lowercase, runs of
  /// `-`, `_` and `.` as one `-`), lowercase where the registry ignores case.
  /// - Parameter name: the name as written.
  /// - Returns: the comparable name.
  public func normalize(_ name: String) -> String {
    switch self {
    case .pypi:
      var out = ""
      var lastWasSeparator = false
      for character in name.lowercased() {
        if character == "-" || character == "_" || character == "." {
          if !lastWasSeparator { out.append("-") }
          lastWasSeparator = true
        } else {
          out.append(character)
          lastWasSeparator = false
        }
      }
      return out
    case .nuget, .packagist, .rubygems, .hex: return name.lowercased()
    case .npm, .crates, .go, .maven, .pub, .swift, .debian, .ubuntu, .alpine, .redHat,
      .rockyLinux, .almaLinux:
      return name
    }
  }
}
