/// What a finding says of the commit that introduced it.
public struct CommitInfo: Sendable {
  public let id: ObjectID
  public let authorName: String
  public let authorEmail: String
  /// ISO 8601 in UTC.
  public let date: String
  /// Seconds since 1970.
  public let time: Int64
  public let parentCount: Int
}
