import Foundation
import ParapetCore
import ParapetDeps

/// Crates in a `vendor/` folder beside the lockfile (`cargo vendor`) or in Cargo's registry
/// cache (`$CARGO_HOME/registry/src/*/name-version`).
struct CargoInstallLocator: InstallLocator {
  let context: InstallContext
  private let registries: [URL]

  init(context: InstallContext) {
    self.context = context
    let source = context.folder("CARGO_HOME", orHome: ".cargo").appendingPathComponent(
      "registry/src")
    registries = ((try? FileManager.default.contentsOfDirectory(atPath: source.path)) ?? [])
      .sorted()
      .map { source.appendingPathComponent($0) }
  }

  func mayHaveInstalls(in lockfileFolder: URL) -> Bool {
    !registries.isEmpty
      || FileManager.default.isDirectory(lockfileFolder.appendingPathComponent("vendor"))
  }

  func locate(_ package: Package, lockfileFolder: URL) -> InstalledPackage? {
    let vendor = lockfileFolder.appendingPathComponent("vendor")
    let candidates =
      [
        vendor.appendingPathComponent("\(package.name)-\(package.version)"),
        vendor.appendingPathComponent(package.name),
      ]
      + registries.map { $0.appendingPathComponent("\(package.name)-\(package.version)") }
    for folder in candidates {
      let file = folder.appendingPathComponent("Cargo.toml")
      guard let data = FileManager.default.contents(atPath: file.path),
        let manifest = try? TOMLDocument(
          text: String(decoding: data, as: UTF8.self), path: file.path),
        let table = manifest.root["package"]?.table,
        table["version"]?.string == package.version
      else { continue }
      let line = manifest.line(ofKey: "license", under: "[package]")
      return InstalledPackage(
        folder: folder,
        metadata: [context.field("license", table["license"]?.string, in: file, line: line)]
          .compactMap { $0 })
    }
    return nil
  }
}
