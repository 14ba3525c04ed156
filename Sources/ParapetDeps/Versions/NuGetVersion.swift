import Foundation

/// A NuGet version: up to four numeric parts (missing ones are 0), a pre-release label compared
/// like SemVer's but without regard to case, and metadata that does not order.
struct NuGetVersion {
  let numbers: [Substring]
  let labels: [String]

  init(_ text: String) {
    var rest = Substring(text.trimmingCharacters(in: .whitespaces).lowercased())
    if let plus = rest.firstIndex(of: "+") { rest = rest[..<plus] }
    var labels: [String] = []
    if let dash = rest.firstIndex(of: "-") {
      labels = rest[rest.index(after: dash)...].split(
        separator: ".", omittingEmptySubsequences: false
      ).map(String.init)
      rest = rest[..<dash]
    }
    if rest.first == "v" { rest = rest.dropFirst() }
    numbers = rest.split(separator: ".", omittingEmptySubsequences: false)
    self.labels = labels
  }

  func compare(to other: NuGetVersion) -> Int {
    for index in 0..<max(4, max(numbers.count, other.numbers.count)) {
      let result = compareDigits(
        index < numbers.count ? numbers[index] : "0",
        index < other.numbers.count ? other.numbers[index] : "0")
      if result != 0 { return result }
    }
    if labels.isEmpty != other.labels.isEmpty { return labels.isEmpty ? 1 : -1 }
    for (left, right) in zip(labels, other.labels) {
      let leftNumeric = !left.isEmpty && left.allSatisfy(\.isASCIIDigit)
      let rightNumeric = !right.isEmpty && right.allSatisfy(\.isASCIIDigit)
      let result =
        leftNumeric && rightNumeric
        ? compareDigits(left, right)
        : leftNumeric != rightNumeric ? (leftNumeric ? -1 : 1) : sign(left, right)
      if result != 0 { return result }
    }
    return sign(labels.count, other.labels.count)
  }
}
