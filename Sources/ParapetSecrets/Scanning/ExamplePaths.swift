/// Paths that hold tests, documentation and examples, where a credential is more often a
/// fixture than a leak: a folder named for them, a test file by the naming conventions of the
/// common test runners, or a documentation file.
enum ExamplePaths {
  private static let folders: Set<String> = [
    "test", "tests", "__tests__", "spec", "specs", "testdata", "test_data", "testing",
    "fixture", "fixtures", "__fixtures__", "mock", "mocks", "__mocks__", "example", "examples",
    "sample", "samples", "doc", "docs", "documentation",
  ]
  private static let documentSuffixes = [".md", ".rst", ".adoc", ".markdown"]
  private static let testSuffixes = [
    "_test.go", "_test.py", ".test.js", ".test.ts", ".spec.js", ".spec.ts", "_spec.rb",
  ]

  static func contains(_ path: String) -> Bool {
    let parts = path.lowercased().split(separator: "/")
    guard let name = parts.last else { return false }
    if parts.dropLast().contains(where: { folders.contains(String($0)) }) { return true }
    if name.hasPrefix("test_") || name.hasPrefix("example") || name.hasPrefix("sample") {
      return true
    }
    return documentSuffixes.contains(where: name.hasSuffix)
      || testSuffixes.contains(where: name.hasSuffix)
  }
}
