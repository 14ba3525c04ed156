import Foundation
import ParapetCore

/// The scanned project's own license, found the way a package's is: the manifests' license
/// fields (`package.json`, `Cargo.toml`, `pyproject.toml`, `composer.json`), then the license
/// files at the root.
public enum ProjectLicense {
  /// The evidence for the project's license, most trusted first.
  /// - Parameters:
  ///   - source: the project's files.
  ///   - notices: receives notes about unreadable license files.
  /// - Returns: the evidence; empty when nothing names a license.
  public static func evidence(in source: any FileSource, notices: inout [Notice])
    -> [LicenseEvidence]
  {
    let context = InstallContext(source: source, environment: [:])
    let root = context.tree(.root)
    var evidence: [LicenseEvidence] = []
    for name in ["package.json", "composer.json"] {
      guard let file = SourcePath(name), let bytes = try? source.read(file),
        let json = (try? JSONSerialization.jsonObject(with: Data(bytes))) as? [String: Any]
      else { continue }
      let value = json["license"]
      let raw = (value as? String) ?? (value as? [String]).map { $0.joined(separator: " OR ") }
      evidence += [context.field("license", raw, in: file, of: root)].compactMap { $0 }
    }
    for (name, table, key) in [
      ("Cargo.toml", "package", "license"), ("pyproject.toml", "project", "license"),
    ] {
      guard let file = SourcePath(name), let text = source.text(file),
        let document = try? TOMLDocument(text: text, path: name),
        let value = document.root[table]?.table?[key]
      else { continue }
      // pyproject.toml before PEP 639 wrote `license = { text = "MIT" }`.
      let raw = value.string ?? value.table?["text"]?.string
      evidence += [
        context.field(
          key, raw, in: file, of: root, line: document.line(ofKey: key, under: "[\(table)]"))
      ].compactMap { $0 }
    }
    evidence += LicenseFiles().evidence(in: root, notices: &notices)
    return evidence
  }
}
