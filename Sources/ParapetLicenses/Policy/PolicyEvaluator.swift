/// Evaluates a license expression against a policy, as SPDX defines the operators: an `OR`
/// passes when one branch passes (the user may choose it), an `AND` only when every part does.
struct PolicyEvaluator {
  /// The outcome for an expression, worst first when compared.
  struct Verdict: Equatable {
    enum Kind: Int, Comparable {
      case allowed, proprietary, unknown, notAllowed, denied

      static func < (lhs: Kind, rhs: Kind) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    var kind: Kind
    /// The licenses that decided the outcome.
    var licenses: [String]
  }

  private let allow: Set<String>
  private let deny: Set<String>
  private let catalog: LicenseCatalog
  private let list: LicenseList

  /// Creates an evaluator.
  /// - Parameters:
  ///   - allow: ids, `X WITH Y` pairs and category names that pass; empty for "all not denied".
  ///   - deny: ids and category names that fail.
  ///   - catalog: the categories.
  ///   - list: the SPDX list, to tell known ids from unknown ones.
  init(allow: [String], deny: [String], catalog: LicenseCatalog, list: LicenseList = .embedded) {
    self.allow = Set(allow.map { $0.lowercased() })
    self.deny = Set(deny.map { $0.lowercased() })
    self.catalog = catalog
    self.list = list
  }

  func evaluate(_ expression: LicenseExpression) -> Verdict {
    switch expression {
    case .license(let id, _): return leaf(id)
    case .exception(let base, let exception):
      if allow.contains("\(base) WITH \(exception)".lowercased()) {
        return Verdict(kind: .allowed, licenses: [expression.description])
      }
      return evaluate(base)
    case .all(let operands): return combine(operands.map(evaluate), pick: max)
    case .any(let operands): return combine(operands.map(evaluate), pick: min)
    }
  }

  private func leaf(_ id: String) -> Verdict {
    let names = [id.lowercased(), catalog.category(of: id)?.name].compactMap { $0 }
    let kind: Verdict.Kind
    if names.contains(where: deny.contains) {
      kind = .denied
    } else if names.contains(where: allow.contains) {
      kind = .allowed
    } else if !allow.isEmpty {
      kind = .notAllowed
    } else if catalog.category(of: id)?.name == "proprietary" {
      kind = .proprietary
    } else {
      let known = catalog.category(of: id) != nil || list.license(id) != nil
      kind = known ? .allowed : .unknown
    }
    return Verdict(kind: kind, licenses: [id])
  }

  private func combine(_ verdicts: [Verdict], pick: (Verdict.Kind, Verdict.Kind) -> Verdict.Kind)
    -> Verdict
  {
    let kind = verdicts.map(\.kind).dropFirst().reduce(verdicts[0].kind, pick)
    let licenses = verdicts.filter { $0.kind == kind }.flatMap(\.licenses)
    return Verdict(kind: kind, licenses: Array(Set(licenses)).sorted())
  }
}
