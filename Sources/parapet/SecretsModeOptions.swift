import ArgumentParser
import Foundation
import ParapetSecrets

/// The flags that choose what the secrets job reads and how it shows what it finds.
struct SecretsModeOptions: ParsableArguments {
  @Flag(help: "Scan the staged change (the index against HEAD), added lines only.")
  var staged = false

  @Flag(help: "Scan every commit reachable from any ref: what each commit added.")
  var history = false

  @Option(help: ArgumentHelp("Scan the commits of a range, such as main..HEAD.", valueName: "A..B"))
  var range: String?

  @Option(
    help: ArgumentHelp(
      "With --history or --range: leave out commits before this date (YYYY-MM-DD).",
      valueName: "date"))
  var since: String?

  @Option(
    help: ArgumentHelp(
      "With --history (or scan --ci and --audit, when they read the whole history): keep what the scan learned in this folder; the next scan reads only newer commits.",
      valueName: "dir"))
  var cache: String?

  @Flag(help: "Scan every file under PATH as a plain folder, ignoring git.")
  var noGit = false

  @Option(
    help: ArgumentHelp(
      "Skip files larger than this many bytes (default 10485760).", valueName: "bytes"))
  var maxFileSize: Int?

  @Option(
    help: ArgumentHelp(
      "Show this many leading characters of each secret (default 4).", valueName: "n"))
  var redact: Int?

  @Flag(help: "Show secrets in clear in every report.")
  var noRedact = false

  @Option(
    help: ArgumentHelp(
      "Report secrets findings less sure than this at info: low, medium (default) or high.",
      valueName: "level"))
  var minConfidence: Confidence?

  @Option(
    help: ArgumentHelp("Load rules and allowlists from a gitleaks config.", valueName: "file"))
  var gitleaksConfig: String?

  func validate() throws {
    let modes = [staged, history, range != nil, noGit].filter { $0 }.count
    guard modes <= 1 else {
      throw ValidationError("--staged, --history, --range and --no-git exclude one another")
    }
    if since != nil && !history && range == nil {
      throw ValidationError("--since needs --history or --range")
    }
    if cache != nil && (staged || range != nil || noGit) {
      throw ValidationError(
        "--cache serves history scans: leave out --staged, --range and --no-git")
    }
    if let since, Self.parseDate(since) == nil {
      throw ValidationError("--since takes a date as YYYY-MM-DD, not '\(since)'")
    }
    if noRedact && redact != nil {
      throw ValidationError("--redact and --no-redact exclude one another")
    }
    if let redact, redact < 0 { throw ValidationError("--redact takes 0 or more characters") }
    if let maxFileSize, maxFileSize <= 0 {
      throw ValidationError("--max-file-size takes a positive number of bytes")
    }
  }

  /// Applies the flags over options already read from `.parapet.toml`.
  /// - Parameters:
  ///   - options: the options to change.
  ///   - standardInput: the bytes of standard input, when PATH is `-`.
  func apply(to options: inout SecretsOptions, standardInput: [UInt8]?) {
    if let standardInput {
      options.mode = .standardInput(standardInput)
    } else if staged {
      options.mode = .staged
    } else if history {
      options.mode = .history
    } else if let range {
      options.mode = .range(range)
    } else if noGit {
      options.mode = .noGit
    }
    options.since = since.flatMap(Self.parseDate)
    if let cache { options.cacheDirectory = URL(fileURLWithPath: cache).standardizedFileURL }
    options.toolVersion = Parapet.versionLine
    if let maxFileSize { options.maxFileSize = maxFileSize }
    if let redact { options.redact = redact }
    if noRedact { options.redact = nil }
    if let minConfidence { options.minConfidence = minConfidence }
    if let gitleaksConfig {
      options.gitleaksConfig = URL(fileURLWithPath: gitleaksConfig).standardizedFileURL
    }
  }

  private static func parseDate(_ text: String) -> Int64? {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "yyyy-MM-dd"
    return formatter.date(from: text).map { Int64($0.timeIntervalSince1970) }
  }
}

extension Confidence: ExpressibleByArgument {}
