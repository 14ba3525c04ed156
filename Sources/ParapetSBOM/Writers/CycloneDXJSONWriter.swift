import Foundation
import ParapetDeps

/// CycloneDX 1.6 JSON: metadata with the tool and the project as root component, one component
/// per package (bom-ref = purl), and every recorded edge under `dependencies`.
public enum CycloneDXJSONWriter {
  /// The document's bytes.
  /// - Parameters:
  ///   - bom: the graph.
  ///   - toolVersion: Parapet's version.
  /// - Returns: pretty-printed JSON with sorted keys.
  /// - Throws: when serialization fails.
  public static func render(_ bom: BillOfMaterials, toolVersion: String) throws -> Data {
    let root = "project:\(bom.projectName)"
    let document: [String: Any] = [
      "$schema": "http://cyclonedx.org/schema/bom-1.6.schema.json",
      "bomFormat": "CycloneDX",
      "specVersion": "1.6",
      "serialNumber": "urn:uuid:\(bom.serial.uuidString.lowercased())",
      "version": 1,
      "metadata": [
        "timestamp": bom.isoTimestamp,
        "tools": [
          "components": [["type": "application", "name": "parapet", "version": toolVersion]]
        ],
        "component": ["type": "application", "bom-ref": root, "name": bom.projectName],
      ] as [String: Any],
      "components": bom.components.map(component),
      "dependencies": [["ref": root, "dependsOn": bom.direct]]
        + bom.components.map { ["ref": $0.ref, "dependsOn": $0.dependsOn] },
    ]
    let data = try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return data + Data("\n".utf8)
  }

  private static func component(_ component: BillOfMaterials.Component) -> [String: Any] {
    let package = component.package
    let (group, name) = CycloneDXNames.split(package)
    var object: [String: Any] = [
      "type": "library", "bom-ref": component.ref, "name": name, "version": package.version,
      "purl": package.purl,
      "scope": CycloneDXNames.scope(package.scope),
      "properties": component.lockfiles.map { ["name": "parapet:lockfile", "value": $0] },
    ]
    object["group"] = group
    if !component.hashes.isEmpty {
      object["hashes"] = component.hashes.map { ["alg": $0.algorithm, "content": $0.hex] }
    }
    if let registry = CycloneDXNames.registry(package) {
      object["externalReferences"] = [["type": "distribution", "url": registry]]
    }
    return object
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
