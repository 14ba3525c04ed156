/// Why an image cannot be read: each names the file (the image, and the entry or blob inside it).
/// The command exits 2 with the message.
public enum ImageError: Error, Equatable, CustomStringConvertible {
  /// The path is neither an image archive nor an OCI layout folder.
  case notAnImage(String, reason: String)
  /// A manifest, index or configuration that cannot be understood.
  case malformed(String, reason: String)
  /// A blob whose bytes do not hash to the digest that names it.
  case digestMismatch(String, expected: String, actual: String)
  /// A layer entry whose path, or hard link, leaves the image's root.
  case escapesRoot(layer: String, entry: String)
  /// No manifest for the platform asked for.
  case noPlatform(String, asked: String, available: [String])
  /// The system refused to read a file.
  case unreadable(String, reason: String)

  public var description: String {
    switch self {
    case .notAnImage(let path, let reason):
      "\(path): not a container image (\(reason)); expected a docker-archive or oci-archive tar, "
        + "or an OCI layout folder"
    case .malformed(let path, let reason): "\(path): \(reason)"
    case .digestMismatch(let path, let expected, let actual):
      "\(path): digest mismatch: the manifest says \(expected), the bytes hash to sha256:\(actual)"
    case .escapesRoot(let layer, let entry):
      "\(layer): entry '\(entry)' leads outside the image's root; refused"
    case .noPlatform(let path, let asked, let available):
      "\(path): no image for platform \(asked); it holds "
        + (available.isEmpty ? "none" : available.joined(separator: ", "))
    case .unreadable(let path, let reason): "\(path): cannot be read: \(reason)"
    }
  }
}
