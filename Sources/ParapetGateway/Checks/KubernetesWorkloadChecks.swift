import Yams

extension KubernetesAnalysis {
  /// Step 9: the security context of every container of a workload.
  mutating func checkWorkload(_ object: KubernetesObject) {
    var podSpec = object.node["spec"]
    if object.kind == "CronJob" { podSpec = podSpec?["jobTemplate"]?["spec"] }
    if object.kind != "Pod" { podSpec = podSpec?["template"]?["spec"] }
    guard let spec = podSpec else { return }
    let podContext = spec["securityContext"]
    let containers = (spec["containers"]?.array() ?? []) + (spec["initContainers"]?.array() ?? [])
    for container in containers {
      let name = container["name"]?.string ?? "?"
      let context = container["securityContext"]
      if context?["privileged"]?.bool == true {
        report(
          "GW-CTR-002", object, at: context?["privileged"], severity: .critical,
          "container \(name) is privileged")
      }
      let runAsUser = context?["runAsUser"] ?? podContext?["runAsUser"]
      if runAsUser?.int == 0 {
        report("GW-CTR-002", object, at: runAsUser, "container \(name) runs as user 0 (root)")
      }
      let nonRoot = context?["runAsNonRoot"] ?? podContext?["runAsNonRoot"]
      if nonRoot?.bool != true {
        report(
          "GW-CTR-002", object, at: nonRoot ?? container,
          "container \(name) does not set runAsNonRoot: true")
      }
      if context?["allowPrivilegeEscalation"]?.bool != false {
        report(
          "GW-CTR-002", object, at: context?["allowPrivilegeEscalation"] ?? container,
          "container \(name) does not set allowPrivilegeEscalation: false")
      }
      if context?["readOnlyRootFilesystem"]?.bool != true {
        report(
          "GW-CTR-003", object, at: context?["readOnlyRootFilesystem"] ?? container,
          "container \(name) has a writable root filesystem")
      }
      let drops = (context?["capabilities"]?["drop"]?.array() ?? []).compactMap(\.string)
      if !drops.contains(where: { $0.uppercased() == "ALL" }) {
        report(
          "GW-CTR-003", object, at: context?["capabilities"] ?? container,
          "container \(name) does not drop ALL capabilities")
      }
      let seccomp = (context?["seccompProfile"] ?? podContext?["seccompProfile"])?["type"]?.string
      if seccomp != "RuntimeDefault" && seccomp != "Localhost" {
        report(
          "GW-CTR-003", object, at: container,
          "container \(name) has no RuntimeDefault or Localhost seccomp profile")
      }
      if let image = container["image"], let reference = image.string, Self.isFloating(reference) {
        report(
          "GW-CTR-004", object, at: image,
          "container \(name) uses \(reference), which can change under the same name")
      }
    }
  }

  /// An image reference without a digest whose tag is `latest` or absent.
  static func isFloating(_ reference: String) -> Bool {
    if reference.contains("@sha256:") { return false }
    let lastPart = reference.split(separator: "/").last ?? ""
    guard let colon = lastPart.lastIndex(of: ":") else { return true }
    return lastPart[lastPart.index(after: colon)...] == "latest"
  }
}
