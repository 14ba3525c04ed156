import ParapetCore
import ParapetDeps

/// Crates in a `vendor/` folder beside the lockfile (`cargo vendor`) or in Cargo's registry
/// cache (`$CARGO_HOME/registry/src/*/name-version`).
struct CargoInstallLocator: InstallLocator {
  let context: InstallContext
  private let registries: [EvidenceFolder]

  init(context: InstallContext) {
    self.context = context
    let source = context.cache("CARGO_HOME", orHome: ".cargo", below: "registry/src")
    registries = source.source.list(.root).filter { $0.kind == .folder }.map {
      source.moved(to: $0.path)
    }
  }

  func mayHaveInstalls(in lockfileFolder: SourcePath) -> Bool {
    !registries.isEmpty
      || (lockfileFolder.appending("vendor").map(context.source.isFolder) ?? false)
  }

  func locate(_ package: Package, lockfileFolder: SourcePath) -> InstalledPackage? {
    let vendor = context.tree(lockfileFolder.appending("vendor") ?? lockfileFolder)
    let candidates =
      [vendor.child("\(package.name)-\(package.version)"), vendor.child(package.name)].map {
        ($0, vendor)
      }
      + registries.map { ($0.child("\(package.name)-\(package.version)"), $0) }
    for case let (folder?, base) in candidates {
      guard let file = folder.appending("Cargo.toml"), let text = base.source.text(file),
        let manifest = try? TOMLDocument(text: text, path: base.display(file)),
        let table = manifest.root["package"]?.table,
        table["version"]?.string == package.version
      else { continue }
      let line = manifest.line(ofKey: "license", under: "[package]")
      let installed = base.moved(to: folder)
      return InstalledPackage(
        folder: installed,
        metadata: [
          context.field("license", table["license"]?.string, in: file, of: installed, line: line)
        ].compactMap { $0 })
    }
    return nil
  }
}
