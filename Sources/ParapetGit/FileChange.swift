/// One file a commit (or the index) adds or modifies.
public struct FileChange: Sendable {
  public let path: String
  /// The blob before the change; nil when the file is new.
  public let oldBlob: ObjectID?
  public let newBlob: ObjectID
}

/// The lines a version has that an older one did not: the 1-based number of each in the new
/// version, ascending, and its bytes there (without the line break).
public struct AddedLines: Sendable {
  public var lineNumbers: [Int] = []
  public var ranges: [Range<Int>] = []

  public var isEmpty: Bool { lineNumbers.isEmpty }

  /// Whether any added line lies within some lines.
  /// - Parameter lines: 1-based line numbers.
  /// - Returns: true when one of them was added.
  public func intersects(_ lines: ClosedRange<Int>) -> Bool {
    var low = 0
    var high = lineNumbers.count
    while low < high {
      let mid = (low + high) / 2
      if lineNumbers[mid] < lines.lowerBound { low = mid + 1 } else { high = mid }
    }
    return low < lineNumbers.count && lineNumbers[low] <= lines.upperBound
  }
}
