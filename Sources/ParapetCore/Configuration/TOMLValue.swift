/// A parsed TOML value as plain Sendable data, so that configuration can cross tasks.
public indirect enum TOMLData: Hashable, Sendable {
  case string(String)
  case int(Int)
  case double(Double)
  case bool(Bool)
  case array([TOMLData])
  case table([String: TOMLData])
  /// Dates and times, kept as their text.
  case other(String)

  /// The string, when this is a string.
  public var string: String? {
    if case .string(let value) = self { return value }
    return nil
  }

  /// The integer, when this is an integer.
  public var int: Int? {
    if case .int(let value) = self { return value }
    return nil
  }

  /// The boolean, when this is a boolean.
  public var bool: Bool? {
    if case .bool(let value) = self { return value }
    return nil
  }

  /// The number, when this is an integer or a float.
  public var double: Double? {
    switch self {
    case .double(let value): value
    case .int(let value): Double(value)
    default: nil
    }
  }

  /// The elements, when this is an array.
  public var array: [TOMLData]? {
    if case .array(let value) = self { return value }
    return nil
  }

  /// The keys and values, when this is a table.
  public var table: [String: TOMLData]? {
    if case .table(let value) = self { return value }
    return nil
  }

  /// The strings, when this is an array of strings only.
  public var strings: [String]? {
    guard let array else { return nil }
    let values = array.compactMap(\.string)
    return values.count == array.count ? values : nil
  }

  /// The TOML name of this value's type, for error messages.
  public var typeName: String {
    switch self {
    case .string: "string"
    case .int: "integer"
    case .double: "float"
    case .bool: "boolean"
    case .array: "array"
    case .table: "table"
    case .other: "date"
    }
  }
}
