import Foundation
import ParapetCore
import ParapetDeps

/// Gems installed with `bundle install --path vendor/bundle` (or `BUNDLE_PATH=vendor/bundle`):
/// `vendor/bundle/ruby/<abi>/specifications/<name>-<version>.gemspec` and the gem's folder
/// under `gems/`.
struct GemInstallLocator: InstallLocator {
  let context: InstallContext

  func mayHaveInstalls(in lockfileFolder: SourcePath) -> Bool {
    lockfileFolder.resolving("vendor/bundle/ruby").map(context.source.isFolder) ?? false
  }

  func locate(_ package: Package, lockfileFolder: SourcePath) -> InstalledPackage? {
    guard let ruby = lockfileFolder.resolving("vendor/bundle/ruby") else { return nil }
    let stem = "\(package.name)-\(package.version)"
    for abi in context.source.list(ruby) where abi.kind == .folder {
      guard let spec = abi.path.resolving("specifications/\(stem).gemspec"),
        let text = context.source.text(spec), let gem = abi.path.resolving("gems/\(stem)")
      else { continue }
      let folder = context.tree(gem)
      return InstalledPackage(folder: folder, metadata: licenses(text, file: spec, of: folder))
    }
    return nil
  }

  /// `s.licenses = ["MIT".freeze, "Ruby".freeze]` or `s.license = "MIT"`: several are alternatives.
  private func licenses(_ text: String, file: SourcePath, of folder: EvidenceFolder)
    -> [LicenseEvidence]
  {
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      guard trimmed.contains(".licenses =") || trimmed.contains(".license =") else { continue }
      let names = trimmed.split(separator: "\"", omittingEmptySubsequences: false).enumerated()
        .filter { $0.offset % 2 == 1 }.map { String($0.element) }
      guard !names.isEmpty else { return [] }
      let raw = names.count == 1 ? names[0] : names.map { "(\($0))" }.joined(separator: " OR ")
      return [context.field("licenses", raw, in: file, of: folder, line: index + 1)].compactMap {
        $0
      }
    }
    return []
  }
}
