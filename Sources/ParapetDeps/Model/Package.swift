import Foundation
import ParapetCore

/// One locked package, as a lockfile records it.
public struct Package: Hashable, Sendable {
  /// How a package is needed.
  public enum Scope: String, Codable, Sendable {
    case prod, dev, optional, peer
  }

  public var ecosystem: Ecosystem
  /// The name as the lockfile writes it.
  public var name: String
  public var version: String
  /// Whether the project names it itself (not only through another package).
  public var direct: Bool
  public var scope: Scope
  /// The lockfile, repo-relative, and the 1-based line of the entry.
  public var path: String
  public var line: Int
  /// The integrity hash or checksum the lockfile records, as written.
  public var integrity: String?
  /// Keys (`name@version`) of the packages this one depends on, when the lockfile records edges.
  public var dependencies: [String]
  /// The license the lockfile records for the package, as written (an SPDX expression or not).
  public var declaredLicense: String?
  /// Where the package is installed, relative to the lockfile's folder, when the lockfile
  /// says (`node_modules/a/node_modules/b` in package-lock v2 and v3).
  public var installPath: String?
  /// The distribution release an OS package belongs to (`12` for Debian 12), which OSV
  /// advisories name with the ecosystem (`Debian:12`); nil for language packages.
  public var release: String?
  /// Package-URL qualifiers (`arch`, `distro`), for OS packages.
  public var qualifiers: [String: String]
  /// The source package an OS package was built from, and its version, when they differ from
  /// the package's own: Debian's advisories name source packages (`zlib`, not `zlib1g`).
  public var sourceName: String?
  public var sourceVersion: String?
  /// The image layer that installed it (its diff id), for a package found in an image.
  public var layer: String?

  /// Creates a package.
  /// - Parameters:
  ///   - ecosystem: its ecosystem.
  ///   - name: its name as written.
  ///   - version: its locked version.
  ///   - direct: whether the project depends on it itself.
  ///   - scope: prod, dev, optional or peer.
  ///   - path: the lockfile, repo-relative.
  ///   - line: the entry's 1-based line.
  ///   - integrity: the recorded hash, if any.
  ///   - dependencies: keys of the packages it depends on.
  ///   - declaredLicense: the license the lockfile records.
  ///   - installPath: the install folder, relative to the lockfile's.
  ///   - release: an OS package's distribution release.
  ///   - qualifiers: package-URL qualifiers.
  public init(
    ecosystem: Ecosystem, name: String, version: String, direct: Bool = false, scope: Scope = .prod,
    path: String, line: Int, integrity: String? = nil, dependencies: [String] = [],
    declaredLicense: String? = nil, installPath: String? = nil, release: String? = nil,
    qualifiers: [String: String] = [:]
  ) {
    self.ecosystem = ecosystem
    self.name = name
    self.version = version
    self.direct = direct
    self.scope = scope
    self.path = path
    self.line = line
    self.integrity = integrity
    self.dependencies = dependencies
    self.declaredLicense = declaredLicense
    self.installPath = installPath
    self.release = release
    self.qualifiers = qualifiers
  }

  /// The name advisories use: the source package's for an OS package.
  public var advisoryName: String { sourceName ?? name }

  /// The version advisories' ranges are compared with.
  public var advisoryVersion: String { sourceVersion ?? version }

  /// The ecosystem as OSV names it, with the release for an OS package (`Debian:12`).
  public var osvEcosystem: String {
    release.map { "\(ecosystem.rawValue):\($0)" } ?? ecosystem.rawValue
  }

  /// Whether an OSV `affected` entry's ecosystem is this package's: the same ecosystem, and
  /// for an OS package the same release (`Ubuntu:22.04:LTS` is Ubuntu 22.04's).
  /// - Parameter name: the entry's ecosystem, as written.
  public func isInEcosystem(_ name: String) -> Bool {
    guard let release else { return OSVDatabase.ecosystem(name) == ecosystem }
    let own = "\(ecosystem.rawValue):\(release)"
    return name == own || name.hasPrefix(own + ":")
  }

  /// `name@version`, the key dependency edges use.
  public var key: String { "\(name)@\(version)" }

  /// The package URL, per the purl spec for its ecosystem.
  public var purl: String {
    var namespace = ""
    var bareName = name
    var version = version
    var qualifiers = qualifiers
    switch ecosystem {
    case .npm where name.hasPrefix("@"):
      if let slash = name.firstIndex(of: "/") {
        namespace = Self.encode(String(name[..<slash])) + "/"
        bareName = String(name[name.index(after: slash)...])
      }
    case .maven:
      let parts = name.split(separator: ":", maxSplits: 1)
      if parts.count == 2 {
        namespace = Self.encode(String(parts[0])) + "/"
        bareName = String(parts[1])
      }
    case .go, .swift:
      if let slash = name.lastIndex(of: "/") {
        namespace =
          name[..<slash].split(separator: "/").map { Self.encode(String($0)) }.joined(
            separator: "/") + "/"
        bareName = String(name[name.index(after: slash)...])
      }
    case .pypi:
      bareName = ecosystem.normalize(name)
    case .debian, .ubuntu, .alpine:
      namespace = ecosystem.rawValue.lowercased() + "/"
    case .redHat, .rockyLinux, .almaLinux:
      // The vendor, as the distro qualifier names it (`rocky-9.3`), Red Hat's as `redhat`; the
      // epoch is a qualifier (`openssl@3.0.7-27.el9?epoch=1`).
      let vendor = qualifiers["distro"].map { String($0.prefix { $0 != "-" }) } ?? "redhat"
      namespace = (vendor == "rhel" ? "redhat" : vendor) + "/"
      if let colon = version.firstIndex(of: ":") {
        qualifiers["epoch"] = String(version[..<colon])
        version = String(version[version.index(after: colon)...])
      }
    default:
      break
    }
    let query = qualifiers.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.encode($0.value))" }
    return "pkg:\(ecosystem.purlType)/\(namespace)\(Self.encode(bareName))@\(Self.encode(version))"
      + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
  }

  /// The purl spec's unreserved characters; built once, as building a `CharacterSet` is costly.
  private static let unreserved = CharacterSet(
    charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_~+")

  private static func encode(_ text: String) -> String {
    text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? text
  }
}
