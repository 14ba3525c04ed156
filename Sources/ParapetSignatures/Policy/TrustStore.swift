import Foundation
import ParapetCore

/// The keys a policy trusts, loaded once before the job runs so that a file that does not parse
/// stops the run with its name and line (exit 2).
struct TrustStore: Sendable {
  let allowedSigners: AllowedSigners
  let revokedKeys: Set<[UInt8]>
  let keyRing: OpenPGPKeyRing
  /// What was skipped in the key files, for notices.
  let problems: [String]

  /// Loads the policy's files.
  /// - Parameter policy: names the files.
  /// - Throws: `ParapetCoreError` for a missing file or a line that does not parse.
  init(_ policy: SignaturePolicy) throws {
    if let url = policy.allowedSigners {
      allowedSigners = try AllowedSigners(text: try Self.text(url), path: url.path)
    } else {
      allowedSigners = try AllowedSigners(text: "", path: "")
    }
    var revoked = Set<[UInt8]>()
    if let url = policy.revokedKeys {
      let data = try Self.data(url)
      if data.starts(with: Array("SSHKRL".utf8)) {
        throw ParapetCoreError.invalidConfiguration(
          SourceLocation(path: url.path, line: 1),
          "binary key revocation lists (KRL) are not read; list the revoked public keys one per line"
        )
      }
      for (index, line) in String(decoding: data, as: UTF8.self)
        .split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { continue }
        guard let key = SSHPublicKey(text: Substring(trimmed)) else {
          throw ParapetCoreError.invalidConfiguration(
            SourceLocation(path: url.path, line: index + 1), "not an SSH public key")
        }
        revoked.insert(key.blob)
      }
    }
    revokedKeys = revoked
    var ring = OpenPGPKeyRing()
    for url in policy.openPGPKeys {
      var isDirectory: ObjCBool = false
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
        throw ParapetCoreError.io(path: url.path, "no such OpenPGP key file or folder")
      }
      let files =
        isDirectory.boolValue
        ? ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted().map {
          url.appendingPathComponent($0)
        } : [url]
      for file in files { ring.add(Array(try Self.data(file)), source: file.path) }
    }
    keyRing = ring
    problems = ring.problems
  }

  private static func data(_ url: URL) throws -> Data {
    guard let data = FileManager.default.contents(atPath: url.path) else {
      throw ParapetCoreError.io(path: url.path, "cannot read file")
    }
    return data
  }

  private static func text(_ url: URL) throws -> String {
    String(decoding: try data(url), as: UTF8.self)
  }
}
