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
  ///   - displayPath: turns a file URL into the path reports show.
  ///   - notices: receives a note for each empty, oversized or unreadable license file.
  /// - Returns: evidence per matched file, in name order.
  public func evidence(
    in folder: URL, displayPath: (URL) -> String, notices: inout [Notice]
  ) -> [LicenseEvidence] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var evidence: [LicenseEvidence] = []
    for name in names.sorted() where Self.isLicenseFileName(name) {
      let file = folder.appendingPathComponent(name)
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      let shown = displayPath(file)
      guard let data = Self.read(file) else {
        notices.append(Notice(.warning, "cannot read the license file", path: shown))
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

  /// Reads at most one byte past the limit, so that a huge file is not loaded whole.
  private static func read(_ file: URL) -> Data? {
    guard let handle = try? FileHandle(forReadingFrom: file) else { return nil }
    defer { try? handle.close() }
    return try? handle.read(upToCount: LicenseTextMatcher.maximumBytes + 1) ?? Data()
  }
}
