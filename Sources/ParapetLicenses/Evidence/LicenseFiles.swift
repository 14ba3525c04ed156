import Foundation
import ParapetCore

/// License files in a folder, matched against the SPDX texts.
public struct LicenseFiles: Sendable {
  /// Creates a reader. The license texts are prepared on the first license file found, so a
  /// tree without any costs nothing.
  public init() {}

  /// Whether a file name is one a license is kept under: `LICENSE*`, `LICENCE*`, `COPYING*`,
  /// `UNLICENSE`, `NOTICE`, in any case, with any extension.
  public static func isLicenseFileName(_ name: String) -> Bool {
    let lower = name.lowercased()
    return ["license", "licence", "copying", "unlicense", "notice"].contains { lower.hasPrefix($0) }
  }

  /// The licenses of the files in a folder that match a license text.
  /// - Parameters:
  ///   - folder: the folder (not descended into).
  ///   - notices: receives a note for each empty, oversized or unreadable license file.
  /// - Returns: evidence per matched file, in name order.
  func evidence(in folder: EvidenceFolder, notices: inout [Notice]) -> [LicenseEvidence] {
    var evidence: [LicenseEvidence] = []
    for entry in folder.source.list(folder.path) where Self.isLicenseFileName(entry.path.name) {
      guard entry.kind != .folder else { continue }
      let shown = folder.display(entry.path)
      let data: Data
      do {
        // One byte past the limit tells an oversized file without reading it whole.
        data = Data(
          try folder.source.read(entry.path, limit: LicenseTextMatcher.maximumBytes))
      } catch .tooLarge {
        data = Data(count: LicenseTextMatcher.maximumBytes + 1)
      } catch {
        notices.append(Notice(.warning, "license file \(error.detail)", path: shown))
        continue
      }
      do throws(LicenseTextMatcher.Problem) {
        if let match = try LicenseTextMatcher.embedded.match(data) {
          evidence.append(
            LicenseEvidence(
              source: .file, path: shown, license: .expression(.license(match.license)),
              confidence: match.confidence))
        }
      } catch {
        switch error {
        case .empty: notices.append(Notice(.note, "empty license file", path: shown))
        case .tooLarge:
          let limit = LicenseTextMatcher.maximumBytes / 1024
          notices.append(
            Notice(
              .note, "license file larger than \(limit) KiB is not a license text; skipped",
              path: shown))
        }
      }
    }
    return evidence
  }
}
