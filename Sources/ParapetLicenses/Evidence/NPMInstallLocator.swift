import Foundation
import ParapetDeps

/// npm packages in `node_modules`, at the lockfile's install path or the top level.
struct NPMInstallLocator: InstallLocator {
  let context: InstallContext

  private struct Manifest: Decodable {
    var version: String?
    var license: LicenseField?
    var licenses: LicenseField?
  }

  func mayHaveInstalls(in lockfileFolder: URL) -> Bool {
    FileManager.default.isDirectory(lockfileFolder.appendingPathComponent("node_modules"))
  }

  func locate(_ package: Package, lockfileFolder: URL) -> InstalledPackage? {
    let folders = [package.installPath, "node_modules/\(package.name)"].compactMap { $0 }
    for relative in folders {
      let folder = lockfileFolder.appendingPathComponent(relative)
      let file = folder.appendingPathComponent("package.json")
      guard let data = FileManager.default.contents(atPath: file.path),
        let manifest = try? JSONDecoder().decode(Manifest.self, from: data),
        manifest.version == package.version
      else { continue }
      let fields = [("license", manifest.license), ("licenses", manifest.licenses)]
      return InstalledPackage(
        folder: folder,
        metadata: fields.compactMap { name, value in
          context.field(name, value?.expression, in: file)
        })
    }
    return nil
  }
}
