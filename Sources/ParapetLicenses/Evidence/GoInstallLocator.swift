import ParapetCore
import ParapetDeps

/// Go modules in `vendor/` beside `go.mod` or in the module cache (`$GOMODCACHE`, else
/// `$GOPATH/pkg/mod`, else `~/go/pkg/mod`). Go modules carry no license field: the license
/// files decide.
struct GoInstallLocator: InstallLocator {
  let context: InstallContext
  private let cache: EvidenceFolder

  init(context: InstallContext) {
    self.context = context
    if let value = context.environment["GOMODCACHE"], !value.isEmpty {
      cache = context.cache("GOMODCACHE", orHome: "go/pkg/mod")
    } else {
      cache = context.cache("GOPATH", orHome: "go", below: "pkg/mod")
    }
  }

  func mayHaveInstalls(in lockfileFolder: SourcePath) -> Bool {
    cache.source.isFolder(.root)
      || (lockfileFolder.appending("vendor").map(context.source.isFolder) ?? false)
  }

  func locate(_ package: Package, lockfileFolder: SourcePath) -> InstalledPackage? {
    if let vendored = lockfileFolder.resolving("vendor/\(package.name)"),
      context.source.isFolder(vendored)
    {
      return InstalledPackage(folder: context.tree(vendored), metadata: [])
    }
    let name = "\(Self.escape(package.name))@\(Self.escape(package.version))"
    guard let cached = cache.child(name), cache.source.isFolder(cached) else { return nil }
    return InstalledPackage(folder: cache.moved(to: cached), metadata: [])
  }

  /// The module cache's case encoding: each capital letter as `!` and its lower case.
  static func escape(_ path: String) -> String {
    var out = ""
    for character in path {
      if character.isUppercase {
        out += "!" + character.lowercased()
      } else {
        out.append(character)
      }
    }
    return out
  }
}
