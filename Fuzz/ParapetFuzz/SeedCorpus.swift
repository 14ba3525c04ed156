import Foundation

/// Sorts fixture files into one corpus folder per target, by file name.
enum SeedCorpus {
  /// A seed larger than this slows every mutation of it; the fixtures that matter are small.
  static let largestSeed = 64 * 1024

  /// Copies each seed under `seeds/NAME/` into `corpus/TARGET/` for every target that reads files
  /// called NAME.
  /// - Returns: the seeds each target received, by target name.
  static func sort(seeds: URL, into corpus: URL) throws -> [String: Int] {
    let files = FileManager.default
    var counts: [String: Int] = [:]
    for name in try files.contentsOfDirectory(atPath: seeds.path).sorted() {
      let folder = seeds.appendingPathComponent(name)
      let targets = FuzzTargets.all.filter { $0.seeds(name) }
      guard !targets.isEmpty else { continue }
      for seed in try files.contentsOfDirectory(atPath: folder.path).sorted() {
        let data = try Data(contentsOf: folder.appendingPathComponent(seed))
        guard data.count <= largestSeed else { continue }
        for target in targets {
          let destination = corpus.appendingPathComponent(target.name)
          try files.createDirectory(at: destination, withIntermediateDirectories: true)
          try data.write(to: destination.appendingPathComponent("\(name)-\(seed)"))
          counts[target.name, default: 0] += 1
        }
      }
    }
    return counts
  }
}
