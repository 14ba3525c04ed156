import Foundation

/// Where the package, the built binary and `../shared` are.
public enum TestPaths {
  /// The package root (the folder of Package.swift).
  public static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// `../shared` beside the checkout: schemas and data the tests read in place.
  public static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent(
    "shared")

  /// The `parapet` binary `swift build` made for this test run.
  public static var binary: URL {
    Bundle.main.bundleURL.appendingPathComponent("parapet")
  }
}
