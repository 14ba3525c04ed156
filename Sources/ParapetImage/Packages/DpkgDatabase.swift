import Foundation
import ParapetCore
import ParapetDeps

/// The packages dpkg has installed: `/var/lib/dpkg/status`, whose stanzas (RFC 822 style,
/// separated by blank lines) have `Package`, `Status`, `Version` and `Architecture`; and
/// `/var/lib/dpkg/status.d/`, where distroless images keep one stanza file per package.
enum DpkgDatabase {
  static let statusPath = SourcePath("var/lib/dpkg/status")!
  static let statusFolder = SourcePath("var/lib/dpkg/status.d")!

  /// The installed packages, as lockfiles (one per database file) in the deps model.
  /// - Parameters:
  ///   - source: the image's files.
  ///   - release: the distribution, for the ecosystem and the purls.
  ///   - licenses: read each package's copyright file for its licenses (only the merged file
  ///     system's packages need them; each layer's are read to tell which layer installed what).
  static func read(from source: any FileSource, release: OSRelease?, licenses: Bool = true)
    -> [Lockfile]
  {
    let (ecosystem, version) = release?.ecosystem ?? (.debian, nil)
    var files: [SourcePath] = []
    if source.isFile(statusPath) { files.append(statusPath) }
    files += source.list(statusFolder).filter { $0.kind == .file }.map(\.path)
      .filter { !$0.name.hasSuffix(".md5sums") }
    return files.compactMap { path in
      guard let text = source.text(path) else { return nil }
      let packages = KeyValueRecords.parse(text).compactMap { stanza -> Package? in
        guard let name = stanza.fields["Package"], let installed = stanza.fields["Version"],
          stanza.fields["Status"].map({ $0.hasSuffix(" installed") }) ?? true
        else { return nil }
        var qualifiers = ["distro": release?.distroQualifier ?? "debian"]
        qualifiers["arch"] = stanza.fields["Architecture"]
        var package = Package(
          ecosystem: ecosystem, name: name, version: installed, direct: true,
          path: path.description, line: stanza.line, release: version, qualifiers: qualifiers)
        // `Source: zlib` or `Source: zlib (1:1.2.13.dfsg-1)`, when it is not the package itself.
        // An empty `Source:` names nothing.
        if let parts = stanza.fields["Source"]?.split(separator: " ", maxSplits: 1),
          let sourceName = parts.first.map(String.init)
        {
          package.sourceName = sourceName
          if parts.count == 2 {
            package.sourceVersion = String(
              parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "()")))
          }
          // As syft writes it: the source's version only when it is not the package's.
          package.qualifiers["upstream"] =
            parts.count == 2 ? "\(sourceName)@\(package.sourceVersion ?? "")" : sourceName
        }
        if licenses { package.declaredLicense = copyrightLicenses(of: name, in: source) }
        return package
      }
      return Lockfile(path: path.description, kind: "dpkg status", packages: packages)
    }
  }

  /// The licenses a package's machine-readable copyright file (DEP-5,
  /// `/usr/share/doc/NAME/copyright`) names in its `License:` fields, each once, joined with
  /// AND (Debian's short names as written; the licenses job reads them); nil when the file is
  /// missing or free-form.
  static func copyrightLicenses(of name: String, in source: any FileSource) -> String? {
    guard let path = SourcePath("usr/share/doc/\(name)/copyright"),
      let text = source.text(path), text.hasPrefix("Format:")
    else { return nil }
    var names: [String] = []
    for record in KeyValueRecords.parse(text) {
      if let license = record.fields["License"], !license.isEmpty, !names.contains(license) {
        names.append(license)
      }
    }
    // A field that is itself a choice (`GPL-2+ or Artistic`) keeps its own grouping.
    let grouped = names.map { $0.contains(" ") && names.count > 1 ? "(\($0))" : $0 }
    return grouped.isEmpty ? nil : grouped.joined(separator: " AND ")
  }
}
