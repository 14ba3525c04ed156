/// The SPDX License List: which ids exist, what they are called, and how they are flagged.
public struct LicenseList: Sendable {
  /// One license or exception of the list.
  public struct Entry: Sendable {
    public var id: String
    public var name: String
    public var osiApproved: Bool
    public var deprecated: Bool
    /// Whether CycloneDX 1.6's `license.id` enum accepts the id (the enum is an older list).
    public var inCycloneDXEnum: Bool
  }

  /// The list version, such as `3.29.0`.
  public let version: String
  private let licenses: [String: Entry]
  private let exceptions: [String: Entry]

  /// The list embedded in the binary.
  public static let embedded = LicenseList(
    version: EmbeddedSPDX.listVersion, licenses: EmbeddedSPDX.licenses,
    exceptions: EmbeddedSPDX.exceptions)

  private init(version: String, licenses: String, exceptions: String) {
    self.version = version
    self.licenses = Self.table(licenses)
    self.exceptions = Self.table(exceptions)
  }

  /// The license with this id; SPDX ids match without regard to case.
  public func license(_ id: String) -> Entry? { licenses[id.lowercased()] }

  /// The exception with this id, without regard to case.
  public func exception(_ id: String) -> Entry? { exceptions[id.lowercased()] }

  /// Every license id of the list.
  public var licenseIDs: [String] { licenses.values.map(\.id).sorted() }

  private static func table(_ text: String) -> [String: Entry] {
    var table: [String: Entry] = [:]
    for line in text.split(separator: "\n") {
      let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
      guard fields.count == 3 else { continue }
      let flags = fields[2]
      table[fields[0].lowercased()] = Entry(
        id: String(fields[0]), name: String(fields[1]), osiApproved: flags.contains("o"),
        deprecated: flags.contains("d"), inCycloneDXEnum: flags.contains("c"))
    }
    return table
  }
}
