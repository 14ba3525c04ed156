import Foundation

@testable import ParapetLicenses

/// SPDX license expressions, read as a package's license field is read (aliases, `A/B` lists,
/// `WITH` exceptions, and a distribution's short names) and evaluated against a policy, and license texts matched against the SPDX
/// catalog.
enum LicenseTargets {
  static let all = [
    FuzzTarget(
      "spdx-expression", seeds: { $0 == "license-expression" },
      prepare: { _ = evaluator },
      run: { bytes in
        // As a lockfile's field, and as a distribution's (short names, lowercase operators).
        let text = String(decoding: bytes, as: UTF8.self)
        for shortNames in [false, true] {
          guard case .expression(let expression)? = DeclaredLicense(text, shortNames: shortNames)
          else { continue }
          _ = evaluator.evaluate(expression)
          _ = expression.licenses
        }
      }),
    FuzzTarget(
      "license-text",
      seeds: { ["LICENSE", "LICENSE.txt", "LICENSE.md", "COPYING"].contains($0) },
      prepare: { _ = matcher },
      run: { bytes in _ = try? matcher.match(Data(bytes)) }),
  ]

  private static let evaluator = PolicyEvaluator(
    allow: ["permissive", "Apache-2.0 WITH LLVM-exception"], deny: ["strong-copyleft"],
    catalog: .embedded)

  private static let matcher = LicenseTextMatcher(catalog: .embedded)
}
