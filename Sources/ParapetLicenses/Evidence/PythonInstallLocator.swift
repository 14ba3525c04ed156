import Foundation
import ParapetCore
import ParapetDeps

/// Python distributions installed in the repository: `*.dist-info` folders in every
/// `site-packages` folder under the root (virtual environments such as `.venv`).
struct PythonInstallLocator: InstallLocator {
  let context: InstallContext
  /// PEP 503 name → version → the `.dist-info` folder.
  private let index: [String: [String: SourcePath]]

  /// How deep below the root a `site-packages` folder is looked for (`.venv/lib/python3.12/site-packages`).
  private static let searchDepth = 6

  init(context: InstallContext) {
    self.context = context
    var index: [String: [String: SourcePath]] = [:]
    for folder in Self.sitePackages(in: context.source) {
      for entry in context.source.list(folder) where entry.kind == .folder {
        let name = entry.path.name
        guard name.hasSuffix(".dist-info") else { continue }
        let stem = name.dropLast(".dist-info".count)
        guard let dash = stem.lastIndex(of: "-") else { continue }
        let project = Ecosystem.pypi.normalize(String(stem[..<dash]))
        index[project, default: [:]][String(stem[stem.index(after: dash)...])] = entry.path
      }
    }
    self.index = index
  }

  func mayHaveInstalls(in lockfileFolder: SourcePath) -> Bool { !index.isEmpty }

  func locate(_ package: Package, lockfileFolder: SourcePath) -> InstalledPackage? {
    guard let path = index[Ecosystem.pypi.normalize(package.name)]?[package.version],
      let file = path.appending("METADATA")
    else { return nil }
    let folder = context.tree(path)
    guard let bytes = try? context.source.read(file) else {
      return InstalledPackage(folder: folder, metadata: [])
    }
    return InstalledPackage(
      folder: folder,
      metadata: metadata(String(decoding: bytes, as: UTF8.self), file: file, of: folder))
  }

  /// `License-Expression` (PEP 639), else a one-line `License`, else the license classifiers
  /// (several are alternatives, as projects list them). A `License` field holding a whole
  /// license text is matched against the SPDX texts.
  private func metadata(_ text: String, file: SourcePath, of folder: EvidenceFolder)
    -> [LicenseEvidence]
  {
    var fields: [(name: String, value: String, line: Int)] = []
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    {
      if line.isEmpty { break }
      if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
        fields[fields.count - 1].value +=
          "\n"
          + line.trimmingCharacters(in: .whitespaces)
          .trimmingPrefix("|")
        continue
      }
      guard let colon = line.firstIndex(of: ":") else { continue }
      fields.append(
        (
          String(line[..<colon]),
          line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces), index + 1
        ))
    }
    if let field = fields.first(where: { $0.name == "License-Expression" }),
      let evidence = context.field(field.name, field.value, in: file, of: folder, line: field.line)
    {
      return [evidence]
    }
    var evidence: [LicenseEvidence] = []
    if let field = fields.first(where: { $0.name == "License" }) {
      if field.value.contains("\n") || field.value.count > 200 {
        if let match = LicenseTextMatcher.embedded.match(text: field.value) {
          evidence.append(
            LicenseEvidence(
              source: .metadata, path: folder.display(file), line: field.line, field: "License",
              license: .expression(.license(match.license)), confidence: match.confidence))
        }
      } else if let found = context.field(
        "License", field.value, in: file, of: folder, line: field.line)
      {
        evidence.append(found)
      }
    }
    let classifiers = fields.filter { $0.name == "Classifier" && $0.value.hasPrefix("License ::") }
    let known = classifiers.compactMap { field in
      LicenseCatalog.embedded.classifiers[field.value].flatMap {
        try? LicenseExpressionParser().parse($0)
      }
    }
    if let first = classifiers.first, !known.isEmpty {
      evidence.append(
        LicenseEvidence(
          source: .metadata, path: folder.display(file), line: first.line, field: "Classifier",
          license: .expression(known.count == 1 ? known[0] : .any(known))))
    }
    return evidence
  }

  private static func sitePackages(in source: any FileSource) -> [SourcePath] {
    var found: [SourcePath] = []
    var level = [SourcePath.root]
    for _ in 0..<searchDepth {
      var next: [SourcePath] = []
      for folder in level {
        for entry in source.list(folder) where entry.kind == .folder {
          let name = entry.path.name
          guard name != ".git", name != "node_modules" else { continue }
          if name == "site-packages" {
            found.append(entry.path)
          } else {
            next.append(entry.path)
          }
        }
      }
      level = next
    }
    return found.sorted()
  }
}

extension String {
  fileprivate func trimmingPrefix(_ prefix: String) -> String {
    hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
  }
}
