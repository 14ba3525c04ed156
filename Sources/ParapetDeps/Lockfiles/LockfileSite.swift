import ParapetCore

/// Where a lockfile is read: its path in a file source. Manifests beside it (`go.sum`,
/// `package.json`, `pyproject.toml`) and files it includes (`-r`, a Maven parent) are read
/// through the same source, so a reference out of the scanned root is refused, not followed.
struct LockfileSite: Sendable {
  let source: any FileSource
  /// The lockfile.
  let path: SourcePath

  /// The text of a file in the lockfile's folder, when there is one and it can be read.
  /// - Parameter name: the file's name.
  /// - Returns: its text, or nil.
  func sibling(_ name: String) -> String? {
    path.folder.appending(name).flatMap(source.text)
  }

  /// A file another one names by a relative path (`-r ../base.txt`, `<relativePath>`).
  /// - Parameters:
  ///   - reference: the path as written, relative to `from`'s folder.
  ///   - from: the file that names it; the lockfile by default.
  /// - Returns: the file's path and text, or why it was not read.
  func include(_ reference: String, from: SourcePath? = nil) -> Result<Included, Refusal> {
    guard let target = (from ?? path).folder.resolving(reference) else {
      return .failure(Refusal(reason: "leaves the scanned root; not read"))
    }
    do {
      let bytes = try source.read(target)
      guard let text = String(validating: bytes, as: UTF8.self) else {
        return .failure(Refusal(reason: "is not valid UTF-8; not read"))
      }
      return .success(Included(path: target, text: text))
    } catch {
      return .failure(Refusal(reason: error.detail))
    }
  }

  /// An included file, read.
  struct Included {
    let path: SourcePath
    let text: String
  }

  /// Why an included file was not read.
  struct Refusal: Error {
    let reason: String
  }
}
