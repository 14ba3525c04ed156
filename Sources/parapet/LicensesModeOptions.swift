import ArgumentParser
import ParapetLicenses

extension LicensePolicy.Unknown: ExpressibleByArgument {}

/// The flags of the licenses job that `scan` shares (`--include-fixtures` and `--prod-only`
/// come from the deps flags there, and from the command itself in `parapet licenses`).
struct LicensesModeOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The project's own license, an SPDX expression (default: detected from manifests and LICENSE files).",
      valueName: "spdx"))
  var projectLicense: String?

  @Option(
    help: ArgumentHelp(
      "Allow only these licenses or categories, comma-separated (permissive, public-domain, weak-copyleft, strong-copyleft, network-copyleft, proprietary).",
      valueName: "list"))
  var allow: String?

  @Option(
    help: ArgumentHelp(
      "Deny these licenses or categories, comma-separated, instead of the default copyleft list.",
      valueName: "list"))
  var deny: String?

  @Option(
    help: ArgumentHelp(
      "A package with no license evidence: warn (an info finding), deny (a failing finding) or allow (default: warn, or [licenses] unknown).",
      valueName: "choice"))
  var unknownLicenses: LicensePolicy.Unknown?

  func validate() throws {
    for entry in Self.entries(allow) + Self.entries(deny) {
      if let problem = LicensePolicy.policyEntryProblem(entry) { throw ValidationError(problem) }
    }
    if let projectLicense, (try? LicenseExpressionParser().parse(projectLicense)) == nil {
      throw ValidationError("--project-license takes an SPDX expression, not '\(projectLicense)'")
    }
  }

  /// Applies the flags over a policy read from `.parapet.toml`.
  func apply(to policy: inout LicensePolicy) {
    if let projectLicense { policy.project = projectLicense }
    if allow != nil { policy.allow = Self.entries(allow) }
    if deny != nil { policy.deny = Self.entries(deny) }
    if let unknownLicenses { policy.unknown = unknownLicenses }
  }

  private static func entries(_ list: String?) -> [String] {
    (list ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      .filter { !$0.isEmpty }
  }
}
