/// Parses SPDX license expressions against the SPDX License List. Operators bind as the
/// specification says: `+` tightest, then `WITH`, `AND`, and `OR` loosest.
public struct LicenseExpressionParser: Sendable {
  /// Why an expression does not parse.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    public var description: String
  }

  private let list: LicenseList

  /// Creates a parser.
  /// - Parameter list: the license list ids are checked against.
  public init(list: LicenseList = .embedded) {
    self.list = list
  }

  /// Parses an expression. Ids come back in the list's spelling; the deprecated GNU ids
  /// (`GPL-2.0`, `GPL-2.0+`, `LGPL-2.1+`) come back as their `-only` and `-or-later` forms.
  /// Operators are accepted in lower case too, as package metadata often writes them.
  /// - Parameter text: the expression.
  /// - Returns: the expression tree.
  /// - Throws: `Failure` naming the token that does not fit.
  public func parse(_ text: String) throws(Failure) -> LicenseExpression {
    var cursor = Cursor(tokens: Self.tokens(text))
    guard !cursor.atEnd else { throw Failure(description: "empty license expression") }
    let expression = try parseOr(&cursor)
    if let extra = cursor.peek {
      throw Failure(description: "unexpected '\(extra)' in license expression '\(text)'")
    }
    return expression
  }

  private struct Cursor {
    var tokens: [String]
    var index = 0
    var atEnd: Bool { index >= tokens.count }
    var peek: String? { atEnd ? nil : tokens[index] }
    mutating func next() -> String? {
      defer { index += 1 }
      return peek
    }
    mutating func take(operator name: String) -> Bool {
      guard let token = peek, token.uppercased() == name else { return false }
      index += 1
      return true
    }
  }

  private static func tokens(_ text: String) -> [String] {
    var tokens: [String] = []
    var word = ""
    for character in text {
      if character == "(" || character == ")" || character.isWhitespace {
        if !word.isEmpty { tokens.append(word) }
        word = ""
        if !character.isWhitespace { tokens.append(String(character)) }
      } else {
        word.append(character)
      }
    }
    if !word.isEmpty { tokens.append(word) }
    return tokens
  }

  private func parseOr(_ cursor: inout Cursor) throws(Failure) -> LicenseExpression {
    var operands = [try parseAnd(&cursor)]
    while cursor.take(operator: "OR") { operands.append(try parseAnd(&cursor)) }
    return operands.count == 1 ? operands[0] : .any(operands)
  }

  private func parseAnd(_ cursor: inout Cursor) throws(Failure) -> LicenseExpression {
    var operands = [try parseWith(&cursor)]
    while cursor.take(operator: "AND") { operands.append(try parseWith(&cursor)) }
    return operands.count == 1 ? operands[0] : .all(operands)
  }

  private func parseWith(_ cursor: inout Cursor) throws(Failure) -> LicenseExpression {
    let base = try parseTerm(&cursor)
    guard cursor.take(operator: "WITH") else { return base }
    guard case .license = base else {
      throw Failure(description: "WITH must follow a single license")
    }
    guard let name = cursor.next() else {
      throw Failure(description: "WITH needs an exception id")
    }
    guard let exception = list.exception(name) else {
      throw Failure(description: "unknown license exception '\(name)'")
    }
    return .exception(base, exception.id)
  }

  private func parseTerm(_ cursor: inout Cursor) throws(Failure) -> LicenseExpression {
    guard let token = cursor.next() else {
      throw Failure(description: "license expression ends where a license was expected")
    }
    if token == "(" {
      let inner = try parseOr(&cursor)
      guard cursor.next() == ")" else { throw Failure(description: "missing ')'") }
      return inner
    }
    guard !["AND", "OR", "WITH", ")"].contains(token.uppercased()) else {
      throw Failure(description: "unexpected '\(token)' where a license was expected")
    }
    return try license(token)
  }

  private func license(_ token: String) throws(Failure) -> LicenseExpression {
    let plus = token.hasSuffix("+")
    let id = plus ? String(token.dropLast()) : token
    if LicenseExpression.isReference(id) {
      guard Self.isReferenceWellFormed(id) else {
        throw Failure(description: "malformed license reference '\(token)'")
      }
      return .license(id, orLater: plus)
    }
    guard let entry = list.license(id) else {
      throw Failure(description: "unknown license id '\(id)'")
    }
    // The GNU family split `GPL-2.0` into `GPL-2.0-only` and `GPL-2.0-or-later` (list 3.0).
    let form = plus ? "-or-later" : "-only"
    if entry.deprecated, let current = list.license(entry.id + form) {
      return .license(current.id)
    }
    if plus, let current = list.license(entry.id.replacingSuffix("-only", with: "-or-later")),
      current.id != entry.id
    {
      return .license(current.id)
    }
    return .license(entry.id, orLater: plus)
  }

  private static func isReferenceWellFormed(_ id: String) -> Bool {
    let parts = id.split(separator: ":", omittingEmptySubsequences: false)
    let reference = parts.last ?? ""
    guard parts.count <= 2, reference.hasPrefix("LicenseRef-"), reference.count > 11 else {
      return false
    }
    if parts.count == 2 && !(parts[0].hasPrefix("DocumentRef-") && parts[0].count > 12) {
      return false
    }
    return id.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-.:".contains($0)) }
  }
}

extension String {
  fileprivate func replacingSuffix(_ suffix: String, with replacement: String) -> String {
    hasSuffix(suffix) ? String(dropLast(suffix.count)) + replacement : self
  }
}
