import CGit2

/// A git object id (SHA-1), hashable and cheap to copy.
public struct ObjectID: Hashable, Sendable, CustomStringConvertible {
  let raw: git_oid

  init(_ raw: git_oid) {
    self.raw = raw
  }

  /// 40 lowercase hex digits.
  public var description: String {
    var oid = raw
    var buffer = [CChar](repeating: 0, count: 41)
    git_oid_tostr(&buffer, 41, &oid)
    return String(decoding: buffer.prefix(40).map { UInt8(bitPattern: $0) }, as: UTF8.self)
  }

  public static func == (lhs: ObjectID, rhs: ObjectID) -> Bool {
    var left = lhs.raw
    var right = rhs.raw
    return git_oid_cmp(&left, &right) == 0
  }

  public func hash(into hasher: inout Hasher) {
    withUnsafeBytes(of: raw.id) { hasher.combine(bytes: $0) }
  }

  /// The id's 20 bytes, as a cache stores it.
  public var bytes: [UInt8] {
    withUnsafeBytes(of: raw.id) { Array($0) }
  }

  /// Calls `body` with the id's 20 bytes.
  func withBytes<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
    try withUnsafeBytes(of: raw.id, body)
  }

  /// An id from its 20 bytes; nil for another length.
  /// - Parameter bytes: the bytes, as `bytes` gives them.
  public init?(bytes: ArraySlice<UInt8>) {
    var oid = git_oid()
    guard bytes.count == MemoryLayout.size(ofValue: oid.id) else { return nil }
    withUnsafeMutableBytes(of: &oid.id) { target in
      bytes.withUnsafeBytes { target.copyMemory(from: $0) }
    }
    self.init(oid)
  }

  /// Whether this is the all-zero id libgit2 uses for "no object".
  public var isZero: Bool {
    var oid = raw
    return git_oid_is_zero(&oid) == 1
  }
}
