import Foundation
import ParapetDeps

/// CycloneDX 1.6 JSON: metadata with the tool and the project as root component, one component
/// per package (bom-ref = purl), and every recorded edge under `dependencies`. Encoded from
/// structs: building `[String: Any]` for JSONSerialization cost ten times more on large graphs.
public enum CycloneDXJSONWriter {
  private struct Document: Encodable {
    let schema = "http://cyclonedx.org/schema/bom-1.6.schema.json"
    let bomFormat = "CycloneDX"
    let specVersion = "1.6"
    var serialNumber: String
    let version = 1
    var metadata: Metadata
    var components: [Component]
    var dependencies: [Dependency]

    enum CodingKeys: String, CodingKey {
      case schema = "$schema"
      case bomFormat, specVersion, serialNumber, version, metadata, components, dependencies
    }
  }

  private struct Metadata: Encodable {
    struct Tools: Encodable { var components: [Tool] }
    struct Tool: Encodable {
      let type = "application"
      var name: String
      var version: String
    }
    struct Root: Encodable {
      let type = "application"
      var ref: String
      var name: String
      enum CodingKeys: String, CodingKey {
        case type, name
        case ref = "bom-ref"
      }
    }
    var timestamp: String
    var tools: Tools
    var component: Root
  }

  private struct Component: Encodable {
    struct Hash: Encodable {
      var alg: String
      var content: String
    }
    struct Reference: Encodable {
      var type: String
      var url: String
    }
    struct Property: Encodable {
      var name: String
      var value: String
    }
    /// One entry of `licenses`: a `license` (id or name) or an `expression`.
    struct LicenseChoice: Encodable {
      struct License: Encodable {
        var id: String?
        var name: String?
      }
      var license: License?
      var expression: String?
    }
    let type = "library"
    var ref: String
    var group: String?
    var name: String
    var version: String
    var purl: String
    var scope: String
    var hashes: [Hash]?
    var licenses: [LicenseChoice]?
    var externalReferences: [Reference]?
    var properties: [Property]

    enum CodingKeys: String, CodingKey {
      case type, group, name, version, purl, scope, hashes, licenses, externalReferences, properties
      case ref = "bom-ref"
    }
  }

  private struct Dependency: Encodable {
    var ref: String
    var dependsOn: [String]
  }

  /// The document's bytes.
  /// - Parameters:
  ///   - bom: the graph.
  ///   - toolVersion: Parapet's version.
  /// - Returns: compact JSON with sorted keys.
  /// - Throws: when encoding fails.
  public static func render(_ bom: BillOfMaterials, toolVersion: String) throws -> Data {
    let root = "project:\(bom.projectName)"
    let document = Document(
      serialNumber: "urn:uuid:\(bom.serial.uuidString.lowercased())",
      metadata: Metadata(
        timestamp: bom.isoTimestamp,
        tools: .init(components: [.init(name: "parapet", version: toolVersion)]),
        component: .init(ref: root, name: bom.projectName)),
      components: bom.components.map(component),
      dependencies: [Dependency(ref: root, dependsOn: bom.direct)]
        + bom.components.map { Dependency(ref: $0.ref, dependsOn: $0.dependsOn) })
    let encoder = JSONEncoder()
    // Compact, as SBOMs are read by tools; sorted keys keep it deterministic.
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(document) + Data("\n".utf8)
  }

  private static func component(_ component: BillOfMaterials.Component) -> Component {
    let package = component.package
    let (group, name) = CycloneDXNames.split(package)
    return Component(
      ref: component.ref, group: group, name: name, version: package.version, purl: component.ref,
      scope: CycloneDXNames.scope(package.scope),
      hashes: component.hashes.isEmpty
        ? nil : component.hashes.map { .init(alg: $0.algorithm, content: $0.hex) },
      licenses: component.license.map(licenses),
      externalReferences: CycloneDXNames.registry(package).map {
        [.init(type: "distribution", url: $0)]
      },
      properties: component.lockfiles.map { .init(name: "parapet:lockfile", value: $0) })
  }

  /// `license.id` only for ids in CycloneDX's enum, an `expression` for anything else that
  /// parsed, `license.name` for the raw text of what did not.
  private static func licenses(_ license: ComponentLicense) -> [Component.LicenseChoice] {
    if let id = license.cycloneDXID { return [.init(license: .init(id: id))] }
    if let expression = license.expression { return [.init(expression: expression)] }
    return license.name.map { [.init(license: .init(name: $0))] } ?? []
  }
}

/// How CycloneDX names what a `Package` holds, shared by the JSON and XML writers.
enum CycloneDXNames {
  /// npm scopes and Maven group ids are the component's group.
  static func split(_ package: Package) -> (group: String?, name: String) {
    switch package.ecosystem {
    case .npm where package.name.hasPrefix("@"):
      let parts = package.name.split(separator: "/", maxSplits: 1)
      return parts.count == 2 ? (String(parts[0]), String(parts[1])) : (nil, package.name)
    case .maven:
      let parts = package.name.split(separator: ":", maxSplits: 1)
      return parts.count == 2 ? (String(parts[0]), String(parts[1])) : (nil, package.name)
    default:
      return (nil, package.name)
    }
  }

  /// Dev dependencies are `excluded` from what ships; optional and peer ones are `optional`.
  static func scope(_ scope: Package.Scope) -> String {
    switch scope {
    case .prod: "required"
    case .optional, .peer: "optional"
    case .dev: "excluded"
    }
  }

  /// The package's page on its public registry, where the ecosystem has one URL scheme.
  static func registry(_ package: Package) -> String? {
    let name =
      package.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? package.name
    switch package.ecosystem {
    case .npm: return "https://www.npmjs.com/package/\(name)/v/\(package.version)"
    case .pypi: return "https://pypi.org/project/\(name)/\(package.version)/"
    case .crates: return "https://crates.io/crates/\(name)/\(package.version)"
    case .rubygems: return "https://rubygems.org/gems/\(name)/versions/\(package.version)"
    case .go: return "https://pkg.go.dev/\(name)@\(package.version)"
    case .nuget: return "https://www.nuget.org/packages/\(name)/\(package.version)"
    case .packagist: return "https://packagist.org/packages/\(name)#\(package.version)"
    case .pub: return "https://pub.dev/packages/\(name)/versions/\(package.version)"
    case .hex: return "https://hex.pm/packages/\(name)/\(package.version)"
    case .maven, .swift: return nil
    }
  }
}
