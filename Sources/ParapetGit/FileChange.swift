/// One file a commit (or the index) adds or modifies.
public struct FileChange: Sendable {
  public let path: String
  /// The blob before the change; nil when the file is new.
  public let oldBlob: ObjectID?
  public let newBlob: ObjectID
}

/// The added lines of a change, joined with `\n`, and the file line of each.
public struct AddedLines: Sendable {
  public var bytes: [UInt8] = []
  public var lineNumbers: [Int] = []
}
