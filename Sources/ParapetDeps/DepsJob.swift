import Foundation
import ParapetCore

/// The `deps` job: known vulnerabilities of locked dependencies, from an offline OSV database.
public struct DepsJob: ScanJob {
  public let name = "deps"
  public let options: DepsOptions
  /// Packages found outside lockfiles (an image's OS and installed language packages), as
  /// lockfiles, checked with the lockfiles'.
  public let installedPackages: [Lockfile]

  /// Creates the job.
  /// - Parameters:
  ///   - options: the resolved options.
  ///   - installedPackages: packages found outside lockfiles, as lockfiles.
  public init(options: DepsOptions, installedPackages: [Lockfile] = []) {
    self.options = options
    self.installedPackages = installedPackages
  }

  public func run(_ context: ScanContext) async throws -> JobResult {
    let snapshot = try LockfileCache.shared.read(context, includeFixtures: options.includeFixtures)
    var notices = snapshot.notices
    var coverage = snapshot.coverage
    coverage.files += installedPackages.count
    let lockfiles = snapshot.lockfiles + installedPackages
    notices += UnlockedManifests.notices(
      in: context.source, includeFixtures: options.includeFixtures)
    if lockfiles.isEmpty && coverage.skipped.isEmpty {
      notices.append(Notice(.warning, "no lockfile was found: no dependency was checked"))
    }
    let databaseURL = options.database ?? DepsOptions.defaultDatabase()
    var database = OSVDatabase()
    var incomplete = !coverage.skipped.isEmpty
    var facts: [String: PropertyValue] = [:]
    if FileManager.default.fileExists(atPath: databaseURL.path) {
      database = try OSVDatabase.load(databaseURL)
      facts = Self.facts(database, at: databaseURL)
      for problem in database.problems {
        notices.append(
          Notice(.warning, "skipped database record: \(problem.message)", path: problem.path))
      }
      let stale = staleness(database, at: databaseURL)
      notices += stale
      if !stale.isEmpty && options.databaseRequired { incomplete = true }
    } else {
      incomplete = incomplete || !options.databaseOptional
      notices.append(
        Notice(
          .warning,
          "no OSV database at \(databaseURL.path): vulnerabilities were not checked; run 'parapet db update' or pass --db"
        ))
    }
    let packages = lockfiles.flatMap(\.packages).filter { !options.prodOnly || $0.scope == .prod }
    var findings: [Finding] = []
    var rules: [String: RuleDescriptor] = [:]
    let today = String(ISO8601DateFormatter().string(from: Date()).prefix(10))
    let paths = Dictionary(
      lockfiles.map { ($0.path, $0.dependencyPaths) }, uniquingKeysWith: { first, _ in first })
    var malformed = Set<String>()
    for match in VulnerabilityMatcher.matches(packages, in: database)
    where !(options.ignoreUnfixed && match.fixed == nil) {
      for message in match.malformedVectors where malformed.insert(message).inserted {
        notices.append(Notice(.warning, "\(message); its severity comes from its other scores"))
      }
      let ids = Set([match.id] + match.aliases)
      if let ignore = options.ignores.first(where: { ids.contains($0.id) }) {
        if let until = ignore.until, until < today {
          notices.append(
            Notice(.warning, "the ignore of \(ignore.id) expired on \(until); it is reported again")
          )
        } else {
          continue
        }
      }
      let chain = paths[match.package.path]?.path(to: match.package) ?? [match.package]
      findings.append(finding(for: match, chain: chain))
      rules[match.id] = rules[match.id] ?? descriptor(for: match)
    }
    if let failure = LockfileReader.failure(lockfiles, coverage: coverage, notices: notices) {
      throw failure
    }
    var result = JobResult(
      job: name, status: incomplete ? .incomplete : .complete, findings: findings,
      notifications: notices, checked: packages.map(Self.unit),
      unitProperties: Self.graph(packages), rules: rules.values.sorted { $0.id < $1.id },
      coverage: coverage)
    result.properties = facts
    return result
  }

