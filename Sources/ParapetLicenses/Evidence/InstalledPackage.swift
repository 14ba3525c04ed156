import Foundation
import ParapetDeps

/// An installed copy of a locked package: its folder (where license files are) and what its
/// metadata says about its license.
struct InstalledPackage {
  var folder: URL
  var metadata: [LicenseEvidence]
}

/// Finds installed copies of one ecosystem's packages: in the repository (`node_modules`,
/// virtual environments, `vendor/`) or in the package manager's cache.
protocol InstallLocator: Sendable {
  /// The installed copy of a package, if there is one.
  /// - Parameters:
  ///   - package: the locked package.
  ///   - lockfileFolder: the folder of the lockfile that lists it.
  /// - Returns: its folder and metadata evidence, or nil when it is not installed.
  func locate(_ package: Package, lockfileFolder: URL) -> InstalledPackage?

  /// Whether any package of a lockfile in this folder can be installed where the locator
  /// looks, asked once per lockfile so that a tree with nothing installed costs one check.
  /// - Parameter lockfileFolder: the folder of a lockfile.
  /// - Returns: false when `locate` would find nothing for any of its packages.
  func mayHaveInstalls(in lockfileFolder: URL) -> Bool
}

/// What the locators share: the scanned root, the environment, how paths are shown.
struct InstallContext: Sendable {
  let root: URL
  let environment: [String: String]

  /// A path as reports show it: repo-relative inside the repository, absolute outside.
  func display(_ url: URL) -> String {
    let base = root.standardizedFileURL.path
    let path = url.standardizedFileURL.path
    return path.hasPrefix(base + "/") ? String(path.dropFirst(base.count + 1)) : path
  }

  /// A folder from an environment variable, or a default under the home folder.
  func folder(_ variable: String, orHome relative: String) -> URL {
    if let value = environment[variable], !value.isEmpty { return URL(fileURLWithPath: value) }
    let home =
      environment["HOME"].map { URL(fileURLWithPath: $0) }
      ?? FileManager.default.homeDirectoryForCurrentUser
    return home.appendingPathComponent(relative)
  }

  /// Evidence from a metadata field, or nil when the field makes no assertion.
  func field(_ name: String, _ raw: String?, in file: URL, line: Int? = nil) -> LicenseEvidence? {
    guard let raw, let license = DeclaredLicense(raw) else { return nil }
    return LicenseEvidence(
      source: .metadata, path: display(file), line: line, field: name, license: license)
  }
}

extension FileManager {
  func isDirectory(_ url: URL) -> Bool {
    var isDirectory: ObjCBool = false
    return fileExists(atPath: url.path, isDirectory: &isDirectory) && isDirectory.boolValue
  }
}
