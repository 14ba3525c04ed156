import Foundation
import ParapetCore

@testable import ParapetDeps

/// One target per lockfile format, named by the file it reads: the lockfile is read as the deps
/// job reads it (size, UTF-8, the format's parser), its dependency paths traced, and its
/// packages matched against the advisories of `PARAPET_FUZZ_ADVISORIES`, so that fuzzed
/// versions meet every ecosystem's version ordering.
enum LockfileTargets {
  /// A file name for each format. `--list` fails loudly when a format has none.
  static let fileNames = [
    "package-lock.json", "yarn.lock", "requirements.txt", "Pipfile.lock", "poetry.lock",
    "uv.lock", "Cargo.lock", "go.mod", "Gemfile.lock", "composer.lock", "Package.resolved",
    "packages.lock.json", "gradle.lockfile", "mix.lock", "pnpm-lock.yaml", "pubspec.lock",
    "pom.xml",
  ]

  static let all: [FuzzTarget] = {
    let covered = Set(
      fileNames.compactMap { LockfileFormats.parser(for: $0) }.map { ObjectIdentifier($0) })
    let formats = Set(LockfileFormats.all.map { ObjectIdentifier($0) })
    guard covered == formats else { fail("a lockfile format has no fuzz target") }
    return fileNames.map { name in
      let parser = LockfileFormats.parser(for: name).map(ObjectIdentifier.init)
      return FuzzTarget(
        name,
        seeds: { seed in LockfileFormats.parser(for: seed).map(ObjectIdentifier.init) == parser },
        prepare: { _ = advisories },
        run: { bytes in read(bytes, as: name) })
    }
  }()

  /// The advisories versions are matched against; empty when the variable is unset.
  static let advisories: OSVDatabase = {
    guard let path = ProcessInfo.processInfo.environment["PARAPET_FUZZ_ADVISORIES"] else {
      return OSVDatabase()
    }
    do {
      return try OSVDatabase.load(URL(fileURLWithPath: path))
    } catch {
      fail("cannot load the advisories at \(path): \(error)")
    }
  }()

  private static func read(_ bytes: [UInt8], as name: String) {
    var notices: [Notice] = []
    var coverage = Coverage()
    let lockfiles = LockfileReader.read(
      MemorySource([name: bytes]), includeFixtures: true, notices: &notices, coverage: &coverage)
    for lockfile in lockfiles {
      let paths = DependencyPaths(lockfile)
      for package in lockfile.packages { _ = paths.path(to: package) }
      _ = VulnerabilityMatcher.matches(lockfile.packages, in: advisories)
    }
  }
}
