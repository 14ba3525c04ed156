/// The shape Debian's and rpm's versions share, `[epoch:]version[-release]`: the digits before
/// the first colon are the epoch, and what follows the last dash is the release (Debian's
/// revision). Only digits make an epoch: module versions carry colons of their own.
struct EpochVersionRelease {
  /// The epoch's digits; "0" when there is none (an empty one compares as 0 too).
  let epoch: Substring
  let version: Substring
  /// nil when there is no dash.
  let release: Substring?

  init(_ text: Substring) {
    var rest = text
    if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy(\.isASCIIDigit) {
      epoch = rest[..<colon]
      rest = rest[rest.index(after: colon)...]
    } else {
      epoch = "0"
    }
    if let dash = rest.lastIndex(of: "-") {
      version = rest[..<dash]
      release = rest[rest.index(after: dash)...]
    } else {
      version = rest
      release = nil
    }
  }
}
