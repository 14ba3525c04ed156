import ParapetCore
import ParapetImage
import ParapetSecrets

/// The secrets job of `parapet image`: every layer's own files, so that a file a later layer
/// deletes is still scanned (it is in every copy of the image), and the configuration (Env,
/// labels, the build steps of the history). A secret a layer keeps from the one below is
/// reported once, in the layer that brought it.
struct ImageSecretsJob: ScanJob {
  let name = "secrets"
  let inner: SecretsJob
  let image: ContainerImage

  var redactsOwnFindings: Bool { true }

  func run(_ context: ScanContext) async throws -> JobResult {
    var combined = JobResult(job: name)
    var checked = Set<String>()
    var seen = Set<String>()
    var rules: [String: RuleDescriptor] = [:]
    let parts = image.layers.map { ($0.source, $0.digest as String?) } + [(image.configFile, nil)]
    for (source, digest) in parts {
      try context.cancellation.check()
      var scoped = context
      scoped.source = source
      let result = try await inner.run(scoped)
      for var finding in result.findings where seen.insert(finding.fingerprint).inserted {
        if let digest, let path = finding.location.flatMap({ SourcePath($0.path) }) {
          finding.properties["layer"] = .string(digest)
          if image.files.entry(at: path)?.origin != digest {
            finding.properties["deletedInLaterLayer"] = .bool(true)
            finding.message += " (in a layer's file that a later layer deletes or replaces)"
          }
        }
        combined.findings.append(finding)
      }
      // Each layer's counts of skipped files are summed into one note per reason below.
      let counts = SecretsJob.skippedNotes(result.coverage).map(\.message)
      combined.notifications += result.notifications.filter { !counts.contains($0.message) }
      checked.formUnion(result.checked)
      for rule in result.rules { rules[rule.id] = rule }
      combined.coverage.add(result.coverage)
      if result.status.rank > combined.status.rank { combined.status = result.status }
    }
    // A link in an image leads to a file of the image, which is scanned as itself: images are
    // full of them (busybox's applets, /bin to /usr/bin), and counting them says nothing.
    combined.coverage.skipped["symlink"] = nil
    combined.notifications += SecretsJob.skippedNotes(combined.coverage)
    combined.checked = checked.sorted()
    combined.rules = rules.values.sorted { $0.id < $1.id }
    return combined
  }
}
