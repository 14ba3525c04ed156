/// Text made safe for a terminal: a file name or a YAML error can carry escape sequences that
/// would move the cursor, recolour the screen or retitle the window. Control characters (C0,
/// DEL, C1) are shown escaped (`\x1B`, `\t` kept as a space); everything else is kept.
public enum TerminalText {
  /// The text with its control characters escaped.
  /// - Parameter text: text that may come from scanned input.
  /// - Returns: printable text.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar == "\t" || scalar == "\n" {
        out.unicodeScalars.append(scalar == "\n" ? "\n" : " ")
        continue
      }
      if isControl(scalar) {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        out +=
          scalar.value <= 0xFF
          ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex
          : "\\u{\(hex)}"
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }
}
