import Foundation

/// Identifies license files by comparing them with the SPDX license texts.
public struct LicenseTextMatcher: Sendable {
  /// A license file's best match.
  public struct Match: Hashable, Sendable {
    public var license: String
    /// 0 to 100: the Sørensen–Dice similarity of the normalized texts' word bigrams.
    public var confidence: Int
  }

  /// Why a file could not be matched.
  public enum Problem: Error, Equatable {
    case empty
    case tooLarge(Int)
  }

  /// Files larger than this are not license texts (the longest SPDX text is about 60 KB).
  public static let maximumBytes = 512 * 1024

  private let templates: [(id: String, text: LicenseText)]
  private let threshold: Int

  /// The matcher over the embedded texts, with the catalog's threshold.
  public static let embedded = LicenseTextMatcher(catalog: .embedded)

  /// Creates a matcher over the embedded texts and the catalog's variants.
  /// - Parameter catalog: supplies the threshold and the shortened variants.
  public init(catalog: LicenseCatalog) {
    var templates = EmbeddedSPDX.texts.map { (id: $0.id, text: LicenseText($0.text)) }
    for variant in catalog.textVariants {
      guard let full = EmbeddedSPDX.texts.first(where: { $0.id == variant.id })?.text,
        let end = full.range(of: variant.endsBefore)
      else { continue }
      templates.append((variant.id, LicenseText(String(full[..<end.lowerBound]))))
    }
    self.templates = templates
    threshold = catalog.matchThreshold
  }

  /// The license whose text the bytes are, if one matches at or above the threshold. Ties go
  /// to the first id in list order, so a GPL text is `GPL-3.0-only` (the text alone does not
  /// say whether later versions apply).
  /// - Parameter data: the file's bytes, UTF-8, UTF-16 with a byte-order mark, or Latin-1.
  /// - Returns: the match, or nil.
  /// - Throws: `Problem` for an empty or oversized file.
  public func match(_ data: Data) throws(Problem) -> Match? {
    guard data.count <= Self.maximumBytes else { throw .tooLarge(data.count) }
    let text = LicenseText(Self.decode(data))
    guard text.wordCount > 0 else { throw .empty }
    return match(text)
  }

  /// The best match of a text, at or above the threshold.
  /// - Parameter text: the license text.
  /// - Returns: the match, or nil.
  public func match(text: String) -> Match? {
    match(LicenseText(text))
  }

  private func match(_ text: LicenseText) -> Match? {
    let floor = Double(threshold) / 100
    var best: (id: String, score: Double)?
    for template in templates where text.similarityBound(to: template.text) >= floor {
      let score = text.similarity(to: template.text)
      if score >= floor, score > best?.score ?? 0 { best = (template.id, score) }
    }
    return best.map { Match(license: $0.id, confidence: Int(($0.score * 100).rounded(.down))) }
  }

  private static func decode(_ data: Data) -> String {
    let bytes = [UInt8](data.prefix(2))
    if bytes == [0xFF, 0xFE] || bytes == [0xFE, 0xFF],
      let text = String(data: data, encoding: .utf16)
    {
      return text
    }
    if let text = String(data: data, encoding: .utf8) { return text }
    // Not UTF-8: old license files are Latin-1, whose every byte is a character.
    return String(data: data, encoding: .isoLatin1) ?? String(decoding: data, as: UTF8.self)
  }
}
