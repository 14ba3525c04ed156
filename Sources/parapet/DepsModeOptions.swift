import ArgumentParser
import Foundation
import ParapetDeps

/// The flags of the deps job.
struct DepsModeOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "The OSV database: a folder of OSV JSON files (default: $PARAPET_DB or ~/.cache/parapet/osv).",
      valueName: "path"))
  var db: String?

  @Option(
    help: ArgumentHelp(
      "Warn when the database is older than this many days (default 7).", valueName: "days"))
  var maxDbAge: Int?

  @Flag(
    help:
      "Accept a missing or stale OSV database knowingly: the deps job warns and is complete (in CI it is otherwise incomplete, and the run exits 3)."
  )
  var allowMissingDb = false

  @Flag(help: "Also read lockfiles in node_modules, vendor, testdata and fixture folders.")
  var includeFixtures = false

  @Flag(help: "Leave out dev, optional and peer dependencies.")
  var prodOnly = false

  @Flag(help: "Leave out advisories that no released version fixes yet, as trivy does.")
  var ignoreUnfixed = false

  @Option(
    help: ArgumentHelp(
      "Accept a vulnerability by id or alias (repeatable); needs --reason.", valueName: "id"))
  var ignore: [String] = []

  @Option(help: ArgumentHelp("Why the --ignore'd vulnerabilities are accepted.", valueName: "text"))
  var reason: String?

  @Option(
    help: ArgumentHelp(
      "Until when --ignore holds (YYYY-MM-DD); after it they are reported again.", valueName: "date"
    ))
  var until: String?

  func validate() throws {
    if !ignore.isEmpty && reason == nil { throw ValidationError("--ignore needs --reason") }
    if let maxDbAge, maxDbAge <= 0 {
      throw ValidationError("--max-db-age takes a positive number of days")
    }
    if let until, until.count != 10 || until.split(separator: "-").count != 3 {
      throw ValidationError("--until takes a date as YYYY-MM-DD, not '\(until)'")
    }
  }

  /// Applies the flags over options read from `.parapet.toml`.
  func apply(to options: inout DepsOptions) {
    if let db { options.database = URL(fileURLWithPath: db).standardizedFileURL }
    if let maxDbAge { options.maxDatabaseAgeDays = maxDbAge }
    if allowMissingDb {
      options.databaseRequired = false
      options.databaseOptional = true
    }
    if includeFixtures { options.includeFixtures = true }
    if prodOnly { options.prodOnly = true }
    if ignoreUnfixed { options.ignoreUnfixed = true }
    options.ignores += ignore.map { DepsOptions.Ignore(id: $0, reason: reason ?? "", until: until) }
  }
}
