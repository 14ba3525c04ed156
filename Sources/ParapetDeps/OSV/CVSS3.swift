import Foundation

/// The base score of a CVSS v3.0/3.1 vector, computed with the specification's formula.
enum CVSS3 {
  /// The base score.
  /// - Parameter vector: such as `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`.
  /// - Returns: 0.0 to 10.0, or nil when the vector is not a complete v3 base vector.
  static func baseScore(_ vector: String) -> Double? {
    guard vector.hasPrefix("CVSS:3.") else { return nil }
    var metrics: [String: String] = [:]
    for part in vector.split(separator: "/").dropFirst() {
      let pair = part.split(separator: ":", maxSplits: 1).map(String.init)
      if pair.count == 2 { metrics[pair[0]] = pair[1] }
    }
    let changed = metrics["S"] == "C"
    guard let av = ["N": 0.85, "A": 0.62, "L": 0.55, "P": 0.2][metrics["AV"] ?? ""],
      let ac = ["L": 0.77, "H": 0.44][metrics["AC"] ?? ""],
      let pr = (changed ? ["N": 0.85, "L": 0.68, "H": 0.5] : ["N": 0.85, "L": 0.62, "H": 0.27])[
        metrics["PR"] ?? ""],
      let ui = ["N": 0.85, "R": 0.62][metrics["UI"] ?? ""],
      let c = impact(metrics["C"]), let i = impact(metrics["I"]), let a = impact(metrics["A"]),
      metrics["S"] == "U" || changed
    else { return nil }
    let iss = 1 - (1 - c) * (1 - i) * (1 - a)
    let impactScore = changed ? 7.52 * (iss - 0.029) - 3.25 * pow(iss - 0.02, 15) : 6.42 * iss
    guard impactScore > 0 else { return 0 }
    let exploitability = 8.22 * av * ac * pr * ui
    return roundUp(min((changed ? 1.08 : 1) * (impactScore + exploitability), 10))
  }

  private static func impact(_ value: String?) -> Double? {
    ["H": 0.56, "L": 0.22, "N": 0][value ?? ""]
  }

  /// CVSS 3.1's Roundup: the smallest number with one decimal at or above the input, computed
  /// on integers to avoid floating-point surprises.
  private static func roundUp(_ value: Double) -> Double {
    let scaled = Int((value * 100_000).rounded())
    return scaled % 10_000 == 0 ? Double(scaled) / 100_000 : (Double(scaled / 10_000) + 1) / 10
  }
}