  /// What the report says of the database: where it is, how many records it holds, and how old
  /// its newest record is.
  private static func facts(_ database: OSVDatabase, at url: URL) -> [String: PropertyValue] {
    var facts: [String: PropertyValue] = [
      "database": .string(url.path),
      "databaseRecords": .int(database.counts.values.reduce(0, +)),
    ]
    if let newest = database.newestModified {
      facts["databaseNewestRecord"] = .string(String(newest.prefix(10)))
      if let date = ISO8601DateFormatter().date(from: String(newest.prefix(19)) + "Z") {
        facts["databaseAgeDays"] = .int(max(0, Int(Date().timeIntervalSince(date) / 86_400)))
      }
    }
    return facts
  }

  private func staleness(_ database: OSVDatabase, at url: URL) -> [Notice] {
    guard let newest = database.newestModified,
      let date = ISO8601DateFormatter().date(from: String(newest.prefix(19)) + "Z")
    else { return [Notice(.warning, "the OSV database at \(url.path) is empty")] }
    let days = Int(Date().timeIntervalSince(date) / 86_400)
    guard days > options.maxDatabaseAgeDays else { return [] }
    return [
      Notice(
        .warning,
        "the OSV database is \(days) days old (newest record \(newest.prefix(10))); run 'parapet db update'"
      )
    ]
  }

  private func finding(for match: VulnerabilityMatch, chain: [Package]) -> Finding {
    let package = match.package
    let fix = match.fixed.map { "; fixed in \($0)" } ?? "; no fixed version"
    var properties: [String: PropertyValue] = [
      "package": .string(package.name), "ecosystem": .string(package.ecosystem.rawValue),
      "installedVersion": .string(package.version), "aliases": .strings(match.aliases),
      "dependencyPath": .string(chain.map { "\($0.name) \($0.version)" }.joined(separator: " → ")),
      "scope": .string(package.scope.rawValue), "direct": .bool(package.direct),
      "purl": .string(package.purl), "severityBasis": .string(match.severityBasis),
      "summary": .string(match.summary),
    ]
    if let fixed = match.fixed { properties["fixedVersion"] = .string(fixed) }
    if let fixAll = match.fixAll {
      properties["fixAll"] = .string(fixAll)
      properties["fixAllIsNewMajor"] = .bool(
        UpgradeAdvice.isNewMajor(from: package.version, to: fixAll))
    }
    properties["vulnerabilitiesOfPackage"] = .int(match.vulnerabilitiesOfPackage)
    if let score = match.score { properties["cvss"] = .string(String(format: "%.1f", score)) }
    if let vector = match.vector { properties["cvssVector"] = .string(vector) }
    return Finding(
      job: name, ruleId: match.id, severity: match.severity,
      message:
        "'\(package.name) \(package.version)' is affected by \(match.id): \(match.summary)\(fix)",
      location: Location(
        path: package.path, startLine: package.line, startColumn: 1, endLine: package.line,
        endColumn: 1),
      fingerprint: Fingerprint.make(
        ruleId: match.id, path: package.path,
        contentDigest: Fingerprint.sha256Hex(
          Array("\(package.ecosystem.rawValue)/\(package.name)@\(package.version)".utf8))),
      properties: properties, unit: Self.unit(package))
  }

  private func descriptor(for match: VulnerabilityMatch) -> RuleDescriptor {
    RuleDescriptor(
      id: match.id, title: match.summary,
      description: match.details.isEmpty ? match.summary : String(match.details.prefix(2000)),
      severity: match.severity,
      help:
        "Upgrade the package to a version that fixes \(match.id) (each finding names the nearest one for the installed line), or remove it. Aliases: \(match.aliases.joined(separator: ", ")).",
      references: match.references, tags: ["security", "vulnerability", "dependency"])
  }

  /// What each package unit is in the graph: direct or not, its scope, and the units it depends
  /// on (for the HTML report's dependency tree, and the JSON report's `checkedDetails`).
  static func graph(_ packages: [Package]) -> [String: [String: PropertyValue]] {
    var units: [String: [String: PropertyValue]] = [:]
    for package in packages {
      var properties: [String: PropertyValue] = [
        "direct": .bool(package.direct), "scope": .string(package.scope.rawValue),
      ]
      if !package.dependencies.isEmpty {
        properties["dependsOn"] = .strings(package.dependencies.map { "\(package.path) \($0)" })
      }
      units[unit(package)] = properties
    }
    return units
  }

  /// The JUnit test case of a package: its lockfile and `name@version`.
  static func unit(_ package: Package) -> String {
    "\(package.path) \(package.name)@\(package.version)"
  }
}
