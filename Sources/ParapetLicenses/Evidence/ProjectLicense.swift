import Foundation
import ParapetCore

/// The scanned project's own license, found the way a package's is: the manifests' license
/// fields (`package.json`, `Cargo.toml`, `pyproject.toml`, `composer.json`), then the license
/// files at the root.
public enum ProjectLicense {
  /// The evidence for the project's license, most trusted first.
  /// - Parameters:
  ///   - root: the project folder.
  ///   - notices: receives notes about unreadable license files.
  /// - Returns: the evidence; empty when nothing names a license.
  public static func evidence(at root: URL, notices: inout [Notice]) -> [LicenseEvidence] {
    let context = InstallContext(root: root, environment: [:])
    var evidence: [LicenseEvidence] = []
    for name in ["package.json", "composer.json"] {
      let file = root.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: file.path),
        let json = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
      else { continue }
      let value = json["license"]
      let raw = (value as? String) ?? (value as? [String]).map { $0.joined(separator: " OR ") }
      evidence += [context.field("license", raw, in: file)].compactMap { $0 }
    }
    for (name, table, key) in [
      ("Cargo.toml", "package", "license"), ("pyproject.toml", "project", "license"),
    ] {
      let file = root.appendingPathComponent(name)
      guard let data = FileManager.default.contents(atPath: file.path),
        let document = try? TOMLDocument(text: String(decoding: data, as: UTF8.self), path: name),
        let value = document.root[table]?.table?[key]
      else { continue }
      // pyproject.toml before PEP 639 wrote `license = { text = "MIT" }`.
      let raw = value.string ?? value.table?["text"]?.string
      evidence += [
        context.field(key, raw, in: file, line: document.line(ofKey: key, under: "[\(table)]"))
      ].compactMap { $0 }
    }
    evidence += LicenseFiles().evidence(in: root, displayPath: context.display, notices: &notices)
    return evidence
  }
}
