/// A `license` field of npm metadata, in each shape npm has written it: an SPDX expression
/// string, a `{"type": "MIT", "url": …}` object, or a `licenses` array of either.
public struct LicenseField: Decodable, Hashable, Sendable {
  /// The field as one expression string: array members joined with `OR`, as npm read them.
  public var expression: String?

  private struct Typed: Decodable {
    var type: String?
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.singleValueContainer()
    if let text = try? container.decode(String.self) {
      expression = text
    } else if let typed = try? container.decode(Typed.self) {
      expression = typed.type
    } else if let list = try? container.decode([LicenseField].self) {
      let parts = list.compactMap(\.expression)
      expression = parts.count > 1 ? parts.map { "(\($0))" }.joined(separator: " OR ") : parts.first
    } else {
      expression = nil
    }
  }
}
