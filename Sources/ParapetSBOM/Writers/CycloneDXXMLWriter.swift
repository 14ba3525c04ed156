import Foundation
import ParapetCore
import ParapetDeps

/// CycloneDX 1.6 XML: the same content as the JSON form.
public enum CycloneDXXMLWriter {
  static let namespace = "http://cyclonedx.org/schema/bom/1.6"

  /// The document's bytes.
  /// - Parameters:
  ///   - bom: the graph.
  ///   - toolVersion: Parapet's version.
  /// - Returns: UTF-8 XML.
  public static func render(_ bom: BillOfMaterials, toolVersion: String) -> Data {
    var xml = XMLTextWriter()
    let root = "project:\(bom.projectName)"
    xml.element(
      "bom",
      [
        ("serialNumber", "urn:uuid:\(bom.serial.uuidString.lowercased())"), ("version", "1"),
        ("xmlns", namespace),
      ]
    ) { xml in
      xml.element("metadata") { xml in
        xml.leaf("timestamp", bom.isoTimestamp)
        xml.element("tools") { xml in
          xml.element("components") { xml in
            xml.element("component", [("type", "application")]) { xml in
              xml.leaf("name", "parapet")
              xml.leaf("version", toolVersion)
            }
          }
        }
        xml.element("component", [("bom-ref", root), ("type", bom.rootType)]) { xml in
          xml.leaf("name", bom.projectName)
          if let license = bom.projectLicense { licenses(license, &xml) }
        }
      }
      xml.element("components") { xml in
        for component in bom.components { self.component(component, &xml) }
      }
      xml.element("dependencies") { xml in
        xml.element("dependency", [("ref", root)]) { xml in
          for ref in bom.direct { xml.empty("dependency", [("ref", ref)]) }
        }
        for component in bom.components {
          xml.element("dependency", [("ref", component.ref)]) { xml in
            for ref in component.dependsOn { xml.empty("dependency", [("ref", ref)]) }
          }
        }
      }
    }
    return Data(xml.data + [10])
  }

  /// Child elements in the order the CycloneDX XSD's sequence requires.
  private static func component(_ component: BillOfMaterials.Component, _ xml: inout XMLTextWriter)
  {
    let package = component.package
    let (group, name) = CycloneDXNames.split(package)
    xml.element("component", [("bom-ref", component.ref), ("type", "library")]) { xml in
      if let group { xml.leaf("group", group) }
      xml.leaf("name", name)
      xml.leaf("version", package.version)
      xml.leaf("scope", CycloneDXNames.scope(package.scope))
      if !component.hashes.isEmpty {
        xml.element("hashes") { xml in
          for hash in component.hashes { xml.leaf("hash", hash.hex, [("alg", hash.algorithm)]) }
        }
      }
      if let license = component.license { licenses(license, &xml) }
      xml.leaf("purl", component.ref)
      if let registry = CycloneDXNames.registry(package) {
        xml.element("externalReferences") { xml in
          xml.element("reference", [("type", "distribution")]) { xml in xml.leaf("url", registry) }
        }
      }
      xml.element("properties") { xml in
        for lockfile in component.lockfiles {
          xml.leaf("property", lockfile, [("name", "parapet:lockfile")])
        }
        if let layer = component.package.layer {
          xml.leaf("property", layer, [("name", "parapet:layer")])
        }
      }
    }
  }

  /// As the JSON writer chooses: an enum id, else an expression, else the raw name.
  private static func licenses(_ license: ComponentLicense, _ xml: inout XMLTextWriter) {
    if let id = license.cycloneDXID {
      xml.element("licenses") { xml in xml.element("license") { xml in xml.leaf("id", id) } }
    } else if let expression = license.expression {
      xml.element("licenses") { xml in xml.leaf("expression", expression) }
    } else if let name = license.name {
      xml.element("licenses") { xml in xml.element("license") { xml in xml.leaf("name", name) } }
    }
  }
}
