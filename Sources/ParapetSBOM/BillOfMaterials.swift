import Foundation
import ParapetCore
import ParapetDeps

/// The locked dependency graph of a project, as every SBOM format describes it.
public struct BillOfMaterials: Sendable {
  /// One package, once per purl across all lockfiles.
  public struct Component: Sendable {
    public var package: Package
    /// Content hashes (algorithm as CycloneDX names it, lowercase hex).
    public var hashes: [(algorithm: String, hex: String)]
    /// The purls of the components it depends on.
    public var dependsOn: [String]
    /// Every lockfile that lists it.
    public var lockfiles: [String]
    /// The purl, also the component's reference; computed once.
    public var ref: String
    /// Its license, when the bill's builder knows it.
    public var license: ComponentLicense?
  }

  public var projectName: String
  /// The root component's CycloneDX type: `application` for a project, `container` for an image.
  public var rootType = "application"
  /// The project's own license (its `LICENSE` file or manifest), named on the root component.
  public var projectLicense: ComponentLicense?
  public var components: [Component]
  /// The purls the project depends on directly.
  public var direct: [String]
  /// Seconds since 1970 of the document's timestamp.
  public var timestamp: Date
  /// Derived from the content when reproducible, random otherwise.
  public var serial: UUID

  /// Builds the graph from lockfiles.
  /// - Parameters:
  ///   - lockfiles: what ParapetDeps read.
  ///   - projectName: the root component's name.
  ///   - licenses: each component's license, by purl.
  ///   - reproducible: fixed timestamp (SOURCE_DATE_EPOCH or 0) and a content-derived serial.
  ///   - environment: where SOURCE_DATE_EPOCH is read.
  public init(
    lockfiles: [Lockfile], projectName: String, licenses: [String: ComponentLicense] = [:],
    reproducible: Bool, environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.projectName = projectName
    var byPurl: [String: Component] = [:]
    var purlByKey: [String: [String: String]] = [:]  // lockfile → key → purl
    for lockfile in lockfiles {
      for package in lockfile.packages {
        purlByKey[lockfile.path, default: [:]][package.key] = package.purl
      }
    }
    var direct = Set<String>()
    for lockfile in lockfiles {
      let purls = purlByKey[lockfile.path] ?? [:]
      for package in lockfile.packages {
        let purl = purls[package.key] ?? package.purl
        let edges = package.dependencies.compactMap { purls[$0] }
        if package.direct { direct.insert(purl) }
        if var existing = byPurl[purl] {
          existing.dependsOn = Array(Set(existing.dependsOn + edges)).sorted()
          existing.lockfiles.append(lockfile.path)
          if existing.package.scope != .prod && package.scope == .prod {
            existing.package.scope = .prod
          }
          existing.package.direct = existing.package.direct || package.direct
          byPurl[purl] = existing
        } else {
          byPurl[purl] = Component(
            package: package, hashes: package.integrity.flatMap(Self.hash).map { [$0] } ?? [],
            dependsOn: Array(Set(edges)).sorted(), lockfiles: [lockfile.path], ref: purl,
            license: licenses[purl])
        }
      }
    }
    components = byPurl.values.sorted { $0.ref < $1.ref }
    self.direct = direct.sorted()
    let epoch =
      reproducible ? TimeInterval(environment["SOURCE_DATE_EPOCH"].flatMap(Int.init) ?? 0) : nil
    timestamp = epoch.map { Date(timeIntervalSince1970: $0) } ?? Date()
    if reproducible {
      let content = components.map { component in
        let hashes = component.hashes.map { "\($0.algorithm)=\($0.hex)" }.joined(separator: ",")
        return [
          component.ref, component.package.scope.rawValue,
          component.dependsOn.joined(separator: ","), hashes,
          component.lockfiles.joined(separator: ","),
          component.license.map { $0.expression ?? $0.name ?? "" } ?? "",
        ].joined(separator: " ")
      }.joined(separator: "\n")
      serial = Self.uuid(fromHex: Fingerprint.sha256Hex(Array("\(projectName)\n\(content)".utf8)))
    } else {
      serial = UUID()
    }
  }

  /// A lockfile's integrity value as a hash, when it is one: SRI (`sha512-<base64>`),
  /// `sha256:<hex>`, or bare hex of a known length. Go's `h1:` is a hash of a file tree, not of
  /// the package archive, and is left out.
  static func hash(_ integrity: String) -> (algorithm: String, hex: String)? {
    let names = ["sha1": "SHA-1", "sha256": "SHA-256", "sha384": "SHA-384", "sha512": "SHA-512"]
    if let dash = integrity.firstIndex(of: "-"), let name = names[String(integrity[..<dash])],
      let data = Data(base64Encoded: String(integrity[integrity.index(after: dash)...]))
    {
      return (name, Fingerprint.hex(data))
    }
    if let colon = integrity.firstIndex(of: ":"), let name = names[String(integrity[..<colon])] {
      let hex = String(integrity[integrity.index(after: colon)...]).lowercased()
      return hex.allSatisfy(\.isHexDigit) ? (name, hex) : nil
    }
    let lengths = [40: "SHA-1", 64: "SHA-256", 128: "SHA-512"]
    if integrity.allSatisfy(\.isHexDigit), let name = lengths[integrity.count] {
      return (name, integrity.lowercased())
    }
    // NuGet's contentHash: base64 of a SHA-512.
    if let data = Data(base64Encoded: integrity), data.count == 64 {
      return ("SHA-512", Fingerprint.hex(data))
    }
    return nil
  }

  private static func uuid(fromHex hex: String) -> UUID {
    var bytes = stride(from: 0, to: 32, by: 2).map { index -> UInt8 in
      let start = hex.index(hex.startIndex, offsetBy: index)
      return UInt8(hex[start..<hex.index(start, offsetBy: 2)], radix: 16) ?? 0
    }
    bytes[6] = (bytes[6] & 0x0f) | 0x50  // version 5 style: name-based
    bytes[8] = (bytes[8] & 0x3f) | 0x80  // RFC 4122 variant
    return UUID(
      uuid: (
        bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5], bytes[6], bytes[7], bytes[8],
        bytes[9], bytes[10],
        bytes[11], bytes[12], bytes[13], bytes[14], bytes[15]
      ))
  }

  /// ISO 8601 of the timestamp, seconds precision, UTC.
  var isoTimestamp: String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: timestamp)
  }
}
