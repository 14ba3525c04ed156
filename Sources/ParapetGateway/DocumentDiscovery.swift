import Foundation
import ParapetCore
import Yams

/// Finds YAML and TOML gateway configuration by content: `*.yaml` and `*.yml` documents that
/// carry `apiVersion` and `kind` (Kubernetes; Helm-rendered output is plain manifests) or
/// `_format_version` (Kong declarative configuration), or `http.routers`/`http.middlewares` or
/// `entryPoints` (Traefik dynamic or static configuration, also as `*.toml`), or
/// `static_resources` (an Envoy bootstrap). CI workflows are collected on the same walk.
enum DocumentDiscovery {
  /// What the YAML files under a root hold.
  struct Found {
    /// Kubernetes objects, one list per folder (a folder is a bundle).
    var kubernetesBundles: [[KubernetesObject]] = []
    var kong: [KongDocument] = []
    /// Traefik configuration documents, with their files; a TOML file's carries the map back
    /// to its lines.
    var traefik: [(node: Node, path: String, toml: TraefikTOML?)] = []
    /// Envoy bootstrap documents, with their files.
    var envoy: [(node: Node, path: String)] = []
    /// The text of each file read, by repo-relative path, for the checks over whole files.
    var texts: [String: String] = [:]
    /// CI workflows (GitHub Actions, GitLab CI), with their text.
    var workflows: [(path: String, text: String)] = []
  }

  /// More aliases than this in one file is an alias bomb, not a manifest: it is not expanded.
  static let maximumAliases = 64

  /// The configuration in the YAML and TOML files of a walk.
  /// - Parameters:
  ///   - files: the YAML and TOML files found.
  ///   - source: where they are read.
  ///   - formats: the formats wanted; documents of the others are left out.
  ///   - notices: receives a warning per file that does not parse or is refused.
  /// - Returns: the documents of each format, in path order.
  static func find(
    _ files: [GatewayFiles.Entry], source: any FileSource, formats: Set<GatewayFormat>,
    notices: inout [Notice]
  ) -> Found {
    var found = Found()
    guard !formats.isDisjoint(with: [.kubernetes, .kong, .traefik, .envoy]) else { return found }
    var byFolder: [String: [KubernetesObject]] = [:]
    // Helm charts and Go-templated fixtures do not parse until rendered: one note for them all,
    // not a warning each.
    var templates: [String] = []
    for file in files where file.size < 4 * 1_048_576 {
      guard let bytes = try? source.read(file.file) else { continue }
      let shown = file.shown
      let text = String(decoding: bytes, as: UTF8.self)
      if CIWorkflowChecks.isWorkflow(shown) {
        found.workflows.append((shown, text))
        continue
      }
      if shown.hasSuffix(".toml") {
        guard formats.contains(.traefik),
          TextSearch.containsAny(text, ["[http.", "[entryPoints", "[[http."])
        else { continue }
        do {
          if let toml = try TraefikTOML.read(text, path: shown) {
            found.traefik.append((toml.node, shown, toml))
            found.texts[shown] = text
          }
        } catch {
          if Self.isTemplate(text) {
            templates.append(shown)
          } else {
            notices.append(Notice(.warning, "\(error); not checked"))
          }
        }
        continue
      }
      guard
        (TextSearch.contains(text, "apiVersion") && TextSearch.contains(text, "kind"))
          || TextSearch.containsAny(
            text,
            ["_format_version", "routers:", "middlewares:", "static_resources", "entryPoints"])
      else { continue }
      // Swift's regex engine is slow; most manifests hold no `*` at all and skip it.
      let aliases =
        TextSearch.contains(text, "*")
        ? text.matches(of: #/(?:^|[\s\[,:\-])\*[A-Za-z0-9_.\-]+/#).count : 0
      if aliases > maximumAliases {
        notices.append(
          Notice(
            .warning, "\(aliases) YAML aliases: not expanded (an alias bomb?); not checked",
            path: shown))
        continue
      }
      do {
        var read = false
        // Yams' `compose_all` ends its sequence at a syntax error without a word; the parser
        // itself throws it.
        let parser = try Parser(yaml: text)
        while let document = try parser.nextRoot() {
          if document["_format_version"] != nil {
            guard formats.contains(.kong) else { continue }
            found.kong.append(KongDocument(node: document, path: shown))
            read = true
          } else if TraefikAnalysis.isTraefik(document) {
            guard formats.contains(.traefik) else { continue }
            found.traefik.append((document, shown, nil))
            read = true
          } else if EnvoyAnalysis.isEnvoy(document) {
            guard formats.contains(.envoy) else { continue }
            found.envoy.append((document, shown))
            read = true
          } else if formats.contains(.kubernetes) {
            let objects = KubernetesObject.objects(in: document, path: shown)
            byFolder[(shown as NSString).deletingLastPathComponent, default: []] += objects
            read = read || !objects.isEmpty
          }
        }
        if read { found.texts[shown] = text }
      } catch {
        if Self.isTemplate(text) {
          templates.append(shown)
        } else if let error = error as? YamlError {
          let syntax = YAMLSyntaxError(error)
          notices.append(
            Notice(
              .warning, "YAML does not parse: \(syntax.message); not checked", path: shown,
              line: syntax.line))
        } else {
          notices.append(
            Notice(.warning, "YAML does not parse: \(error); not checked", path: shown))
        }
      }
    }
    if let first = templates.sorted().first {
      let count = templates.count
      notices.append(
        Notice(
          .note,
          "\(count) \(count == 1 ? "template" : "templates") ({{ … }} or {% … %}) that \(count == 1 ? "does" : "do") not parse until rendered \(count == 1 ? "was" : "were") not checked (such as \(first)); check the rendered output (helm template)"
        ))
    }
    found.kubernetesBundles = byFolder.keys.sorted().compactMap { byFolder[$0] }.filter {
      !$0.isEmpty
    }
    return found
  }

  /// Whether a file that does not parse holds template markers: Go, Helm, Jinja.
  private static func isTemplate(_ text: String) -> Bool {
    TextSearch.containsAny(text, ["{{", "{%"])
  }
}
