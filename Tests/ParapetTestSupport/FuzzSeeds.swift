import Foundation

/// The fixtures the tests write are the fuzzers' seeds: when `PARAPET_FUZZ_SEEDS` names a folder,
/// every file a test writes is kept there as `NAME/HASH` (its file name, then one file per
/// content), and `ci/fuzz.sh` sorts them into each parser's corpus.
enum FuzzSeeds {
  private static let folder = ProcessInfo.processInfo.environment["PARAPET_FUZZ_SEEDS"].map {
    URL(fileURLWithPath: $0)
  }

  /// Keeps a fixture, when seeds are being collected.
  /// - Parameters:
  ///   - data: its content.
  ///   - name: its file name.
  static func keep(_ data: Data, named name: String) {
    guard let folder, data.count <= 64 * 1024 else { return }
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in data { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    let kept = folder.appendingPathComponent(name)
    try? FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
    try? data.write(to: kept.appendingPathComponent(String(hash, radix: 16)))
  }
}
