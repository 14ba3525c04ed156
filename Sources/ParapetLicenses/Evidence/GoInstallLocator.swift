import Foundation
import ParapetDeps

/// Go modules in `vendor/` beside `go.mod` or in the module cache (`$GOMODCACHE`, else
/// `$GOPATH/pkg/mod`, else `~/go/pkg/mod`). Go modules carry no license field: the license
/// files decide.
struct GoInstallLocator: InstallLocator {
  let context: InstallContext
  private let cache: URL

  init(context: InstallContext) {
    self.context = context
    if let value = context.environment["GOMODCACHE"], !value.isEmpty {
      cache = URL(fileURLWithPath: value)
    } else {
      cache = context.folder("GOPATH", orHome: "go").appendingPathComponent("pkg/mod")
    }
  }

  func mayHaveInstalls(in lockfileFolder: URL) -> Bool {
    FileManager.default.isDirectory(cache)
      || FileManager.default.isDirectory(lockfileFolder.appendingPathComponent("vendor"))
  }

  func locate(_ package: Package, lockfileFolder: URL) -> InstalledPackage? {
    let candidates = [
      lockfileFolder.appendingPathComponent("vendor/\(package.name)"),
      cache.appendingPathComponent("\(Self.escape(package.name))@\(Self.escape(package.version))"),
    ]
    return candidates.first { FileManager.default.isDirectory($0) }.map {
      InstalledPackage(folder: $0, metadata: [])
    }
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
