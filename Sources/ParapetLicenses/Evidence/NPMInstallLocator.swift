import Foundation
import ParapetCore
import ParapetDeps

/// npm packages in `node_modules`, at the lockfile's install path or the top level.
struct NPMInstallLocator: InstallLocator {
  let context: InstallContext

  private struct Manifest: Decodable {
    var version: String?
    var license: LicenseField?
    var licenses: LicenseField?
  }

  func mayHaveInstalls(in lockfileFolder: SourcePath) -> Bool {
    lockfileFolder.appending("node_modules").map(context.source.isFolder) ?? false
  }

  func locate(_ package: Package, lockfileFolder: SourcePath) -> InstalledPackage? {
    let tree = context.tree(lockfileFolder)
    let folders = [package.installPath, "node_modules/\(package.name)"].compactMap { $0 }
    for relative in folders {
      guard let folder = tree.child(relative), let file = folder.appending("package.json"),
        let bytes = try? context.source.read(file),
        let manifest = try? JSONDecoder().decode(Manifest.self, from: Data(bytes)),
        manifest.version == package.version
      else { continue }
      let installed = tree.moved(to: folder)
      let fields = [("license", manifest.license), ("licenses", manifest.licenses)]
      return InstalledPackage(
        folder: installed,
        metadata: fields.compactMap { name, value in
          context.field(name, value?.expression, in: file, of: installed)
        })
    }
    return nil
  }
}
