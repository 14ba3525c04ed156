import Foundation
import ParapetDeps

/// SPDX 2.3 JSON: creation info, one package per component (purl as an external reference,
/// checksums, the license as concluded and declared — NOASSERTION where it is unknown or did
/// not parse — with every `LicenseRef-` explained), the project as the described package, and DEPENDS_ON / DEV_DEPENDENCY_OF relationships. Encoded from structs, as
/// the CycloneDX writer is, for the same reason: speed on large graphs.
public enum SPDXWriter {
  private static let algorithms = [
    "SHA-1": "SHA1", "SHA-256": "SHA256", "SHA-384": "SHA384", "SHA-512": "SHA512",
  ]

  private struct Document: Encodable {
    struct CreationInfo: Encodable {
      var created: String
      var creators: [String]
    }
    let spdxVersion = "SPDX-2.3"
    let dataLicense = "CC0-1.0"
    let SPDXID = "SPDXRef-DOCUMENT"
    var name: String
    var documentNamespace: String
    var creationInfo: CreationInfo
    var packages: [SPDXPackage]
    var relationships: [Relationship]
    var hasExtractedLicensingInfos: [ExtractedLicense]?
  }

  private struct ExtractedLicense: Encodable {
    var licenseId: String
    var name: String
    var extractedText: String
  }

  private struct SPDXPackage: Encodable {
    struct Checksum: Encodable {
      var algorithm: String
      var checksumValue: String
    }
    struct ExternalRef: Encodable {
      let referenceCategory = "PACKAGE-MANAGER"
      let referenceType = "purl"
      var referenceLocator: String
    }
    var SPDXID: String
    var name: String
    var versionInfo: String?
    let downloadLocation = "NOASSERTION"
    let filesAnalyzed = false
    var licenseConcluded = "NOASSERTION"
    var licenseDeclared = "NOASSERTION"
    let copyrightText = "NOASSERTION"
    var checksums: [Checksum]?
    var externalRefs: [ExternalRef]?
    /// `CONTAINER` for an image (SPDX 2.3); absent for a project.
    var primaryPackagePurpose: String?
  }

  private struct Relationship: Encodable {
    var spdxElementId: String
    var relationshipType: String
    var relatedSpdxElement: String
  }

  /// The document's bytes.
  /// - Parameters:
  ///   - bom: the graph.
  ///   - toolVersion: Parapet's version.
  /// - Returns: pretty-printed JSON with sorted keys.
  /// - Throws: when encoding fails.
  public static func render(_ bom: BillOfMaterials, toolVersion: String) throws -> Data {
    var ids: [String: String] = [:]
    for (index, component) in bom.components.enumerated() {
      ids[component.ref] = "SPDXRef-Package-\(index + 1)"
    }
    let root = "SPDXRef-Project"
    var project = SPDXPackage(SPDXID: root, name: bom.projectName)
    if bom.rootType == "container" { project.primaryPackagePurpose = "CONTAINER" }
    if let expression = bom.projectLicense?.expression {
      project.licenseDeclared = expression
    }
    var packages = [project]
    var relationships = [
      Relationship(
        spdxElementId: "SPDXRef-DOCUMENT", relationshipType: "DESCRIBES", relatedSpdxElement: root)
    ]
    let direct = Set(bom.direct)
    var extracted: [String: String] = [:]
    for component in bom.components {
      guard let id = ids[component.ref] else { continue }
      let checksums = component.hashes.compactMap { hash in
        algorithms[hash.algorithm].map {
          SPDXPackage.Checksum(algorithm: $0, checksumValue: hash.hex)
        }
      }
      var package = SPDXPackage(
        SPDXID: id, name: component.package.name, versionInfo: component.package.version,
        checksums: checksums.isEmpty ? nil : checksums,
        externalRefs: [.init(referenceLocator: component.ref)])
      if let license = component.license, let expression = license.expression,
        !expression.contains("DocumentRef-")
      {
        package.licenseConcluded = expression
        package.licenseDeclared = expression
        extracted.merge(license.references) { first, _ in first }
      }
      packages.append(package)
      if direct.contains(component.ref) {
        relationships.append(
          component.package.scope == .dev
            ? Relationship(
              spdxElementId: id, relationshipType: "DEV_DEPENDENCY_OF", relatedSpdxElement: root)
            : Relationship(
              spdxElementId: root, relationshipType: "DEPENDS_ON", relatedSpdxElement: id))
      }
      for dependency in component.dependsOn {
        if let target = ids[dependency] {
          relationships.append(
            Relationship(
              spdxElementId: id, relationshipType: "DEPENDS_ON", relatedSpdxElement: target))
        }
      }
    }
    let name =
      bom.projectName.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "project"
    let document = Document(
      name: bom.projectName,
      documentNamespace: "https://spdx.org/spdxdocs/\(name)-\(bom.serial.uuidString.lowercased())",
      creationInfo: .init(created: bom.isoTimestamp, creators: ["Tool: parapet-\(toolVersion)"]),
      packages: packages, relationships: relationships,
      hasExtractedLicensingInfos: extracted.isEmpty
        ? nil
        : extracted.sorted { $0.key < $1.key }.map {
          ExtractedLicense(licenseId: $0.key, name: $0.key, extractedText: $0.value)
        })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(document) + Data("\n".utf8)
  }
}
