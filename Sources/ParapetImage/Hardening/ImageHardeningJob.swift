import ParapetCore

/// The `image` job: checklist step 9 on a built image (see `ImageHardening`).
public struct ImageHardeningJob: ScanJob {
  public let name = "image"
  let image: ContainerImage

  /// - Parameter image: the image, already read.
  public init(image: ContainerImage) {
    self.image = image
  }

  public func run(_ context: ScanContext) async throws -> JobResult {
    let findings = ImageHardening(image: image).findings()
    var coverage = Coverage()
    coverage.files = image.files.tree.nodes.count
    return JobResult(
      job: name, status: .complete, findings: findings, notifications: [],
      checked: [image.name], rules: ImageRules.byID.values.sorted { $0.id < $1.id },
      coverage: coverage)
  }
}
