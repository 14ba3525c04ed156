/// The configuration formats the gateway job reads.
public enum GatewayFormat: String, CaseIterable, Sendable {
  case nginx
  case kubernetes
  case kong
  case traefik
  case envoy
  case dockerfile
}
