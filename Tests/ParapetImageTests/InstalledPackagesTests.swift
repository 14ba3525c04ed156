import Foundation
import ParapetCore
import ParapetDeps
import ParapetTestSupport
import XCTest

@testable import ParapetImage

/// Python and npm packages installed in an image outside any lockfile.
final class InstalledPackagesTests: XCTestCase {
  func testPythonDistributionsAndNodeModulesAreRead() throws {
    let folder = try TemporaryRepository(git: false)
    let archive = folder.url.appendingPathComponent("app.tar")
    let site = "usr/local/lib/python3.12/site-packages"
    try TestImage.writeDockerArchive(
      TestImage.Image(layers: [
        [
          .file(
            "\(site)/requests-2.25.0.dist-info/METADATA",
            "Metadata-Version: 2.1\nName: requests\nVersion: 2.25.0\nLicense: Apache 2.0\n\nName: not-this\n"
          ),
          .file(
            "\(site)/six-1.16.0.egg-info", "Metadata-Version: 1.2\nName: six\nVersion: 1.16.0\n"),
          .file(
            "\(site)/attrs-22.2.0.egg-info/PKG-INFO",
            "Name: attrs\nVersion: 22.2.0\nLicense: UNKNOWN\n"),
          .file("\(site)/requests/__init__.py", "Name: fake\nVersion: 0\n"),
          .file(
            "app/node_modules/express/package.json",
            #"{"name": "express", "version": "4.17.1", "license": "MIT"}"#),
          .file(
            "app/node_modules/@types/node/package.json",
            #"{"name": "@types/node", "version": "18.11.9", "license": {"type": "MIT"}}"#),
          .file("app/node_modules/express/lib/package.json", #"{"name": "inner", "version": "1"}"#),
        ]
      ]), tag: "app:1", to: archive)
    let image = try ContainerImage(path: archive.path, cancellation: Cancellation())
    let packages = image.installedPackages().flatMap(\.packages)
    XCTAssertEqual(
      packages.map { "\($0.purl) \($0.path) \($0.declaredLicense ?? "-")" },
      [
        "pkg:npm/%40types/node@18.11.9 app/node_modules/@types/node/package.json MIT",
        "pkg:npm/express@4.17.1 app/node_modules/express/package.json MIT",
        "pkg:pypi/attrs@22.2.0 \(site)/attrs-22.2.0.egg-info/PKG-INFO -",
        "pkg:pypi/requests@2.25.0 \(site)/requests-2.25.0.dist-info/METADATA Apache 2.0",
        "pkg:pypi/six@1.16.0 \(site)/six-1.16.0.egg-info -",
      ])
  }
}
