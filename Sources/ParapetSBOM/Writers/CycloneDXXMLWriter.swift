import CXML2
import Foundation
import ParapetDeps

/// CycloneDX 1.6 XML, written with libxml2: the same content as the JSON form.
public enum CycloneDXXMLWriter {
  static let namespace = "http://cyclonedx.org/schema/bom/1.6"

  /// The document's bytes.
  /// - Parameters:
  ///   - bom: the graph.
  ///   - toolVersion: Parapet's version.
  /// - Returns: UTF-8 XML.
  /// - Throws: `ParapetSBOMError.xml` when libxml2 fails.
  public static func render(_ bom: BillOfMaterials, toolVersion: String) throws -> Data {
    guard let buffer = xmlBufferCreate() else {
      throw ParapetSBOMError.xml("cannot allocate a buffer")
    }
    defer { xmlBufferFree(buffer) }
    guard let writer = xmlNewTextWriterMemory(buffer, 0) else {
      throw ParapetSBOMError.xml("cannot create a writer")
    }
    defer { xmlFreeTextWriter(writer) }
    xmlTextWriterSetIndent(writer, 1)
    xmlTextWriterSetIndentString(writer, "  ")
    let xml = Writer(writer: writer)
    try xml.check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil))
    let root = "project:\(bom.projectName)"
    try xml.element(
      "bom",
      [
        "xmlns": namespace, "serialNumber": "urn:uuid:\(bom.serial.uuidString.lowercased())",
        "version": "1",
      ]
    ) {
      try xml.element("metadata") {
        try xml.leaf("timestamp", bom.isoTimestamp)
        try xml.element("tools") {
          try xml.element("components") {
            try xml.element("component", ["type": "application"]) {
              try xml.leaf("name", "parapet")
              try xml.leaf("version", toolVersion)
            }
          }
        }
        try xml.element("component", ["type": "application", "bom-ref": root]) {
          try xml.leaf("name", bom.projectName)
          if let license = bom.projectLicense { try licenses(license, xml) }
        }
      }
      try xml.element("components") {
        for component in bom.components { try self.component(component, xml) }
      }
      try xml.element("dependencies") {
        try xml.element("dependency", ["ref": root]) {
          for ref in bom.direct { try xml.element("dependency", ["ref": ref]) {} }
        }
        for component in bom.components {
          try xml.element("dependency", ["ref": component.ref]) {
            for ref in component.dependsOn { try xml.element("dependency", ["ref": ref]) {} }
          }
        }
      }
    }
    try xml.check(xmlTextWriterEndDocument(writer))
    guard let content = xmlBufferContent(buffer) else { throw ParapetSBOMError.xml("empty buffer") }
    return Data(bytes: content, count: Int(xmlBufferLength(buffer)))
  }

  /// Child elements in the order the CycloneDX XSD's sequence requires.
  private static func component(_ component: BillOfMaterials.Component, _ xml: Writer) throws {
    let package = component.package
    let (group, name) = CycloneDXNames.split(package)
    try xml.element("component", ["type": "library", "bom-ref": component.ref]) {
      if let group { try xml.leaf("group", group) }
      try xml.leaf("name", name)
      try xml.leaf("version", package.version)
      try xml.leaf("scope", CycloneDXNames.scope(package.scope))
      if !component.hashes.isEmpty {
        try xml.element("hashes") {
          for hash in component.hashes {
            try xml.element("hash", ["alg": hash.algorithm]) { try xml.text(hash.hex) }
          }
        }
      }
      if let license = component.license { try licenses(license, xml) }
      try xml.leaf("purl", component.ref)
      if let registry = CycloneDXNames.registry(package) {
        try xml.element("externalReferences") {
          try xml.element("reference", ["type": "distribution"]) { try xml.leaf("url", registry) }
        }
      }
      try xml.element("properties") {
        for lockfile in component.lockfiles {
          try xml.element("property", ["name": "parapet:lockfile"]) { try xml.text(lockfile) }
        }
      }
    }
  }

  /// As the JSON writer chooses: an enum id, else an expression, else the raw name.
  private static func licenses(_ license: ComponentLicense, _ xml: Writer) throws {
    if let id = license.cycloneDXID {
      try xml.element("licenses") { try xml.element("license") { try xml.leaf("id", id) } }
    } else if let expression = license.expression {
      try xml.element("licenses") { try xml.leaf("expression", expression) }
    } else if let name = license.name {
      try xml.element("licenses") { try xml.element("license") { try xml.leaf("name", name) } }
    }
  }

  /// A thin wrapper over libxml2's text writer; attributes are written in sorted order.
  struct Writer {
    let writer: xmlTextWriterPtr

    func check(_ status: Int32) throws {
      if status < 0 { throw ParapetSBOMError.xml("libxml2 writer failed") }
    }

    func element(_ name: String, _ attributes: [String: String] = [:], _ body: () throws -> Void)
      throws
    {
      try check(xmlTextWriterStartElement(writer, name))
      for (key, value) in attributes.sorted(by: { $0.key < $1.key }) {
        try check(xmlTextWriterWriteAttribute(writer, key, value))
      }
      try body()
      try check(xmlTextWriterFullEndElement(writer))
    }

    func leaf(_ name: String, _ value: String) throws {
      try check(xmlTextWriterWriteElement(writer, name, value))
    }

    func text(_ value: String) throws {
      try check(xmlTextWriterWriteString(writer, value))
    }
  }
}

/// Errors of the SBOM writers.
public enum ParapetSBOMError: Error, CustomStringConvertible {
  /// libxml2 failed while writing.
  case xml(String)

  public var description: String {
    switch self {
    case .xml(let message): "cyclonedx xml: \(message)"
    }
  }
}
