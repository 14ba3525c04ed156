import ArgumentParser
import Foundation
import ParapetCore
import ParapetDeps
import ParapetImage

/// `parapet db import | info | update`: the offline OSV database the deps job reads.
struct DatabaseCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "db", abstract: "Manage the offline OSV database.",
    subcommands: [Import.self, Info.self, Update.self, Ecosystems.self])

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
      var rows = [["ecosystem", "records", "newest record"]]
      for (ecosystem, count) in database.counts.sorted(by: { $0.key < $1.key }) {
        rows.append([ecosystem, "\(count)", database.newestByEcosystem[ecosystem] ?? "unknown"])
      }
      let widths = rows[0].indices.map { column in rows.map { $0[column].count }.max() ?? 0 }
      print("")
      for row in rows {
        print(
          row.enumerated().map { column, cell in
            cell.padding(toLength: widths[column], withPad: " ", startingAt: 0)
          }.joined(separator: "  ").trimmingCharacters(in: .whitespaces))
      }
    }
  }

  struct Ecosystems: ParsableCommand {
    static let configuration = CommandConfiguration(
      commandName: "ecosystems",
      abstract:
        "Print the OSV ecosystems of the lockfiles under PATH, one a line: what 'db update' needs to fetch for it."
    )

    @Argument(help: "The repository or folder.")
    var path = "."

    @Option(
      help: ArgumentHelp(
        "Print those of an image instead: its distribution's (Debian:12) and its lockfiles'.",
        valueName: "image"))
    var image: String?

    func run() throws {
      guard let image else {
        for name in try Update.ecosystems(under: UsageError.directory(path)) { print(name) }
        return
      }
      for name in try Self.ecosystems(ofImage: image) { print(name) }
    }

    /// The OSV ecosystems of an image's OS packages (with the release: `Debian:12`) and of
    /// the lockfiles in it. The rpm packages of a distribution OSV has no advisories for are
    /// left out, with a note on stderr: no download would match them.
    static func ecosystems(ofImage path: String) throws -> [String] {
      let image = try ImageCommand.open(path, platform: nil, cancellation: Cancellation())
      var notices: [Notice] = []
      var coverage = Coverage()
      let lockfiles =
        image.installedPackages()
        + LockfileReader.read(
          image.files, includeFixtures: false, notices: &notices, coverage: &coverage)
      var packages = lockfiles.flatMap(\.packages)
      if !image.auditsRpmPackages, packages.contains(where: { $0.ecosystem.versionScheme == .rpm })
      {
        packages.removeAll { $0.ecosystem.versionScheme == .rpm }
        let release = image.release
        let name = release?.prettyName ?? release?.id ?? "the image's distribution"
        FileHandle.standardError.write(
          Data("note: \(name) has no OSV advisories; its rpm packages need none fetched\n".utf8))
      }
      // The rpm distributions' advisories come whole (`Rocky Linux`): their release
      // ecosystems carry the repository too (`Red Hat:enterprise_linux:9::baseos`).
      return Set(
        packages.map {
          $0.ecosystem.versionScheme == .rpm ? $0.ecosystem.rawValue : $0.osvEcosystem
        }
      ).sorted()
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

    @Option(
      name: .customLong("for"),
      help: ArgumentHelp(
        "Fetch only the ecosystems of the lockfiles under this folder (what a CI job needs).",
        valueName: "path"))
    var project: String?

    @Option(
      parsing: .singleValue,
      help: ArgumentHelp(
        "Also fetch the ecosystems of a built image's packages (Debian:12 and its lockfiles'); repeatable.",
        valueName: "image"))
    var forImage: [String] = []

    @Option(
      help: ArgumentHelp(
        "Do nothing when the database is younger than this many days (CI caches keep it).",
        valueName: "days"))
    var ifOlderThan: Int?

    @Option(help: ArgumentHelp("The server serving <url>/<ecosystem>/all.zip.", valueName: "url"))
    var url = DatabaseStore.defaultURL

    @OptionGroup var location: Location

    func validate() throws {
      if (project != nil || !forImage.isEmpty) && !ecosystems.isEmpty {
        throw ValidationError("--ecosystems and --for (or --for-image) exclude one another")
      }
    }

    func run() async throws {
      if let days = ifOlderThan, let age = try Self.age(of: location.url), age < days {
        print("the database at \(location.url.path) is \(age) days old; not updated")
        return
      }
      var names =
        ecosystems.isEmpty
        ? Ecosystem.allCases.filter { !$0.isOperatingSystem }.map(\.rawValue)
        : ecosystems.flatMap { $0.split(separator: ",").map(String.init) }
      if project != nil || !forImage.isEmpty {
        names = try project.map { try Self.ecosystems(under: UsageError.directory($0)) } ?? []
        for image in forImage { names += try Ecosystems.ecosystems(ofImage: image) }
        names = Array(Set(names)).sorted()
        guard !names.isEmpty else {
          print("nothing to fetch: no lockfile, and no OS package OSV has advisories for")
          return
        }
      }
      let database = try DatabaseStore.update(
        ecosystems: names, from: url, into: location.url
      ) { print($0) }
      print("updated \(location.url.path): \(database.records.count) records")
    }

    /// The OSV ecosystems of the lockfiles under a folder.
    static func ecosystems(under root: URL) throws -> [String] {
      var notices: [Notice] = []
      var coverage = Coverage()
      let lockfiles = LockfileReader.read(
        WorkTreeSource(root: root.path), includeFixtures: false, notices: &notices,
        coverage: &coverage)
      return Set(lockfiles.flatMap(\.packages).map(\.ecosystem.rawValue)).sorted()
    }

    /// The database's age in whole days by its newest record, or nil when there is none.
    static func age(of url: URL) throws -> Int? {
      guard FileManager.default.fileExists(atPath: url.path),
        let newest = try OSVDatabase.load(url).newestModified,
        let date = ISO8601DateFormatter().date(from: String(newest.prefix(19)) + "Z")
      else { return nil }
      return Int(Date().timeIntervalSince(date) / 86_400)
    }
  }
}
