import ParapetCore
import ParapetDeps

/// Swift packages SwiftPM has checked out beside `Package.resolved`:
/// `.build/checkouts/<repository name>`. Swift packages have no license field: the license
/// files decide.
struct SwiftInstallLocator: InstallLocator {
  let context: InstallContext

  func mayHaveInstalls(in lockfileFolder: SourcePath) -> Bool {
    lockfileFolder.resolving(".build/checkouts").map(context.source.isFolder) ?? false
  }

  func locate(_ package: Package, lockfileFolder: SourcePath) -> InstalledPackage? {
    var name = package.name.split(separator: "/").last.map(String.init) ?? package.name
    if name.hasSuffix(".git") { name = String(name.dropLast(4)) }
    guard let folder = lockfileFolder.resolving(".build/checkouts")?.appending(name),
      context.source.isFolder(folder)
    else { return nil }
    return InstalledPackage(folder: context.tree(folder), metadata: [])
  }
}
