import Foundation
import ParapetCore
import ParapetDeps

/// An installed copy of a locked package: its folder (where license files are) and what its
/// metadata says about its license.
struct InstalledPackage {
  var folder: EvidenceFolder
  var metadata: [LicenseEvidence]
}

/// A folder license evidence is read from, in the scanned tree or in a package manager's cache.
/// Every file is read through the folder's source, so a link or a crafted package name cannot
/// lead the read out of the scanned root (or out of the cache).
struct EvidenceFolder: Sendable {
  let source: any FileSource
  let path: SourcePath
  /// The cache's absolute folder, for a folder in a cache; nil in the scanned tree, whose paths
  /// are shown repo-relative.
  let cacheRoot: String?

  /// A file or folder below this one.
  /// - Parameter relative: such as `METADATA` or `node_modules/a`.
  /// - Returns: its path, or nil when the reference leaves the source.
  func child(_ relative: String) -> SourcePath? {
    path.resolving(relative)
  }

  /// The same source, another folder.
  func moved(to path: SourcePath) -> EvidenceFolder {
    EvidenceFolder(source: source, path: path, cacheRoot: cacheRoot)
  }

  /// A path as reports show it: repo-relative inside the repository, absolute in a cache.
  func display(_ file: SourcePath) -> String {
    guard let cacheRoot else { return file.description }
    return file.isRoot ? cacheRoot : cacheRoot + "/" + file.description
  }
}

/// Finds installed copies of one ecosystem's packages: in the repository (`node_modules`,
/// virtual environments, `vendor/`) or in the package manager's cache.
protocol InstallLocator: Sendable {
  /// The installed copy of a package, if there is one.
  /// - Parameters:
  ///   - package: the locked package.
  ///   - lockfileFolder: the folder of the lockfile that lists it.
  /// - Returns: its folder and metadata evidence, or nil when it is not installed.
  func locate(_ package: Package, lockfileFolder: SourcePath) -> InstalledPackage?

  /// Whether any package of a lockfile in this folder can be installed where the locator
  /// looks, asked once per lockfile so that a tree with nothing installed costs one check.
  /// - Parameter lockfileFolder: the folder of a lockfile.
  /// - Returns: false when `locate` would find nothing for any of its packages.
  func mayHaveInstalls(in lockfileFolder: SourcePath) -> Bool
}

/// What the locators share: the scanned tree, the environment.
struct InstallContext: Sendable {
  let source: any FileSource
  let environment: [String: String]

  /// A folder of the scanned tree.
  func tree(_ path: SourcePath) -> EvidenceFolder {
    EvidenceFolder(source: source, path: path, cacheRoot: nil)
  }

  /// A package cache's folder from an environment variable, or a default under the home
  /// folder, as a source of its own.
  func cache(_ variable: String, orHome relative: String, below: String = "") -> EvidenceFolder {
    var folder: String
    if let value = environment[variable], !value.isEmpty {
      folder = value
    } else {
      let home = environment["HOME"] ?? FileManager.default.homeDirectoryForCurrentUser.path
      folder = home + "/" + relative
    }
    if !below.isEmpty { folder += "/" + below }
    return EvidenceFolder(
      source: WorkTreeSource(root: folder, label: folder), path: .root, cacheRoot: folder)
  }

  /// Evidence from a metadata field, or nil when the field makes no assertion.
  func field(
    _ name: String, _ raw: String?, in file: SourcePath, of folder: EvidenceFolder,
    line: Int? = nil
  ) -> LicenseEvidence? {
    guard let raw, let license = DeclaredLicense(raw) else { return nil }
    return LicenseEvidence(
      source: .metadata, path: folder.display(file), line: line, field: name, license: license)
  }
}
