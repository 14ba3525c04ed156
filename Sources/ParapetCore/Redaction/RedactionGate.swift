/// The one function every text quoted from scanned input passes before it reaches a message, a
/// note, a property or the terminal: it masks what the secret rules recognise and the userinfo
/// of URLs (the password in `scheme://user:password@host`). The secrets job's own redaction of what it
/// finds is `mask(_:keep:)`, so a secret looks the same wherever it is shown.
public struct RedactionGate: Sendable {
  /// How many leading characters of a masked value are shown by default.
  public static let defaultKeep = 4

  private let recognizer: (any CredentialRecognizer)?

  /// A gate.
  /// - Parameter recognizer: what finds credentials in text (the secret rules); nil to mask URL
  ///   userinfo only.
  public init(recognizer: (any CredentialRecognizer)?) {
    self.recognizer = recognizer
  }

  /// The redacted form of a secret: its first characters, then `…`; a short secret shows fewer.
  /// - Parameters:
  ///   - secret: the clear value.
  ///   - keep: leading characters to show at most; nil shows the value whole (`--no-redact`).
  /// - Returns: what may be shown.
  public static func mask<Text: StringProtocol>(_ secret: Text, keep: Int? = defaultKeep)
    -> String
  {
    guard let keep else { return String(secret) }
    return String(secret.prefix(min(keep, secret.count / 4))) + "…"
  }

  /// Text with every credential in it masked.
  /// - Parameter text: text quoted from scanned input.
  /// - Returns: the same text, credentials replaced by their masked form.
  public func callAsFunction(_ text: String) -> String {
    var bytes = Array(text.utf8)
    var ranges = URLUserinfo.secretRanges(in: bytes)
    if let recognizer { ranges += recognizer.credentialRanges(in: bytes) }
    guard !ranges.isEmpty else { return text }
    // Mask from the end so earlier offsets stay valid; overlapping ranges merge.
    for range in Self.merged(ranges).reversed() {
      let secret = String(decoding: bytes[range], as: UTF8.self)
      bytes.replaceSubrange(range, with: Array(Self.mask(secret).utf8))
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// A job's result with every message, note and property passed through the gate.
  /// - Parameters:
  ///   - result: the job's result.
  ///   - findings: whether to pass its findings too; the secrets job redacts its own (and shows
  ///     them whole only when asked with `--no-redact`).
  /// - Returns: the gated result.
  public func apply(to result: JobResult, findings: Bool = true) -> JobResult {
    var gated = result
    gated.notifications = result.notifications.map { notice in
      var notice = notice
      notice.message = self(notice.message)
      return notice
    }
    guard findings else { return gated }
    gated.findings = result.findings.map { finding in
      var finding = finding
      finding.message = self(finding.message)
      finding.properties = finding.properties.mapValues { value in
        switch value {
        case .string(let text): .string(self(text))
        case .strings(let texts): .strings(texts.map { self($0) })
        case .int, .bool: value
        }
      }
      return finding
    }
    return gated
  }

  private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) where !range.isEmpty {
      if let last = result.last, range.lowerBound <= last.upperBound {
        result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        result.append(range)
      }
    }
    return result
  }
}

/// Finds credentials in text, as the secret rules do.
public protocol CredentialRecognizer: Sendable {
  /// The byte ranges of the credentials in a text.
  /// - Parameter bytes: the text's UTF-8 bytes.
  /// - Returns: the ranges of the secret values (not of the whole matches).
  func credentialRanges(in bytes: [UInt8]) -> [Range<Int>]
}
