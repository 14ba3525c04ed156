/// A secret found in a buffer, before it becomes a `Finding`. It holds the clear secret, so it
/// stays inside this module.
struct RawMatch: Sendable {
  let ruleIndex: Int
  let secret: [UInt8]
  let startLine: Int
  let startColumn: Int
  let endLine: Int
  let endColumn: Int
  /// Where it is in the scanned buffer (for an encoded secret, the encoded value's place).
  let offsets: Range<Int>
  /// The encoding the secret was found under (`base64`, `hex`, `percent`), if any.
  let decoding: String?
  /// Whether its line is a comment (`#`, `//`, `/*`, `*`, `--`, `;`, `<!--`).
  let inComment: Bool
}
