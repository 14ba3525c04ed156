import Foundation
import ParapetCore
import Yams

/// The license data under `rules/licenses/`: categories, aliases of non-SPDX names, the default
/// policy with its rules, and how license texts are matched.
public struct LicenseCatalog: Sendable {
  /// A category of licenses, such as `strong-copyleft`.
  public struct Category: Decodable, Sendable {
    public var name = ""
    public var title: String
    public var description: String
    public var licenses: [String]

    enum CodingKeys: String, CodingKey {
      case title, description, licenses
    }
  }

  /// A shortened license text the matcher also compares files with.
  public struct TextVariant: Decodable, Sendable {
    public var id: String
    public var endsBefore: String

    enum CodingKeys: String, CodingKey {
      case id
      case endsBefore = "ends-before"
    }
  }

  public let categories: [String: Category]
  /// Alias keys as `LicenseCatalog.aliasKey` writes them, to SPDX expressions.
  public let names: [String: String]
  /// Python trove classifiers to SPDX expressions.
  public let classifiers: [String: String]
  /// Short names written with a version (`GPL-2+`), lowercase, to their SPDX id's stem.
  public let versioned: [String: VersionedName]
  /// The keys of `versioned`, longest first: a name is read by the longest stem it starts with.
  let versionedStems: [String]

  /// How a short name with a version becomes an SPDX id.
  public struct VersionedName: Decodable, Sendable {
    public var stem: String
    public var suffix: String?
    /// Whether SPDX writes the version with `-only` and `-or-later`.
    public var orLater: Bool?

    enum CodingKeys: String, CodingKey {
      case stem, suffix
      case orLater = "or-later"
    }
  }
  public let defaultDeny: [String]
  /// Project categories for which `defaultDeny` applies.
  public let defaultDenyFor: [String]
  public let rules: [String: RuleDescriptor]
  /// The lowest match confidence (0-100) that counts.
  public let matchThreshold: Int
  public let textVariants: [TextVariant]
  private let categoryOfLicense: [String: String]

  /// The catalog embedded in the binary.
  public static let embedded: LicenseCatalog = {
    do {
      return try LicenseCatalog(files: EmbeddedRules.files)
    } catch {
      // The embedded files are checked by tests; a failure here is a build defect.
      preconditionFailure("embedded license rules do not load: \(error)")
    }
  }()

  private struct Aliases: Decodable {
    var names: [String: String]
    var classifiers: [String: String]
    var versioned: [String: VersionedName]
  }

  private struct Policy: Decodable {
    struct Rule: Decodable {
      var id, title, description, help: String
      var severity: Severity
      var references: [String]
    }
    var defaultDeny: [String]
    var defaultDenyFor: [String]
    var rules: [Rule]

    enum CodingKeys: String, CodingKey {
      case defaultDeny = "default-deny"
      case defaultDenyFor = "default-deny-for"
      case rules
    }
  }

  private struct Matching: Decodable {
    var threshold: Int
    var textVariants: [TextVariant]

    enum CodingKeys: String, CodingKey {
      case threshold
      case textVariants = "text-variants"
    }
  }

  /// Loads the catalog from rule files.
  /// - Parameter files: `(path, text)` of `categories.yaml`, `aliases.yaml`, `policy.yaml` and
  ///   `matching.yaml`.
  /// - Throws: when a file is missing or does not decode.
  init(files: [(path: String, text: String)]) throws {
    func decode<T: Decodable>(_ type: T.Type, _ name: String) throws -> T {
      guard let file = files.first(where: { $0.path.hasSuffix("/" + name) }) else {
        throw ParapetCoreError.io(path: "rules/licenses/\(name)", "missing license rule file")
      }
      return try YAMLDecoder().decode(type, from: file.text)
    }
    var categories = try decode([String: Category].self, "categories.yaml")
    for name in categories.keys { categories[name]?.name = name }
    self.categories = categories
    var categoryOfLicense: [String: String] = [:]
    for (name, category) in categories {
      for id in category.licenses { categoryOfLicense[id.lowercased()] = name }
    }
    self.categoryOfLicense = categoryOfLicense
    let aliases = try decode(Aliases.self, "aliases.yaml")
    names = aliases.names
    classifiers = aliases.classifiers
    versioned = aliases.versioned
    versionedStems = aliases.versioned.keys.sorted { ($0.count, $0) > ($1.count, $1) }
    let policy = try decode(Policy.self, "policy.yaml")
    defaultDeny = policy.defaultDeny
    defaultDenyFor = policy.defaultDenyFor
    rules = Dictionary(
      policy.rules.map {
        (
          $0.id,
          RuleDescriptor(
            id: $0.id, title: $0.title, description: $0.description, severity: $0.severity,
            help: $0.help, references: $0.references, tags: ["license", "dependency"])
        )
      }, uniquingKeysWith: { first, _ in first })
    let matching = try decode(Matching.self, "matching.yaml")
    matchThreshold = matching.threshold
    textVariants = matching.textVariants
  }

  /// The category of a single license id, if the catalog places it.
  public func category(of id: String) -> Category? {
    categoryOfLicense[id.lowercased()].flatMap { categories[$0] }
  }

  /// A rule by id; the ids are fixed by `policy.yaml`.
  public func rule(_ id: String) -> RuleDescriptor {
    guard let rule = rules[id] else {
      preconditionFailure("no license rule '\(id)' in policy.yaml")
    }
    return rule
  }

  /// How `names` keys are written: lower case, with each run of spaces, commas, hyphens,
  /// underscores, slashes and parentheses as one space.
  public static func aliasKey(_ raw: String) -> String {
    var key = ""
    var pendingSpace = false
    for character in raw.lowercased() {
      if character.isWhitespace || ",-_/()\"".contains(character) {
        pendingSpace = !key.isEmpty
      } else {
        if pendingSpace { key.append(" ") }
        pendingSpace = false
        key.append(character)
      }
    }
    return key
  }
}
