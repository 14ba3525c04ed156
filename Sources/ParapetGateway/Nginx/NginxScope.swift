/// A block and the blocks around it (http → server → location → if), for nginx's inheritance:
/// a directive not set in a block comes from the nearest enclosing block that sets it, and a
/// block with any `add_header` of its own inherits none.
struct NginxScope {
  /// Outermost first; the last is this block.
  let chain: [NginxDirective]

  var directive: NginxDirective { chain[chain.count - 1] }

  /// The value nginx uses for a single-valued directive: the nearest block's last occurrence.
  func effective(_ name: String) -> NginxDirective? {
    for block in chain.reversed() {
      if let found = block.child(name) { return found }
    }
    return nil
  }

  /// The `add_header`s (or another array directive) in force: those of the nearest block that
  /// has any.
  func inherited(_ name: String) -> [NginxDirective] {
    for block in chain.reversed() {
      let found = block.children(name)
      if !found.isEmpty { return found }
    }
    return []
  }

  /// The response headers this block sends: the `add_header`s in force, less those with an
  /// empty value, which nginx does not send (`add_header Content-Security-Policy "";` is how a
  /// configuration stops sending one).
  var sentHeaders: [NginxDirective] {
    inherited("add_header").filter { $0.values.count >= 2 && !$0.values[1].isEmpty }
  }

  /// The includes left in this block and the blocks around it: the loader keeps only those that
  /// named no file, so these are what the configuration holds that could not be read.
  var unreadIncludes: [String] {
    chain.flatMap { $0.children("include") }.compactMap(\.values.first)
  }

  /// A nested scope.
  func entering(_ block: NginxDirective) -> NginxScope {
    NginxScope(chain: chain + [block])
  }

  /// Every block below this one of the given names, depth first, with its scope.
  func descendants(_ names: Set<String>) -> [NginxScope] {
    var found: [NginxScope] = []
    for child in directive.block ?? [] where child.block != nil {
      let scope = entering(child)
      if names.contains(child.name) { found.append(scope) }
      found += scope.descendants(names)
    }
    return found
  }
}
