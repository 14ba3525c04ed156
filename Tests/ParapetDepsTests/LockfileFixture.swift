import Foundation
import ParapetCore
import ParapetTestSupport
import XCTest

@testable import ParapetDeps

/// Shared by the lockfile parser tests: parse a file written (with its neighbours) into a
/// temporary folder, and summarize packages one line each.
enum LockfileFixture {
  static func parse(_ name: String, _ text: String, beside: [String: String] = [:]) throws
    -> Lockfile
  {
    let folder = try TemporaryRepository(git: false)
    for (file, content) in beside { try folder.write(file, content) }
    try folder.write(name, text)
    let parser = try XCTUnwrap(
      LockfileFormats.parser(for: (name as NSString).lastPathComponent), "no parser for \(name)")
    let site = LockfileSite(
      source: WorkTreeSource(root: folder.url.path), path: try XCTUnwrap(SourcePath(name)))
    return try parser.parse(text, path: name, site: site)
  }

  static func summary(_ lockfile: Lockfile) -> [String] {
    lockfile.packages.map { package in
      "\(package.name)@\(package.version) line \(package.line)\(package.direct ? " direct" : "") \(package.scope.rawValue)"
        + (package.dependencies.isEmpty
          ? "" : " -> \(package.dependencies.sorted().joined(separator: ","))")
    }.sorted()
  }
}
