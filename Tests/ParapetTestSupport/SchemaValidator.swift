import CXML2
import Foundation

/// Validates reports against the official schemas in `../shared/schemas`.
public enum SchemaValidator {
  /// Validates a JSON document with the `jsonschema` Python package (Debian's python3-jsonschema,
  /// installed by ci/install-deps.sh).
  /// - Parameters:
  ///   - document: the JSON file.
  ///   - schema: the schema file.
  /// - Returns: nil when valid, else the validator's message.
  /// - Throws: when Python cannot be started.
  public static func jsonErrors(_ document: URL, schema: URL) throws -> String? {
    // Schemas that $ref their siblings (CycloneDX's spdx and jsf schemas) are resolved from the
    // same folder by their $id: the tests never touch the network.
    let script = """
      import json, os, sys, jsonschema
      schema = json.load(open(sys.argv[1]))
      instance = json.load(open(sys.argv[2]))
      folder = os.path.dirname(sys.argv[1])
      store = {}
      for name in os.listdir(folder):
          if name.endswith(".json"):
              try:
                  sibling = json.load(open(os.path.join(folder, name)))
              except ValueError:
                  continue
              if isinstance(sibling, dict) and ("$id" in sibling or "id" in sibling):
                  store[sibling.get("$id", sibling.get("id"))] = sibling
      cls = jsonschema.validators.validator_for(schema)
      resolver = jsonschema.RefResolver.from_schema(schema, id_of=cls.ID_OF, store=store)
      errors = sorted(cls(schema, resolver=resolver).iter_errors(instance), key=lambda e: list(e.path))
      for e in errors[:5]:
          print("/".join(map(str, e.path)) + ": " + e.message[:300])
      sys.exit(1 if errors else 0)
      """
    let python =
      ["/usr/bin/python3", "/usr/local/bin/python3"].first {
        FileManager.default.isExecutableFile(atPath: $0)
      } ?? "/usr/bin/python3"
    let result = try Command.run(
      URL(fileURLWithPath: python), ["-c", script, schema.path, document.path])
    if result.status == 0 { return nil }
    return result.stdout + result.stderr
  }

  /// SARIF against the shared SARIF 2.1.0 schema.
  public static func sarifErrors(_ document: URL) throws -> String? {
    try jsonErrors(
      document, schema: TestPaths.shared.appendingPathComponent("schemas/sarif-schema-2.1.0.json"))
  }

  /// CycloneDX JSON against the shared 1.6 schema.
  public static func cycloneDXErrors(_ document: URL) throws -> String? {
    try jsonErrors(
      document,
      schema: TestPaths.shared.appendingPathComponent("schemas/cyclonedx/bom-1.6.schema.json"))
  }

  /// SPDX JSON against the shared 2.3 schema.
  public static func spdxErrors(_ document: URL) throws -> String? {
    try jsonErrors(
      document, schema: TestPaths.shared.appendingPathComponent("schemas/spdx/spdx-2.3-schema.json")
    )
  }

  /// JUnit XML against the shared Ant JUnit XSD.
  public static func junitErrors(_ document: URL) -> String? {
    xmlErrors(document, schema: TestPaths.shared.appendingPathComponent("schemas/junit.xsd"))
  }

  /// Validates an XML document against an XSD with libxml2.
  /// - Parameters:
  ///   - document: the XML file.
  ///   - schema: the XSD file.
  /// - Returns: nil when valid, else a message.
  public static func xmlErrors(_ document: URL, schema: URL) -> String? {
    guard let parser = xmlSchemaNewParserCtxt(schema.path) else {
      return "cannot read \(schema.path)"
    }
    defer { xmlSchemaFreeParserCtxt(parser) }
    guard let compiled = xmlSchemaParse(parser) else { return "cannot parse \(schema.path)" }
    defer { xmlSchemaFree(compiled) }
    guard let context = xmlSchemaNewValidCtxt(compiled) else { return "cannot create validator" }
    defer { xmlSchemaFreeValidCtxt(context) }
    let status = xmlSchemaValidateFile(context, document.path, 0)
    return status == 0
      ? nil
      : "\(document.lastPathComponent) is not valid against \(schema.lastPathComponent) (libxml2 status \(status))"
  }
}
