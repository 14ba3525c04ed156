/// An OSV record, with the fields matching and reports read.
public struct OSVRecord: Codable, Sendable {
  public struct Affected: Codable, Sendable {
    public struct PackageRef: Codable, Sendable {
      public var ecosystem: String
      public var name: String
    }

    public struct Range: Codable, Sendable {
      public struct Event: Codable, Sendable {
        public var introduced: String?
        public var fixed: String?
        public var lastAffected: String?
        public var limit: String?

        enum CodingKeys: String, CodingKey {
          case introduced, fixed, limit
          case lastAffected = "last_affected"
        }
      }

      public var type: String
      public var events: [Event]
    }

    public var package: PackageRef?
    public var ranges: [Range]?
    public var versions: [String]?
    public var severity: [Severity]?
    public var databaseSpecific: JSONValue?

    enum CodingKeys: String, CodingKey {
      case package, ranges, versions, severity
      case databaseSpecific = "database_specific"
    }
  }

  public struct Severity: Codable, Sendable {
    public var type: String
    public var score: String
  }

  public var id: String
  public var aliases: [String]?
  public var summary: String?
  public var details: String?
  public var withdrawn: String?
  public var modified: String?
  public var severity: [Severity]?
  public var affected: [Affected]?
  public var references: [Reference]?
  public var databaseSpecific: JSONValue?

  public struct Reference: Codable, Sendable {
    public var type: String?
    public var url: String
  }

  enum CodingKeys: String, CodingKey {
    case id, aliases, summary, details, withdrawn, modified, severity, affected, references
    case databaseSpecific = "database_specific"
  }
}

/// Any JSON value, for the free-form `database_specific` objects.
public indirect enum JSONValue: Codable, Sendable {
  case string(String)
  case number(Double)
  case bool(Bool)
  case array([JSONValue])
  case object([String: JSONValue])
  case null

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSONValue].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSONValue].self))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .string(let value): try container.encode(value)
    case .number(let value): try container.encode(value)
    case .bool(let value): try container.encode(value)
    case .array(let value): try container.encode(value)
    case .object(let value): try container.encode(value)
    case .null: try container.encodeNil()
    }
  }

  /// The member of an object.
  public subscript(key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string, when this is one.
  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }
}
