import Foundation

/// Findings the user has dismissed by listing them in `.parapetignore` or `.gitleaksignore`.
///
/// A line is either a Parapet fingerprint (32 hex digits) or a gitleaks fingerprint,
/// `[commit:]path:rule-id:line`, so that an existing `.gitleaksignore` works unchanged.
public struct IgnoreList: Sendable {
  private var fingerprints: Set<String> = []
  private var gitleaksEntries: Set<String> = []

  /// Creates an empty list.
  public init() {}

  /// Reads an ignore file; `#` starts a comment.
  /// - Parameter text: the file's content.
  public mutating func add(fileText text: String) {
    for rawLine in text.split(whereSeparator: \.isNewline) {
      let line =
        rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
        .first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
      guard !line.isEmpty else { continue }
      if line.count == 32, line.allSatisfy(\.isHexDigit) {
        fingerprints.insert(line.lowercased())
      } else {
        gitleaksEntries.insert(line)
      }
    }
  }

  /// Whether the list is empty.
  public var isEmpty: Bool { fingerprints.isEmpty && gitleaksEntries.isEmpty }

  /// Whether the list dismisses a finding.
  /// - Parameter finding: the finding.
  /// - Returns: true when its fingerprint or its gitleaks-style key is listed.
  public func contains(_ finding: Finding) -> Bool {
    if fingerprints.contains(finding.fingerprint) { return true }
    guard let location = finding.location else { return false }
    let key = "\(location.path):\(finding.ruleId):\(location.startLine)"
    if gitleaksEntries.contains(key) { return true }
    if let commit = location.commit { return gitleaksEntries.contains("\(commit):\(key)") }
    return false
  }
}
