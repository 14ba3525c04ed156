import Foundation
import ParapetCore

/// Maven's `pom.xml`, read as Maven resolves what it declares: `${...}` properties (the pom's own,
/// `project.*` and its parents'), versions from `dependencyManagement`, and parents found in the
/// repository (`relativePath`, `../pom.xml` by default). A pom lists direct dependencies only;
/// version ranges cannot be checked and are reported.
enum MavenPOMParser: LockfileParser {
  static func accepts(fileName: String) -> Bool { fileName == "pom.xml" }

  private struct Model {
    var properties: [String: String] = [:]
    var managed: [String: String] = [:]
  }

  static func parse(_ text: String, path: String, site: LockfileSite) throws -> Lockfile {
    guard let project = XMLElement.parse(text), project.name == "project" else {
      throw ParapetDepsError.malformedLockfile(
        SourceLocation(path: path, line: 1), "not a Maven project (invalid XML or no <project>)")
    }
    var visited: Set<SourcePath> = [site.path]
    var notices: [(line: Int, message: String)] = []
    let model = inherited(
      project, file: site.path, site: site, visited: &visited, notices: &notices)
    var packages: [Package] = []
    for dependency in project["dependencies"]?.all("dependency") ?? [] {
      let group = resolve(dependency["groupId"]?.text ?? "", model.properties)
      let artifact = resolve(dependency["artifactId"]?.text ?? "", model.properties)
      let name = "\(group):\(artifact)"
      guard
        let version = (dependency["version"]?.text).map({ resolve($0, model.properties) })
          ?? model.managed[name],
        !version.isEmpty
      else {
        notices.append(
          (dependency.line, "'\(name)' has no version here or in dependencyManagement"))
        continue
      }
      if version.contains("${") || version.hasPrefix("[") || version.hasPrefix("(") {
        notices.append((dependency.line, "'\(name)' is not pinned to one version ('\(version)')"))
        continue
      }
      let scope: Package.Scope =
        dependency["optional"]?.text == "true"
        ? .optional
        : ["test"].contains(dependency["scope"]?.text ?? "") ? .dev : .prod
      packages.append(
        Package(
          ecosystem: .maven, name: name, version: version, direct: true, scope: scope, path: path,
          line: dependency.line))
    }
    return Lockfile(path: path, kind: "pom.xml", packages: packages, notices: notices)
  }

  /// The properties and managed versions of a pom and its parents in the repository.
  private static func inherited(
    _ project: XMLElement, file: SourcePath, site: LockfileSite, visited: inout Set<SourcePath>,
    notices: inout [(line: Int, message: String)]
  ) -> Model {
    var model = Model()
    if let parent = project["parent"] {
      let explicit = parent["relativePath"]?.text
      let relative = explicit ?? "../pom.xml"
      let reference = relative.hasSuffix(".xml") ? relative : relative + "/pom.xml"
      switch site.include(reference, from: file) {
      case .success(let included):
        if visited.insert(included.path).inserted,
          let parentProject = XMLElement.parse(included.text)
        {
          model = inherited(
            parentProject, file: included.path, site: site, visited: &visited, notices: &notices)
        }
      case .failure(let refusal):
        // The default `../pom.xml` is often simply absent (a parent from a repository); a
        // parent named outright that is not read is worth a note.
        if explicit != nil || site.source.entry(at: file.folder.resolving(reference) ?? file) != nil
        {
          notices.append((parent.line, "parent pom '\(reference)' \(refusal.reason)"))
        }
      }
      for key in ["groupId", "version"] {
        if let value = parent[key]?.text {
          model.properties["project.parent.\(key)"] = value
          model.properties["project.\(key)"] = model.properties["project.\(key)"] ?? value
        }
      }
    }
    for key in ["groupId", "artifactId", "version"] {
      if let value = project[key]?.text { model.properties["project.\(key)"] = value }
    }
    for property in project["properties"]?.children ?? [] {
      model.properties[property.name] = property.text
    }
    for dependency in project["dependencyManagement"]?["dependencies"]?.all("dependency") ?? [] {
      let name =
        "\(resolve(dependency["groupId"]?.text ?? "", model.properties)):\(resolve(dependency["artifactId"]?.text ?? "", model.properties))"
      if let version = dependency["version"]?.text {
        model.managed[name] = resolve(version, model.properties)
      }
    }
    return model
  }

  /// Replaces `${name}` with property values, up to a fixed depth so a cycle cannot loop.
  private static func resolve(_ text: String, _ properties: [String: String]) -> String {
    var result = text
    for _ in 0..<10 where result.contains("${") {
      var next = ""
      var rest = Substring(result)
      while let open = rest.range(of: "${"),
        let close = rest[open.upperBound...].firstIndex(of: "}")
      {
        next += rest[..<open.lowerBound]
        let key = String(rest[open.upperBound..<close])
        next += properties[key] ?? "${\(key)}"
        rest = rest[rest.index(after: close)...]
      }
      next += rest
      if next == result { break }
      result = next
    }
    return result
  }
}
