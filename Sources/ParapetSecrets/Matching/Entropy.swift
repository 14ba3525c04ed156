import Foundation

/// Shannon entropy in bits per byte, the measure gitleaks' `entropy` thresholds use.
enum Entropy {
  /// The entropy of bytes.
  /// - Parameter bytes: the secret.
  /// - Returns: 0 for empty input.
  static func shannon<C: Collection>(_ bytes: C) -> Double where C.Element == UInt8 {
    guard !bytes.isEmpty else { return 0 }
    var counts = [Int](repeating: 0, count: 256)
    for byte in bytes { counts[Int(byte)] += 1 }
    let total = Double(bytes.count)
    var entropy = 0.0
    for count in counts where count > 0 {
      let p = Double(count) / total
      entropy -= p * log2(p)
    }
    return entropy
  }
}
