import Yams

/// A Kong declarative configuration (`_format_version` 2.1 or 3.0, as decK writes it): services
/// with their routes, plugins at global, service, route and consumer scope, consumers and
/// credentials, upstreams and certificates.
struct KongDocument {
  let node: Node
  /// The file, repo-relative.
  let path: String

  /// A route with the service it belongs to.
  struct Route {
    let node: Node
    let service: Node?
  }

  var services: [Node] { node["services"]?.array() ?? [] }

  /// Every route: nested under services, or top-level with a `service` reference.
  var routes: [Route] {
    var routes = services.flatMap { service in
      (service["routes"]?.array() ?? []).map { Route(node: $0, service: service) }
    }
    for route in node["routes"]?.array() ?? [] {
      let reference = route["service"]?.string ?? route["service"]?["name"]?.string
      routes.append(Route(node: route, service: services.first { $0["name"]?.string == reference }))
    }
    return routes
  }

  /// The plugins in force for a route by Kong's precedence: the route's own, else its service's,
  /// else the global ones (consumer-scoped plugins are left out).
  func plugins(for route: Route) -> [String: Node] {
    var byName: [String: Node] = [:]
    for plugin in globalPlugins { byName[plugin["name"]?.string ?? ""] = plugin }
    if let service = route.service {
      for plugin in plugins(of: service, kind: "service") {
        byName[plugin["name"]?.string ?? ""] = plugin
      }
    }
    for plugin in plugins(of: route.node, kind: "route") {
      byName[plugin["name"]?.string ?? ""] = plugin
    }
    return byName
  }

  /// Plugins declared at the top level without a service, route or consumer.
  var globalPlugins: [Node] {
    (node["plugins"]?.array() ?? []).filter {
      $0["service"] == nil && $0["route"] == nil && $0["consumer"] == nil
    }
  }

  /// Consumer-scoped plugins, nested under a consumer or top-level naming one. Kong applies them
  /// only to requests its authentication plugins have tied to that consumer, above route and
  /// service plugins; anonymous requests never see them.
  var consumerPlugins: [(consumer: String, plugin: Node)] {
    var found: [(String, Node)] = []
    for consumer in node["consumers"]?.array() ?? [] {
      let name = consumer["username"]?.string ?? consumer["custom_id"]?.string ?? "unnamed"
      found += (consumer["plugins"]?.array() ?? []).map { (name, $0) }
    }
    for plugin in node["plugins"]?.array() ?? [] {
      if let consumer = plugin["consumer"]?.string ?? plugin["consumer"]?["username"]?.string {
        found.append((consumer, plugin))
      }
    }
    return found
  }

  /// The plugins of a service or route: nested, or top-level naming it.
  func plugins(of entity: Node, kind: String) -> [Node] {
    let name = entity["name"]?.string
    let topLevel = (node["plugins"]?.array() ?? []).filter { plugin in
      let reference = plugin[kind]?.string ?? plugin[kind]?["name"]?.string
      return name != nil && reference == name
    }
    return (entity["plugins"]?.array() ?? []) + topLevel
  }
}
