/// An SPDX license expression (SPDX 2.3, annex D): license ids, `LicenseRef-`s, `WITH`
/// exceptions, and `AND`/`OR` compounds.
public indirect enum LicenseExpression: Hashable, Sendable {
  /// A license id of the SPDX list, a `LicenseRef-` or a `DocumentRef-…:LicenseRef-`; `orLater`
  /// for a trailing `+` on an id that has no `-or-later` form of its own.
  case license(String, orLater: Bool = false)
  /// A license with an exception, such as `GPL-2.0-only WITH Classpath-exception-2.0`.
  case exception(LicenseExpression, String)
  /// Every operand applies.
  case all([LicenseExpression])
  /// The user may choose any one operand.
  case any([LicenseExpression])

  /// The single licenses the expression names, `WITH` exceptions left out, in order.
  public var licenses: [String] {
    switch self {
    case .license(let id, _): [id]
    case .exception(let base, _): base.licenses
    case .all(let operands), .any(let operands): operands.flatMap(\.licenses)
    }
  }

  /// Whether the id is a `LicenseRef-` (possibly in another document) rather than an SPDX id.
  public static func isReference(_ id: String) -> Bool {
    id.hasPrefix("LicenseRef-") || id.hasPrefix("DocumentRef-")
  }
}

extension LicenseExpression: CustomStringConvertible {
  /// The canonical form: operators upper case, parentheses only where precedence needs them.
  public var description: String {
    switch self {
    case .license(let id, let orLater): orLater ? id + "+" : id
    case .exception(let base, let exception): "\(base) WITH \(exception)"
    case .all(let operands):
      operands.map { if case .any = $0 { "(\($0))" } else { "\($0)" } }.joined(separator: " AND ")
    case .any(let operands): operands.map(\.description).joined(separator: " OR ")
    }
  }
}
