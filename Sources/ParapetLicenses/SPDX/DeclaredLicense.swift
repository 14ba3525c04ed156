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
  ///   - shortNames: whether the field is a distribution's, which writes short names with
  ///     versions and lowercase operators (Debian's copyright files, rpm's License tag): then
  ///     what does not parse is translated name by name rather than called unparsable.
  ///   - catalog: the aliases.
  ///   - parser: the expression parser.
  public init?(
    _ raw: String, shortNames: Bool = false, catalog: LicenseCatalog = .embedded,
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
    if shortNames, let translated = Self.translated(text, catalog: catalog, parser: parser) {
      self = .expression(translated)
      return
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

  /// A field of short names and lowercase operators, as Debian's copyright files and rpm spec
  /// files write them (`GPL-2+ and BSD-3-clause`, `Artistic or GPL-1+`, `GPLv2+ with
  /// exceptions`): each name through the SPDX list, the aliases and the versioned short names
  /// (an unknown one becomes a `LicenseRef-`), `and`, `or` and `and/or` as SPDX's operators.
  /// An exception (`with Bison exception`) only adds permissions, so the license without it,
  /// the stricter reading, is what is kept. Nil when the result is still no expression.
  private static func translated(
    _ text: String, catalog: LicenseCatalog, parser: LicenseExpressionParser
  ) -> LicenseExpression? {
    let words = text.replacingOccurrences(of: "(", with: " ( ")
      .replacingOccurrences(of: ")", with: " ) ").split(whereSeparator: \.isWhitespace)
      .map(String.init)
    let operators: Set<String> = ["and", "or", "and/or", "(", ")"]
    var out: [String] = []
    var index = 0
    while index < words.count {
      let word = words[index]
      switch word.lowercased() {
      case "and": out.append("AND")
      case "or", "and/or": out.append("OR")
      case "(", ")": out.append(word)
      case "with":
        // The exception's words, up to `exception(s)` or the next operator.
        index += 1
        while index < words.count, !operators.contains(words[index].lowercased()) {
          index += 1
          if words[index - 1].lowercased().hasPrefix("exception") { break }
        }
        continue
      default:
        out.append(name(word, catalog: catalog, parser: parser))
      }
      index += 1
    }
    // One name alone is translated only when it is a known one (`GPL-2`).
    guard
      out.contains(where: { $0 == "AND" || $0 == "OR" })
        || (out.count == 1 && !out[0].hasPrefix("LicenseRef-"))
    else { return nil }
    return try? parser.parse(out.joined(separator: " "))
  }

  /// One short name as SPDX: a listed id in its own case, an alias (in parentheses, as it may
  /// be an expression), a versioned short name, or a `LicenseRef-`.
  private static func name(
    _ word: String, catalog: LicenseCatalog, parser: LicenseExpressionParser
  ) -> String {
    if let listed = LicenseList.embedded.license(word) { return listed.id }
    if let alias = catalog.names[LicenseCatalog.aliasKey(word)] { return "(\(alias))" }
    return versioned(word, catalog: catalog) ?? reference(for: word)
  }

  /// `GPL-2+` as `GPL-2.0-or-later`, `LGPL-2.1` as `LGPL-2.1-only`, `Apache-2` as `Apache-2.0`;
  /// nil when the name is no known stem with a version, or SPDX has no such id.
  private static func versioned(_ word: String, catalog: LicenseCatalog) -> String? {
    let lower = word.lowercased()
    for key in catalog.versionedStems where lower.hasPrefix(key) {
      var rest = lower.dropFirst(key.count)
      if rest.first == "-" { rest = rest.dropFirst() }
      if rest.first == "v" { rest = rest.dropFirst() }
      let orLater = rest.hasSuffix("+")
      if orLater { rest = rest.dropLast() }
      guard let first = rest.first, first.isNumber,
        rest.allSatisfy({ $0.isNumber || $0 == "." || $0.isLetter }),
        let entry = catalog.versioned[key]
      else { continue }
      let version = String(rest)
      for written in version.contains(".") ? [version] : [version + ".0", version] {
        let base = entry.stem + "-" + written + (entry.suffix ?? "")
        let candidate =
          entry.orLater == true ? base + (orLater ? "-or-later" : "-only") : base
        if let listed = LicenseList.embedded.license(candidate) { return listed.id }
      }
    }
    return nil
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
