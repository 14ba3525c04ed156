import ParapetCore
import Yams

/// Runs the Kubernetes checks over the objects of one manifest bundle (the files of a folder
/// are one bundle, so an Ingress and the controller ConfigMap beside it are read together).
struct KubernetesAnalysis {
  let objects: [KubernetesObject]
  private(set) var findings: [Finding] = []

  /// The limits rules compare against (`[gateway]` in `.parapet.toml`).
  let thresholds: GatewayThresholds

  init(objects: [KubernetesObject], thresholds: GatewayThresholds = GatewayThresholds()) {
    self.objects = objects
    self.thresholds = thresholds
  }

  /// Records a finding at a node of an object (its own mark, else the object's).
  mutating func report(
    _ id: String, _ object: KubernetesObject, at node: Node?, severity: Severity? = nil,
    _ message: String
  ) {
    let mark = node?.mark ?? object.node.mark
    findings.append(
      GatewayFinding.make(
        id, path: object.path, line: mark?.line ?? 1, column: mark?.column ?? 1,
        length: node?.string?.utf8.count ?? 1, content: "\(object.label) \(node?.string ?? "")",
        severity: severity, format: "kubernetes", "\(object.label): \(message)"))
  }

  /// Runs every check.
  mutating func run() {
    for object in objects {
      switch object.kind {
      case "Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job", "CronJob", "Pod":
        checkWorkload(object)
      case "Ingress": checkIngress(object)
      case "PeerAuthentication": checkPeerAuthentication(object)
      case "AuthorizationPolicy": checkAuthorizationPolicy(object)
      case "Namespace": checkNamespace(object)
      case "Service": checkService(object)
      case "Gateway" where object.apiVersion.hasPrefix("gateway.networking.k8s.io/"):
        checkGateway(object)
      case "HTTPRoute": checkHTTPRoute(object)
      case "BackendTLSPolicy": checkBackendTLSPolicy(object)
      case "Tool" where object.apiVersion.hasPrefix("gostoa.dev/"): checkSTOATool(object)
      case "ConfigMap" where Self.isControllerConfigMap(object): checkControllerConfigMap(object)
      default: break
      }
    }
  }
}
