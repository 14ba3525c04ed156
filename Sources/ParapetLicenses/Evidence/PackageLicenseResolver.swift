import Foundation
import ParapetCore
import ParapetDeps

/// Gathers the license evidence of every locked package: the lockfile's own field, then the
/// metadata and license files of an installed copy, when the tree or a package cache has one.
public struct PackageLicenseResolver: Sendable {
  private let context: InstallContext
  private let locators: [Ecosystem: any InstallLocator]
  private let files: LicenseFiles

  /// Creates a resolver; it indexes the installed Python distributions of the source.
  /// - Parameters:
  ///   - source: the scanned files.
  ///   - environment: where `CARGO_HOME`, `GOMODCACHE`, `GOPATH` and `HOME` come from.
  public init(
    source: any FileSource, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    let context = InstallContext(source: source, environment: environment)
    self.context = context
    locators = [
      .npm: NPMInstallLocator(context: context), .pypi: PythonInstallLocator(context: context),
      .crates: CargoInstallLocator(context: context), .go: GoInstallLocator(context: context),
      .rubygems: GemInstallLocator(context: context), .swift: SwiftInstallLocator(context: context),
    ]
    files = LicenseFiles()
  }

  /// The evidence for each package, in the order given.
  /// - Parameters:
  ///   - packages: the locked packages.
  ///   - notices: receives notes about unreadable, empty or oversized license files.
  ///   - cancellation: when it is cancelled, packages not yet resolved are left out.
  /// - Returns: one `PackageLicense` per package.
  public func resolve(
    _ packages: [Package], notices: inout [Notice], cancellation: Cancellation? = nil
  ) -> [PackageLicense] {
    // Per lockfile: its folder, and whether its ecosystem's locator can find anything there.
    var folders: [String: (folder: SourcePath, installed: Bool)] = [:]
    for package in packages where folders[package.path] == nil {
      let folder = SourcePath(package.path)?.folder ?? .root
      folders[package.path] = (
        folder, locators[package.ecosystem]?.mayHaveInstalls(in: folder) ?? false
      )
    }
    let installFolders = folders.compactMapValues { $0.installed ? $0.folder : nil }
    let slots = ResultSlots<(PackageLicense, [Notice])>(count: packages.count)
    DispatchQueue.concurrentPerform(iterations: packages.count) { index in
      if cancellation?.isCancelled == true { return }
      var found: [Notice] = []
      let result = resolve(
        packages[index], lockfileFolder: installFolders[packages[index].path], notices: &found)
      slots.set(index, .success((result, found)))
    }
    let results = slots.results.compactMap { try? $0?.get() }
    notices += results.flatMap(\.1)
    return results.map(\.0)
  }

  private func resolve(_ package: Package, lockfileFolder: SourcePath?, notices: inout [Notice])
    -> PackageLicense
  {
    var evidence: [LicenseEvidence] = []
    if let raw = package.declaredLicense,
      let license = DeclaredLicense(raw, shortNames: package.ecosystem.isOperatingSystem)
    {
      evidence.append(
        LicenseEvidence(
          source: .lockfile, path: package.path, line: package.line, field: "license",
          license: license))
    }
    if let lockfileFolder,
      let installed = locators[package.ecosystem]?.locate(package, lockfileFolder: lockfileFolder)
    {
      evidence += installed.metadata
      evidence += files.evidence(in: installed.folder, notices: &notices)
      // PEP 639 keeps license files in the dist-info's `licenses/` folder.
      if let licenses = installed.folder.child("licenses"),
        installed.folder.source.isFolder(licenses)
      {
        evidence += files.evidence(in: installed.folder.moved(to: licenses), notices: &notices)
      }
    }
    return PackageLicense(package: package, evidence: evidence)
  }
}
