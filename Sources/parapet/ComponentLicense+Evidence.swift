import Foundation
import ParapetCore
import ParapetDeps
import ParapetLicenses
import ParapetSBOM

extension ComponentLicense {
  /// The licenses of every locked package, by purl, from the same evidence the licenses job
  /// reads: lockfile fields, installed metadata, license files.
  /// - Parameters:
  ///   - lockfiles: what ParapetDeps read.
  ///   - source: the scanned files.
  ///   - notices: receives notes about unreadable license files.
  /// - Returns: the license of each package whose evidence names one.
  static func byPurl(_ lockfiles: [Lockfile], source: any FileSource, notices: inout [Notice])
    -> [String: ComponentLicense]
  {
    let resolved = PackageLicenseResolver(source: source).resolve(
      lockfiles.flatMap(\.packages), notices: &notices)
    var licenses: [String: ComponentLicense] = [:]
    for item in resolved {
      guard let evidence = item.evidence.first, licenses[item.package.purl] == nil else {
        continue
      }
      licenses[item.package.purl] = ComponentLicense(evidence)
    }
    return licenses
  }

  /// The SBOM form of the evidence's license.
  init(_ evidence: LicenseEvidence) {
    switch evidence.license {
    case .unparsable(let raw, _):
      self.init(expression: nil, cycloneDXID: nil, name: raw)
    case .expression(let expression):
      var cycloneDXID: String?
      if case .license(let id, false) = expression,
        LicenseList.embedded.license(id)?.inCycloneDXEnum == true
      {
        cycloneDXID = id
      }
      let references = expression.licenses.filter { $0.hasPrefix("LicenseRef-") }.map {
        ($0, "Named by \(evidence.summary)")
      }
      self.init(
        expression: expression.description, cycloneDXID: cycloneDXID, name: nil,
        references: Dictionary(references, uniquingKeysWith: { first, _ in first }))
    }
  }
}
