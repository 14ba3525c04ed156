import Foundation

/// Finds nginx configuration by content: files named `*.conf` (or a copy to fill in:
/// `*.conf.sample`, `.template`, `.example`, `.j2`), `nginx.conf*` or kept in an `nginx`,
/// `conf.d`, `sites-enabled` or `sites-available` folder, that parse as nginx and hold nginx's
/// own block or core directives.
enum NginxDiscovery {
  /// Folders not searched below the root: tool output, dependencies, and test fixtures (whose
  /// configurations are written to fail), as the deps job leaves them out.
  static let skipped: Set<String> = [
    ".git", "node_modules", ".build", "vendor", ".venv", "fixtures", "testdata", "__fixtures__",
  ]
  private static let folders: Set<String> = ["nginx", "conf.d", "sites-enabled", "sites-available"]
  /// Names of configurations and of the copies projects ship for users to fill in
  /// (linuxserver's reverse-proxy-confs are all `*.conf.sample`).
  private static let suffixes = [
    ".conf", ".conf.sample", ".conf.template", ".conf.example", ".conf.j2",
  ]
  /// Directives that only nginx configurations have at their top level.
  private static let markers: Set<String> = [
    "http", "server", "events", "stream", "upstream", "location", "map", "limit_req_zone",
    "worker_processes", "server_name", "listen", "proxy_pass", "ssl_protocols", "add_header",
    "user",
  ]

  /// Larger files are not configuration anyone wrote; they are named and skipped.
  static let maximumBytes = 4 * 1_048_576

  /// Whether a file's name or folder makes it an nginx candidate.
  /// - Parameters:
  ///   - name: the file's name.
  ///   - folder: the name of the folder holding it.
  /// - Returns: true for `*.conf` and its sample copies, `nginx.conf*`, and files in nginx's
  ///   usual folders.
  static func isCandidateName(_ name: String, folder: String) -> Bool {
    suffixes.contains(where: name.hasSuffix) || name.hasPrefix("nginx.conf")
      || folders.contains(folder)
  }

  /// The candidates to read, and those skipped for their size.
  static func candidates(_ files: [GatewayFiles.Entry]) -> (
    files: [GatewayFiles.Entry], tooLarge: [GatewayFiles.Entry]
  ) {
    (files.filter { $0.size <= maximumBytes }, files.filter { $0.size > maximumBytes })
  }

  /// Whether a file holds NUL bytes in its first 8 KiB: binary, whatever its name.
  static func isBinary(_ bytes: [UInt8]) -> Bool {
    bytes.prefix(8192).contains(0)
  }

  /// Whether directives include other files, at any depth.
  static func includes(_ directives: [NginxDirective]) -> Bool {
    directives.contains { $0.name == "include" || includes($0.block ?? []) }
  }

  /// Whether parsed directives are nginx's.
  static func looksLikeNginx(_ directives: [NginxDirective]) -> Bool {
    directives.contains { markers.contains($0.name) }
  }

  /// Prefixes of the names of nginx's module directives, for fragments: files of a few directives
  /// meant to be included (`proxy.conf`, `ssl-params.conf`).
  private static let fragmentPrefixes = [
    "proxy_", "ssl_", "add_header", "client_", "fastcgi_", "uwsgi_", "grpc_", "gzip",
    "keepalive_", "access_log", "error_log", "log_format", "resolver", "real_ip_",
    "set_real_ip_from", "limit_", "auth_", "expires", "root", "index", "return", "rewrite",
    "try_files", "sendfile", "tcp_", "types", "charset", "more_set_headers", "open_file_cache",
    "open_log_file_cache", "brotli", "zstd", "gunzip", "etag", "server_tokens", "default_type",
    "error_page", "allow", "deny", "satisfy", "internal", "alias", "autoindex", "sub_filter",
    "ssi", "http2", "http3", "quic_", "send_timeout", "lingering_", "large_client_header_buffers",
    "underscores_in_headers", "ignore_invalid_headers", "log_not_found", "output_buffers",
    "postpone_output", "reset_timedout_connection", "server_names_hash_", "types_hash_",
    "map_hash_", "variables_hash_", "absolute_redirect", "port_in_redirect", "valid_referers",
    "secure_link", "mirror", "js_", "add_trailer", "aio", "directio", "max_ranges", "if", "set",
    "break",
  ]

  /// Whether parsed directives that hold no nginx block or core directive are a fragment of
  /// nginx configuration, rather than some other `.conf` format that happens to parse.
  static func isFragment(_ directives: [NginxDirective]) -> Bool {
    !directives.isEmpty
      && directives.allSatisfy { directive in
        fragmentPrefixes.contains(where: directive.name.hasPrefix) || directive.name == "include"
      }
  }

  /// Whether a file that does not parse still names nginx directives (and so deserves a notice).
  static func mentionsNginxDirectives(_ bytes: [UInt8]) -> Bool {
    let text = String(decoding: bytes.prefix(65_536), as: UTF8.self)
    return ["server {", "http {", "location ", "proxy_pass ", "listen "].contains(
      where: text.contains)
  }
}
