import Foundation
import ParapetCore

/// The secrets a detect-secrets baseline (`.secrets.baseline`) accepts, so that a project moving
/// from detect-secrets keeps its audited decisions, as `.gitleaksignore` is kept for gitleaks.
///
/// The baseline lists, per file, the SHA-1 of each secret it saw (`hashed_secret`). An entry
/// audited as a real secret (`"is_secret": true`) is not accepted: it still needs removing.
/// Line numbers are not compared; they drift with every edit above a secret.
struct DetectSecretsBaseline {
  static let fileName = ".secrets.baseline"

  private var accepted: Set<Key> = []

  private struct Key: Hashable {
    let path: String
    let hashedSecret: String
  }

  /// Reads the baseline at the root of a source, if there is one.
  /// - Parameter source: the scanned tree.
  /// - Returns: the baseline (empty when there is none) and a warning when it cannot be used.
  static func read(from source: any FileSource) -> (DetectSecretsBaseline, Notice?) {
    guard let path = SourcePath(fileName), source.isFile(path) else {
      return (DetectSecretsBaseline(), nil)
    }
    do {
      return (try DetectSecretsBaseline(json: try source.read(path)), nil)
    } catch {
      let notice = Notice(
        .warning, "not a detect-secrets baseline, so none of it is accepted: \(error)",
        path: fileName)
      return (DetectSecretsBaseline(), notice)
    }
  }

  /// Decodes a baseline.
  /// - Parameter json: the file's bytes.
  /// - Throws: when it is not JSON with a `results` object of lists.
  init(json: [UInt8]) throws {
    let object = try JSONSerialization.jsonObject(with: Data(json))
    guard let results = (object as? [String: Any])?["results"] as? [String: Any] else {
      throw ParapetSecretsError.cannotScan("it has no \"results\" object")
    }
    for (path, entries) in results {
      for entry in entries as? [[String: Any]] ?? [] where entry["is_secret"] as? Bool != true {
        guard let hashed = entry["hashed_secret"] as? String else { continue }
        accepted.insert(Key(path: path, hashedSecret: hashed.lowercased()))
      }
    }
  }

  private init() {}

  var isEmpty: Bool { accepted.isEmpty }

  /// Whether the baseline accepts a secret found at a path.
  /// - Parameters:
  ///   - secret: the secret's bytes.
  ///   - path: its root-relative path.
  /// - Returns: true when the file's entries hold the secret's SHA-1.
  func accepts(_ secret: [UInt8], at path: String) -> Bool {
    accepted.contains(Key(path: path, hashedSecret: Fingerprint.sha1Hex(secret)))
  }
}
