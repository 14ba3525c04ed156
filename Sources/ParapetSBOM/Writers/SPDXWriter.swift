import Foundation
import ParapetDeps

/// SPDX 2.3 JSON: creation info, one package per component (purl as an external reference,
/// checksums, licenses NOASSERTION until the license job fills them), the project as the
/// described package, and DEPENDS_ON / DEV_DEPENDENCY_OF relationships.
public enum SPDXWriter {
  private static let algorithms = [
    "SHA-1": "SHA1", "SHA-256": "SHA256", "SHA-384": "SHA384", "SHA-512": "SHA512",
  ]

  /// The document's bytes.
  /// - Parameters:
  ///   - bom: the graph.
  ///   - toolVersion: Parapet's version.
  /// - Returns: pretty-printed JSON with sorted keys.
  /// - Throws: when serialization fails.
  public static func render(_ bom: BillOfMaterials, toolVersion: String) throws -> Data {
    var ids: [String: String] = [:]
    for (index, component) in bom.components.enumerated() {
      ids[component.ref] = "SPDXRef-Package-\(index + 1)"
    }
    let root = "SPDXRef-Project"
    var packages: [[String: Any]] = [
      [
        "SPDXID": root, "name": bom.projectName, "downloadLocation": "NOASSERTION",
        "filesAnalyzed": false,
        "licenseConcluded": "NOASSERTION", "licenseDeclared": "NOASSERTION",
        "copyrightText": "NOASSERTION",
      ]
    ]
    var relationships: [[String: String]] = [
      [
        "spdxElementId": "SPDXRef-DOCUMENT", "relationshipType": "DESCRIBES",
        "relatedSpdxElement": root,
      ]
    ]
    for component in bom.components {
      guard let id = ids[component.ref] else { continue }
      var package: [String: Any] = [
        "SPDXID": id, "name": component.package.name, "versionInfo": component.package.version,
        "downloadLocation": "NOASSERTION", "filesAnalyzed": false,
        "licenseConcluded": "NOASSERTION",
        "licenseDeclared": "NOASSERTION", "copyrightText": "NOASSERTION",
        "externalRefs": [
          [
            "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
            "referenceLocator": component.ref,
          ]
        ],
      ]
      let checksums = component.hashes.compactMap { hash in
        algorithms[hash.algorithm].map { ["algorithm": $0, "checksumValue": hash.hex] }
      }
      if !checksums.isEmpty { package["checksums"] = checksums }
      packages.append(package)
      for dependency in component.dependsOn {
        if let target = ids[dependency] {
          relationships.append([
            "spdxElementId": id, "relationshipType": "DEPENDS_ON", "relatedSpdxElement": target,
          ])
        }
      }
    }
    for ref in bom.direct {
      guard let id = ids[ref], let component = bom.components.first(where: { $0.ref == ref }) else {
        continue
      }
      relationships.append(
        component.package.scope == .dev
          ? [
            "spdxElementId": id, "relationshipType": "DEV_DEPENDENCY_OF",
            "relatedSpdxElement": root,
          ]
          : ["spdxElementId": root, "relationshipType": "DEPENDS_ON", "relatedSpdxElement": id])
    }
    let document: [String: Any] = [
      "spdxVersion": "SPDX-2.3", "dataLicense": "CC0-1.0", "SPDXID": "SPDXRef-DOCUMENT",
      "name": bom.projectName,
      "documentNamespace":
        "https://spdx.org/spdxdocs/\(bom.projectName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "project")-\(bom.serial.uuidString.lowercased())",
      "creationInfo": ["created": bom.isoTimestamp, "creators": ["Tool: parapet-\(toolVersion)"]],
      "packages": packages, "relationships": relationships,
    ]
    let data = try JSONSerialization.data(
      withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    return data + Data("\n".utf8)
  }
}
