import Foundation
import ParapetDeps

/// Swift packages SwiftPM has checked out beside `Package.resolved`:
/// `.build/checkouts/<repository name>`. Swift packages have no license field: the license
/// files decide.
struct SwiftInstallLocator: InstallLocator {
  let context: InstallContext

  func mayHaveInstalls(in lockfileFolder: URL) -> Bool {
    FileManager.default.isDirectory(lockfileFolder.appendingPathComponent(".build/checkouts"))
  }

  func locate(_ package: Package, lockfileFolder: URL) -> InstalledPackage? {
    var name = package.name.split(separator: "/").last.map(String.init) ?? package.name
    if name.hasSuffix(".git") { name = String(name.dropLast(4)) }
    let folder = lockfileFolder.appendingPathComponent(".build/checkouts/\(name)")
    return FileManager.default.isDirectory(folder)
      ? InstalledPackage(folder: folder, metadata: []) : nil
  }
}
