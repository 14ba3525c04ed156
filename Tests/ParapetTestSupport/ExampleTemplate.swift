import Foundation
import ParapetSecrets

/// Expands the generator templates of rule examples (`{{alnum:36}}`, `{{base62-crc32}}`,
/// `{{pem:RSA PRIVATE KEY}}`...) with a seeded generator, so examples are never literal tokens
/// and every run of the suite draws the same values.
public struct ExampleTemplate {
  private var random: SeededRandom

  public init(seed: UInt64) {
    random = SeededRandom(seed: seed)
  }

  /// The expanded text, and the byte offset where `↓` stood (nil when the template has none).
  public mutating func expand(_ template: String) throws -> (text: String, marker: Int?) {
    let parts = template.components(separatedBy: "↓")
    guard parts.count <= 2 else { throw TemplateError("more than one ↓ in '\(template)'") }
    let before = try expandPlain(parts[0])
    guard parts.count == 2 else { return (before, nil) }
    return (before + (try expandPlain(parts[1])), before.utf8.count)
  }

  private mutating func expandPlain(_ text: String) throws -> String {
    var out = ""
    var rest = Substring(text)
    while let open = rest.range(of: "{{") {
      out += rest[..<open.lowerBound]
      guard let close = rest[open.upperBound...].range(of: "}}") else {
        throw TemplateError("unclosed {{ in '\(text)'")
      }
      let spec = String(rest[open.upperBound..<close.lowerBound])
      // Only `{{name}}` and `{{name:argument}}` are generators; `{{ .Values.x }}` and
      // `${{ secrets.X }}` are template syntax an example shows as it is.
      let isGenerator =
        spec.first?.isLetter == true
        && spec.prefix { $0 != ":" }.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
      out += isGenerator ? try generate(spec) : "{{" + spec + "}}"
      rest = rest[close.upperBound...]
    }
    return out + rest
  }

  private static let alphabets: [String: String] = [
    "alnum": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "letters": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    "lower": "abcdefghijklmnopqrstuvwxyz",
    "upper": "ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "digits": "0123456789",
    "hex": "0123456789abcdef",
    "HEX": "0123456789ABCDEF",
    "lowernum": "0123456789abcdefghijklmnopqrstuvwxyz",
    "upperdigits": "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "base64": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",
    "base64url": "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
    "upper2-7": "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567",
    "lower2-7": "abcdefghijklmnopqrstuvwxyz234567",
    "bech32": "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L",
  ]

  private mutating func generate(_ spec: String) throws -> String {
    let parts = spec.split(separator: ":", maxSplits: 1).map(String.init)
    switch parts[0] {
    case "uuid":
      let hex = draw("0123456789abcdef", 32)
      let c = Array(hex)
      return
        "\(String(c[0..<8]))-\(String(c[8..<12]))-4\(String(c[13..<16]))-a\(String(c[17..<20]))-\(String(c[20..<32]))"
    case "base62-crc32":
      let body = draw(Self.alphabets["alnum"] ?? "", 30)
      let checksum = Base62.encode(CRC32.checksum(Array(body.utf8)), width: 6)
      return body + String(decoding: checksum, as: UTF8.self)
    case "basic":
      // HTTP Basic credentials: base64 of a user and a random password.
      guard parts.count == 2, let count = Int(parts[1]) else {
        throw TemplateError("basic needs a password length")
      }
      let pair = "deploy:" + draw(Self.alphabets["alnum"] ?? "", count)
      return Data(pair.utf8).base64EncodedString()
    case "jwt":
      let header = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9"
      return
        "\(header).eyJ\(draw(Self.alphabets["base64url"] ?? "", 40)).\(draw(Self.alphabets["base64url"] ?? "", 43))"
    case "pem":
      guard parts.count == 2 else { throw TemplateError("pem needs a label") }
      let lines = (0..<6).map { _ in draw(Self.alphabets["base64"] ?? "", 64) }
      return
        "-----BEGIN \(parts[1])-----\n\(lines.joined(separator: "\n"))\n-----END \(parts[1])-----"
    default:
      guard let alphabet = Self.alphabets[parts[0]], parts.count == 2, let count = Int(parts[1])
      else {
        throw TemplateError("unknown generator '{{\(spec)}}'")
      }
      return draw(alphabet, count)
    }
  }

  private mutating func draw(_ alphabet: String, _ count: Int) -> String {
    let characters = Array(alphabet)
    return String(
      (0..<count).map { _ in characters[Int(random.next() % UInt64(characters.count))] })
  }
}

public struct TemplateError: Error, CustomStringConvertible {
  public let description: String
  init(_ description: String) { self.description = description }
}

/// SplitMix64: small, fast and the same on every platform.
public struct SeededRandom {
  private var state: UInt64
  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

extension ExampleTemplate {
  /// Expands a template with no marker.
  /// - Parameter template: such as `ghp_{{base62-crc32}}`.
  /// - Returns: the text.
  public mutating func make(_ template: String) -> String {
    (try? expand(template).text) ?? template
  }
}
