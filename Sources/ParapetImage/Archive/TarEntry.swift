/// One member of a tar archive, its header decoded (GNU long names and PAX records applied).
struct TarEntry {
  enum Kind: Equatable {
    case file
    case hardLink
    case symbolicLink
    case folder
    /// A character or block device, or a FIFO.
    case special
  }

  /// The path as written in the archive (no normalization), raw bytes.
  var path: [UInt8]
  var kind: Kind
  /// The permission bits, with setuid, setgid and sticky.
  var mode: UInt32
  var size: Int
  /// A link's target as written.
  var linkTarget: [UInt8]
  /// Where the content begins, counted from the start of the stream.
  var contentOffset: Int

  /// The path for messages.
  var displayPath: String { String(decoding: path, as: UTF8.self) }
}
