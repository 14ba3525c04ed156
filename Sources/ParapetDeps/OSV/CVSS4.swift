import Foundation

/// The score of a CVSS v4.0 vector as FIRST's specification (section 8) computes it. A vector's
/// metrics fall into six equivalence sets; their levels name a MacroVector, whose
/// expert-ranked score is looked up in `rules/deps/cvss4.json`; the score is then lowered
/// towards the next-lower MacroVectors in proportion to how far the vector lies, in severity
/// distance, below the highest-severity vectors of its own MacroVector.
///
/// Threat (`E`) and environmental metrics (`CR`, `IR`, `AR` and the modified base metrics)
/// take part; supplemental metrics are read and checked but, as the specification says, do not
/// change the score.
struct CVSS4 {
  /// The score, 0.0 to 10.0 with one decimal.
  let score: Double
  /// The effective value of every metric (modified metrics applied, defaults filled in).
  private let values: [String: String]

  /// Why a vector is not a CVSS v4.0 vector.
  struct Malformed: Error, CustomStringConvertible {
    let description: String
  }

  /// The allowed values of every metric, mandatory base metrics first. `X` is "not defined".
  private static let allowed: [(metric: String, values: Set<String>, mandatory: Bool)] = [
    ("AV", ["N", "A", "L", "P"], true), ("AC", ["L", "H"], true), ("AT", ["N", "P"], true),
    ("PR", ["N", "L", "H"], true), ("UI", ["N", "P", "A"], true), ("VC", ["H", "L", "N"], true),
    ("VI", ["H", "L", "N"], true), ("VA", ["H", "L", "N"], true), ("SC", ["H", "L", "N"], true),
    ("SI", ["H", "L", "N"], true), ("SA", ["H", "L", "N"], true),
    ("E", ["X", "A", "P", "U"], false), ("CR", ["X", "H", "M", "L"], false),
    ("IR", ["X", "H", "M", "L"], false), ("AR", ["X", "H", "M", "L"], false),
    ("MAV", ["X", "N", "A", "L", "P"], false), ("MAC", ["X", "L", "H"], false),
    ("MAT", ["X", "N", "P"], false), ("MPR", ["X", "N", "L", "H"], false),
    ("MUI", ["X", "N", "P", "A"], false), ("MVC", ["X", "H", "L", "N"], false),
    ("MVI", ["X", "H", "L", "N"], false), ("MVA", ["X", "H", "L", "N"], false),
    ("MSC", ["X", "H", "L", "N"], false), ("MSI", ["X", "S", "H", "L", "N"], false),
    ("MSA", ["X", "S", "H", "L", "N"], false), ("S", ["X", "N", "P"], false),
    ("AU", ["X", "N", "Y"], false), ("R", ["X", "A", "U", "I"], false),
    ("V", ["X", "D", "C"], false), ("RE", ["X", "L", "M", "H"], false),
    ("U", ["X", "Clear", "Green", "Amber", "Red"], false),
  ]

  /// Parses and scores a vector.
  /// - Parameter vector: such as `CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N`.
  /// - Throws: `Malformed` naming what is wrong: another version, an unknown metric or value, a
  ///   metric given twice, or a base metric missing.
  init(_ vector: String) throws(Malformed) {
    var parts = vector.split(separator: "/", omittingEmptySubsequences: false)
    guard parts.first == "CVSS:4.0" else { throw Malformed(description: "not a CVSS:4.0 vector") }
    parts.removeFirst()
    var given: [String: String] = [:]
    for part in parts {
      let pair = part.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
      guard pair.count == 2 else { throw Malformed(description: "'\(part)' is not METRIC:VALUE") }
      let (metric, value) = (String(pair[0]), String(pair[1]))
      guard let rule = Self.allowed.first(where: { $0.metric == metric }) else {
        throw Malformed(description: "unknown metric '\(metric)'")
      }
      guard rule.values.contains(value) else {
        throw Malformed(description: "'\(value)' is not a value of \(metric)")
      }
      guard given.updateValue(value, forKey: metric) == nil else {
        throw Malformed(description: "\(metric) is given twice")
      }
    }
    for rule in Self.allowed where rule.mandatory && given[rule.metric] == nil {
      throw Malformed(description: "the base metric \(rule.metric) is missing")
    }
    values = Self.effective(given)
    score = Self.score(values)
  }

  /// The severity rating of the score: None (0.0) is `info`.
  var severity: String {
    switch score {
    case 9...: "critical"
    case 7..<9: "high"
    case 4..<7: "medium"
    case 0.1..<4: "low"
    default: "none"
    }
  }

  /// Modified metrics replace their base metrics; `E`, `CR`, `IR` and `AR` not defined count as
  /// their highest-severity value (`A`, `H`).
  private static func effective(_ given: [String: String]) -> [String: String] {
    var values = given
    for metric in ["AV", "AC", "AT", "PR", "UI", "VC", "VI", "VA", "SC", "SI", "SA"] {
      if let modified = given["M" + metric], modified != "X" { values[metric] = modified }
    }
    for (metric, worst) in [("E", "A"), ("CR", "H"), ("IR", "H"), ("AR", "H")]
    where (given[metric] ?? "X") == "X" {
      values[metric] = worst
    }
    return values
  }

  // MARK: Equivalence sets

