import Foundation

/// The published figures of CVSS v4.0's scoring (FIRST, specification section 8), from
/// `rules/deps/cvss4.json`: the 270 MacroVector scores, the highest-severity vectors of each
/// equivalence-set level, and each level's depth in severity distance.
struct CVSS4Tables: Decodable, Sendable {
  private let macrovectorScores: [String: Double]
  private let maxComposed: MaxComposed
  private let maxSeverity: MaxSeverity

  private struct MaxComposed: Decodable, Sendable {
    let eq1, eq2, eq4, eq5: [String: [String]]
    /// By EQ3 level, then EQ6 level.
    let eq3: [String: [String: [String]]]
  }

  private struct MaxSeverity: Decodable, Sendable {
    let eq1, eq2, eq4: [String: Double]
    /// By EQ3 level, then EQ6 level.
    let eq3eq6: [String: [String: Double]]
  }

  /// The embedded tables; a build whose tests passed always has them.
  static let shared: CVSS4Tables = {
    guard let file = EmbeddedRules.files.first(where: { $0.path == "rules/deps/cvss4.json" }),
      let tables = try? JSONDecoder().decode(CVSS4Tables.self, from: Data(file.text.utf8))
    else { preconditionFailure("rules/deps/cvss4.json is not embedded or does not decode") }
    return tables
  }()

  /// The score of a MacroVector.
  /// - Parameter levels: the six equivalence-set levels.
  /// - Returns: its score, or nil when no such MacroVector exists.
  func score(_ levels: [Int]) -> Double? {
    macrovectorScores[levels.map(String.init).joined()]
  }

  /// The highest-severity vectors of a MacroVector.
  /// - Parameter levels: the six equivalence-set levels.
  /// - Returns: metric → value maps in the specification's order: every combination of the
  ///   sets' maxima, EQ1's varying slowest.
  func maxima(_ levels: [Int]) -> [[String: String]] {
    let sets = [
      maxComposed.eq1["\(levels[0])"] ?? [], maxComposed.eq2["\(levels[1])"] ?? [],
      maxComposed.eq3["\(levels[2])"]?["\(levels[5])"] ?? [],
      maxComposed.eq4["\(levels[3])"] ?? [], maxComposed.eq5["\(levels[4])"] ?? [],
    ]
    var combined = [""]
    for set in sets {
      combined = combined.flatMap { prefix in set.map { prefix + $0 } }
    }
    return combined.map { vector in
      var metrics: [String: String] = [:]
      for pair in vector.split(separator: "/") {
        let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
        if parts.count == 2 { metrics[parts[0]] = parts[1] }
      }
      return metrics
    }
  }

  /// How deep in severity distance a MacroVector's levels reach.
  /// - Parameter levels: the six equivalence-set levels.
  /// - Returns: the depths of its EQ1, EQ2, EQ3 with EQ6, and EQ4 levels.
  func depths(_ levels: [Int]) -> [Double] {
    [
      maxSeverity.eq1["\(levels[0])"] ?? 0, maxSeverity.eq2["\(levels[1])"] ?? 0,
      maxSeverity.eq3eq6["\(levels[2])"]?["\(levels[5])"] ?? 0,
      maxSeverity.eq4["\(levels[3])"] ?? 0,
    ]
  }
}
