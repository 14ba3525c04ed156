import Foundation
import ParapetCore
import ParapetDeps

/// The distribution an image is built on, from `/etc/os-release` (or `/usr/lib/os-release`):
/// shell-style `KEY=value` lines.
public struct OSRelease: Sendable, Equatable {
  /// `debian`, `ubuntu`, `alpine`, `rhel`, `rocky`.
  public var id: String
  /// `12`, `22.04`, `3.19.1`; absent on a rolling release.
  public var versionID: String?
  /// `Debian GNU/Linux 12 (bookworm)`.
  public var prettyName: String?

  /// Reads the file from an image.
  /// - Parameter source: the image's files.
  /// - Returns: nil when neither file is there or names no distribution.
  public static func read(from source: any FileSource) -> OSRelease? {
    for candidate in ["etc/os-release", "usr/lib/os-release"] {
      if let path = SourcePath(candidate), let text = source.text(path) {
        return parse(text)
      }
    }
    return nil
  }

  /// Parses the file's text.
  static func parse(_ text: String) -> OSRelease? {
    var values: [String: String] = [:]
    for line in text.split(whereSeparator: \.isNewline) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
      var value = trimmed[trimmed.index(after: equals)...]
      if let quote = value.first, quote == "\"" || quote == "'", value.count >= 2,
        value.last == quote
      {
        value = value.dropFirst().dropLast()
      }
      values[String(trimmed[..<equals])] = String(value)
    }
    guard let id = values["ID"], !id.isEmpty else { return nil }
    return OSRelease(id: id, versionID: values["VERSION_ID"], prettyName: values["PRETTY_NAME"])
  }

  /// The OSV ecosystem of the distribution's packages and its release as OSV names it
  /// (`Debian:12`, `Ubuntu:22.04`); nil for a distribution Parapet has no ecosystem for.
  var ecosystem: (ecosystem: Ecosystem, release: String?)? {
    switch id {
    case "debian":
      // Debian's point releases (12.5) share the release's advisories.
      return (.debian, versionID.map { String($0.prefix { $0 != "." }) })
    case "ubuntu": return (.ubuntu, versionID)
    // Alpine's advisories name the branch: `Alpine:v3.19` for 3.19.1.
    case "alpine":
      return (
        .alpine, versionID.map { "v" + $0.split(separator: ".").prefix(2).joined(separator: ".") }
      )
    // The rpm distributions: advisories name the major release (`Rocky Linux:9`), Red Hat's
    // its product too (`Red Hat:enterprise_linux:9`, then the repository).
    case "rhel": return (.redHat, major.map { "enterprise_linux:\($0)" })
    case "rocky": return (.rockyLinux, major)
    case "almalinux": return (.almaLinux, major)
    default: return nil
    }
  }

  /// The release's first number: `9` for 9.4.
  private var major: String? { versionID.map { String($0.prefix { $0 != "." }) } }

  /// The purl `distro` qualifier: `debian-12`, `ubuntu-22.04`.
  var distroQualifier: String {
    versionID.map { "\(id)-\($0)" } ?? id
  }
}
