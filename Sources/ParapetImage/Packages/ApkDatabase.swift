import ParapetCore
import ParapetDeps

/// The packages apk has installed: `/lib/apk/db/installed`, one record per package separated by
/// blank lines, each line a one-letter key, a colon and a value (`P:` name, `V:` version, `A:`
/// architecture, `L:` license, `o:` origin, the source package Alpine's advisories name).
enum ApkDatabase {
  static let path = SourcePath("lib/apk/db/installed")!

  /// The installed packages, as one lockfile in the deps model (none when there is no database).
  /// - Parameters:
  ///   - source: the image's files.
  ///   - release: the distribution, for the ecosystem's release and the purls.
  static func read(from source: any FileSource, release: OSRelease?) -> [Lockfile] {
    guard let text = source.text(path) else { return [] }
    let packages = KeyValueRecords.parse(text).compactMap {
      stanza -> Package? in
      guard let name = stanza.fields["P"], let version = stanza.fields["V"] else { return nil }
      var qualifiers = ["distro": release?.distroQualifier ?? "alpine"]
      qualifiers["arch"] = stanza.fields["A"]
      var package = Package(
        ecosystem: .alpine, name: name, version: version, direct: true,
        path: path.description, line: stanza.line, declaredLicense: stanza.fields["L"],
        release: release?.ecosystem?.release, qualifiers: qualifiers)
      if let origin = stanza.fields["o"], origin != name {
        package.sourceName = origin
        package.qualifiers["upstream"] = origin
      }
      return package
    }
    return [Lockfile(path: path.description, kind: "apk installed", packages: packages)]
  }
}
