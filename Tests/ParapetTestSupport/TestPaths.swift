import Foundation

/// Where the package, the built binary and `../shared` are.
public enum TestPaths {
  /// The package root (the folder of Package.swift).
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared` beside the checkout: schemas and data the tests read in place. Without it the
  /// run stops here with one message, rather than failing dozens of tests with mismatches.
  public static let shared: URL = {
    let folder = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")
    guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("schemas").path)
    else {
      preconditionFailure(
        "\(folder.path) is missing: the tests read the schemas, advisories and license data "
          + "of ../shared beside the checkout")
    }
    return folder
  }()

  /// The `parapet` binary `swift build` made for this test run.
  public static var binary: URL {
    Bundle.main.bundleURL.appendingPathComponent("parapet")
  }
}
