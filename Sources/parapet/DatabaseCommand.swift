import ArgumentParser
import Foundation
import ParapetDeps

/// `parapet db import | info | update`: the offline OSV database the deps job reads.
struct DatabaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db", abstract: "Manage the offline OSV database.",
    subcommands: [Import.self, Info.self, Update.self])

  /// The database folder flag every subcommand shares.
  struct Location: ParsableArguments {
    @Option(
      help: ArgumentHelp(
        "The database folder (default: $PARAPET_DB or ~/.cache/parapet/osv).", valueName: "path"))
    var db: String?

    var url: URL {
      db.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? DepsOptions.defaultDatabase()
    }
  }

  struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "import",
      abstract:
        "Copy OSV records (a folder of JSON files or all.zip archives) into the database and index them."
    )

    @Argument(help: "A folder of OSV JSON files or all.zip archives, or one zip.")
    var source: String

    @OptionGroup var location: Location

    func run() throws {
      let database = try DatabaseStore.importRecords(
        from: URL(fileURLWithPath: source), into: location.url)
      for problem in database.problems { print("skipped \(problem.path): \(problem.message)") }
      print("imported \(database.records.count) records into \(location.url.path)")
    }
  }

  struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "info",
      abstract: "Print the database's ecosystems, record counts and age.")

    @OptionGroup var location: Location

    func run() throws {
      guard FileManager.default.fileExists(atPath: location.url.path) else {
        throw UsageError(
          message:
            "no OSV database at \(location.url.path); run 'parapet db update' or 'parapet db import'"
        )
      }
      let database = try OSVDatabase.load(location.url)
      print("database: \(location.url.path)")
      if let imported = database.storage?.index.importedAt { print("imported: \(imported)") }
      print("newest record: \(database.newestModified ?? "none")")
      for (ecosystem, count) in database.counts.sorted(by: { $0.key < $1.key }) {
        print("\(ecosystem): \(count) records")
      }
    }
  }

  struct Update: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "update",
      abstract:
        "Download each ecosystem's all.zip from the OSV bucket and replace the database atomically."
    )

    @Option(
      parsing: .upToNextOption,
      help: ArgumentHelp(
        "The OSV ecosystems to fetch (default: every one Parapet reads lockfiles of).",
        valueName: "names"))
    var ecosystems: [String] = []

    @Option(help: ArgumentHelp("The server serving <url>/<ecosystem>/all.zip.", valueName: "url"))
    var url = DatabaseStore.defaultURL

    @OptionGroup var location: Location

    func run() async throws {
      let names =
        ecosystems.isEmpty
        ? Ecosystem.allCases.map(\.rawValue)
        : ecosystems.flatMap { $0.split(separator: ",").map(String.init) }
      let database = try DatabaseStore.update(
        ecosystems: names, from: url, into: location.url
      ) { print($0) }
      print("updated \(location.url.path): \(database.records.count) records")
    }
  }
}
