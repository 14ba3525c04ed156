import Foundation
import ParapetCore

@testable import ParapetImage

/// Images as `parapet image` reads them: a docker-archive or oci-archive tar (the tar reader,
/// the manifests, the layers with their digests and whiteouts, the link resolution of the merged
/// file system, and the package databases and metadata found in it), and rpm's database, the
/// dpkg status and os-release files alone.
enum ImageTargets {
  static let all = [
    FuzzTarget("image-archive", seeds: { $0 == "image.tar" }) { bytes in
      guard let path = scratch(bytes) else { return }
      guard let image = try? ContainerImage(path: path, cancellation: Cancellation()) else {
        return
      }
      _ = image.installedPackages()
      _ = image.files.walk(from: .root) { _ in true }.map { image.files.text($0.path) }
    },
    // rpm's database (SQLite, then each row's header) and a header blob alone.
    FuzzTarget("rpm-database", seeds: { $0 == "rpmdb.sqlite" || $0 == "rpm-header" }) { bytes in
      if bytes.starts(with: Array("SQLite format 3".utf8)) {
        _ = RpmDatabase.contents(of: bytes)
      } else {
        _ = RpmHeader(bytes)
      }
    },
    // An executable's embedded package lists: Go's build information, cargo auditable's section.
    FuzzTarget("executable", seeds: { $0 == "executable" }) { bytes in
      _ = GoBuildInfo(bytes)
      _ = CargoAuditable.crates(in: bytes)
    },
    FuzzTarget("dpkg-status", seeds: { $0 == "status" || $0 == "os-release" }) { bytes in
      let text = String(decoding: bytes, as: UTF8.self)
      _ = KeyValueRecords.parse(text)
      _ = OSRelease.parse(text)
    },
  ]

  /// The input in a file of this process's own, rewritten for each input: an image is read
  /// from a path.
  private static func scratch(_ bytes: [UInt8]) -> String? {
    let path = NSTemporaryDirectory() + "parapet-fuzz-image-\(getpid()).tar"
    return FileManager.default.createFile(atPath: path, contents: Data(bytes)) ? path : nil
  }
}
