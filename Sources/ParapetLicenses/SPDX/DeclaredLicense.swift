import Foundation

/// What a license field says, turned into SPDX: an expression, or the raw text when it looks
/// like an expression but does not parse.
public enum DeclaredLicense: Hashable, Sendable {
  case expression(LicenseExpression)
  case unparsable(raw: String, reason: String)

  /// Reads a license field. SPDX expressions parse as they are; other names go through
  /// `rules/licenses/aliases.yaml`; `A/B` and `A or B` lists become `OR`s; any other name is
  /// kept as a `LicenseRef-` made from it. Returns nil for no assertion (`NOASSERTION`,
  /// `NONE`, `UNKNOWN`, `SEE LICENSE IN …`, empty), so that other evidence can decide.
  /// - Parameters:
  ///   - raw: the field's text.
  ///   - catalog: the aliases.
  ///   - parser: the expression parser.
  public init?(
    _ raw: String, catalog: LicenseCatalog = .embedded,
    parser: LicenseExpressionParser = LicenseExpressionParser()
  ) {
    let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
    let upper = text.uppercased()
    if text.isEmpty || ["NOASSERTION", "NONE", "UNKNOWN"].contains(upper)
      || upper.hasPrefix("SEE LICENSE IN")
    {
      return nil
    }
    if upper == "UNLICENSED" {
      self = .expression(.license("LicenseRef-UNLICENSED"))
      return
    }
    let failure: LicenseExpressionParser.Failure
    do {
      self = .expression(try parser.parse(text))
      return
    } catch {
      failure = error
    }
    if let known = Self.alias(text, catalog: catalog, parser: parser) {
      self = .expression(known)
      return
    }
    let parts = Self.alternatives(text)
    if parts.count > 1 {
      let resolved = parts.compactMap { part in
        (try? parser.parse(part)) ?? Self.alias(part, catalog: catalog, parser: parser)
      }
      if resolved.count == parts.count {
        self = .expression(.any(resolved))
        return
      }
    }
    let looksLikeExpression =
      text.contains("(") || [" AND ", " OR ", " WITH "].contains { upper.contains($0) }
    if looksLikeExpression {
      self = .unparsable(raw: text, reason: failure.description)
    } else {
      self = .expression(.license(Self.reference(for: text)))
    }
  }

  /// The expression, if the field parsed.
  public var expression: LicenseExpression? {
    if case .expression(let expression) = self { return expression }
    return nil
  }

  /// The canonical expression, or the raw text of one that did not parse.
  public var text: String {
    switch self {
    case .expression(let expression): expression.description
    case .unparsable(let raw, _): raw
    }
  }

  private static func alias(
    _ text: String, catalog: LicenseCatalog, parser: LicenseExpressionParser
  ) -> LicenseExpression? {
    catalog.names[LicenseCatalog.aliasKey(text)].flatMap { try? parser.parse($0) }
  }

  /// `MIT/Apache-2.0` (old Cargo manifests), `MIT or Apache 2.0`, `MIT; BSD`.
  private static func alternatives(_ text: String) -> [String] {
    var parts = [text]
    for separator in ["/", " or ", " OR ", ";", " | "] {
      parts = parts.flatMap { $0.components(separatedBy: separator) }
    }
    return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// `LicenseRef-` and the name's letters and digits, other characters as `-`.
  private static func reference(for name: String) -> String {
    var id = ""
    for character in name {
      let keep = character.isASCII && (character.isLetter || character.isNumber || character == ".")
      if keep {
        id.append(character)
      } else if !id.hasSuffix("-") {
        id.append("-")
      }
    }
    let trimmed = id.trimmingCharacters(in: CharacterSet(charactersIn: "-."))
    return "LicenseRef-" + (trimmed.isEmpty ? "unnamed" : String(trimmed.prefix(64)))
  }
}