  /// The levels of the six equivalence sets.
  private static func levels(_ v: [String: String]) -> [Int] {
    let eq1: Int
    if v["AV"] == "N" && v["PR"] == "N" && v["UI"] == "N" {
      eq1 = 0
    } else if (v["AV"] == "N" || v["PR"] == "N" || v["UI"] == "N") && v["AV"] != "P" {
      eq1 = 1
    } else {
      eq1 = 2
    }
    let eq2 = v["AC"] == "L" && v["AT"] == "N" ? 0 : 1
    let eq3: Int
    if v["VC"] == "H" && v["VI"] == "H" {
      eq3 = 0
    } else if v["VC"] == "H" || v["VI"] == "H" || v["VA"] == "H" {
      eq3 = 1
    } else {
      eq3 = 2
    }
    let eq4: Int
    if v["SI"] == "S" || v["SA"] == "S" {
      eq4 = 0
    } else if v["SC"] == "H" || v["SI"] == "H" || v["SA"] == "H" {
      eq4 = 1
    } else {
      eq4 = 2
    }
    let eq5 = ["A": 0, "P": 1, "U": 2][v["E"] ?? "A"] ?? 0
    let eq6 =
      (v["CR"] == "H" && v["VC"] == "H") || (v["IR"] == "H" && v["VI"] == "H")
        || (v["AR"] == "H" && v["VA"] == "H") ? 0 : 1
    return [eq1, eq2, eq3, eq4, eq5, eq6]
  }

  /// Each metric value's depth in severity, in steps of 0.1: the most severe value is 0.
  private static let depth: [String: [String: Double]] = [
    "AV": ["N": 0, "A": 1, "L": 2, "P": 3], "PR": ["N": 0, "L": 1, "H": 2],
    "UI": ["N": 0, "P": 1, "A": 2], "AC": ["L": 0, "H": 1], "AT": ["N": 0, "P": 1],
    "VC": ["H": 0, "L": 1, "N": 2], "VI": ["H": 0, "L": 1, "N": 2], "VA": ["H": 0, "L": 1, "N": 2],
    "SC": ["H": 1, "L": 2, "N": 3], "SI": ["S": 0, "H": 1, "L": 2, "N": 3],
    "SA": ["S": 0, "H": 1, "L": 2, "N": 3], "CR": ["H": 0, "M": 1, "L": 2],
    "IR": ["H": 0, "M": 1, "L": 2], "AR": ["H": 0, "M": 1, "L": 2], "E": ["A": 0, "P": 1, "U": 2],
  ]

  /// The metrics whose severity distance each set measures (EQ3 and EQ6 together).
  private static let distanceMetrics = [
    ["AV", "PR", "UI"], ["AC", "AT"], ["VC", "VI", "VA", "CR", "IR", "AR"], ["SC", "SI", "SA"],
  ]

  private static func score(_ v: [String: String]) -> Double {
    guard ["VC", "VI", "VA", "SC", "SI", "SA"].contains(where: { v[$0] != "N" }) else { return 0 }
    let tables = CVSS4Tables.shared
    let eq = levels(v)
    guard let value = tables.score(eq) else { return 0 }

    // The next-lower MacroVector of each set; EQ3 and EQ6 step together, as the specification
    // orders their combinations.
    func lower(_ index: Int) -> Double? {
      var next = eq
      next[index] += 1
      return tables.score(next)
    }
    let lowerEQ3EQ6: Double?
    switch (eq[2], eq[5]) {
    case (0, 0):
      var left = eq
      left[5] += 1
      var right = eq
      right[2] += 1
      lowerEQ3EQ6 = [tables.score(left), tables.score(right)].compactMap { $0 }.max()
    case (1, 0):
      var next = eq
      next[5] += 1
      lowerEQ3EQ6 = tables.score(next)
    default:
      var next = eq
      next[2] += 1
      lowerEQ3EQ6 = tables.score(next)
    }
    let available = [lower(0), lower(1), lowerEQ3EQ6, lower(3), lower(4)].map {
      $0.map { value - $0 }
    }

    // The distance of the vector below the first highest-severity vector of its MacroVector
    // that it does not exceed in any metric.
    let maxima = tables.maxima(eq)
    guard
      let highest = maxima.first(where: { maximum in
        maximum.allSatisfy { metric, top in distance(v, metric, from: top) >= 0 }
      })
    else { return value }
    let current = distanceMetrics.map { metrics in
      metrics.reduce(0) { $0 + distance(v, $1, from: highest[$1] ?? "") }
    }
    let depths = tables.depths(eq)

    var lowered = 0.0
    var existing = 0
    for index in 0..<5 {
      guard let gap = available[index] else { continue }
      existing += 1
      // EQ5 (threat) has no depth within its MacroVector: it adds only to the count.
      if index < 4, depths[index] > 0 {
        lowered += gap * current[index] * 0.1 / (depths[index] * 0.1)
      }
    }
    let result = existing == 0 ? value : value - lowered / Double(existing)
    return rounded(min(max(result, 0), 10))
  }

  /// How far a metric's value lies below `top` in severity, in steps of 0.1.
  private static func distance(_ v: [String: String], _ metric: String, from top: String) -> Double
  {
    guard let levels = depth[metric], let value = levels[v[metric] ?? ""], let best = levels[top]
    else { return 0 }
    return value - best
  }

  /// One decimal, halves rounded up; the nudge absorbs binary fractions such as 4.4999999.
  private static func rounded(_ score: Double) -> Double {
    ((score * 10) + 1e-6).rounded(.toNearestOrAwayFromZero) / 10
  }
}
