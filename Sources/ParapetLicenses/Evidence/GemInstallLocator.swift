import Foundation
import ParapetDeps

/// Gems installed with `bundle install --path vendor/bundle` (or `BUNDLE_PATH=vendor/bundle`):
/// `vendor/bundle/ruby/<abi>/specifications/<name>-<version>.gemspec` and the gem's folder
/// under `gems/`.
struct GemInstallLocator: InstallLocator {
  let context: InstallContext

  func mayHaveInstalls(in lockfileFolder: URL) -> Bool {
    FileManager.default.isDirectory(lockfileFolder.appendingPathComponent("vendor/bundle/ruby"))
  }

  func locate(_ package: Package, lockfileFolder: URL) -> InstalledPackage? {
    let ruby = lockfileFolder.appendingPathComponent("vendor/bundle/ruby")
    let stem = "\(package.name)-\(package.version)"
    for abi in ((try? FileManager.default.contentsOfDirectory(atPath: ruby.path)) ?? []).sorted() {
      let base = ruby.appendingPathComponent(abi)
      let spec = base.appendingPathComponent("specifications/\(stem).gemspec")
      guard let data = FileManager.default.contents(atPath: spec.path) else { continue }
      return InstalledPackage(
        folder: base.appendingPathComponent("gems/\(stem)"),
        metadata: licenses(String(decoding: data, as: UTF8.self), file: spec))
    }
    return nil
  }

  /// `s.licenses = ["MIT".freeze, "Ruby".freeze]` or `s.license = "MIT"`: several are alternatives.
  private func licenses(_ text: String, file: URL) -> [LicenseEvidence] {
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard trimmed.contains(".licenses =") || trimmed.contains(".license =") else { continue }
      let names = trimmed.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
        .filter { $0.offset % 2 == 1 }.map { String($0.element) }
      guard !names.isEmpty else { return [] }
      let raw = names.count == 1 ? names[0] : names.map { "(\($0))" }.joined(separator: " OR ")
      return [context.field("licenses", raw, in: file, line: index + 1)].compactMap { $0 }
    }
    return []
  }
}
