import ArgumentParser
import Foundation
import ParapetCore
import ParapetDeps
import ParapetImage
import ParapetLicenses
import ParapetReport
import ParapetSBOM

/// `parapet sbom [PATH]`: a bill of materials of the locked dependency graph.
struct SBOMCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sbom",
    abstract:
      "Write a CycloneDX 1.6 or SPDX 2.3 bill of materials of the lockfiles under PATH, or of a built image."
  )

  /// The SBOM formats.
  enum Format: String, CaseIterable, ExpressibleByArgument {
    case cyclonedxJSON = "cyclonedx-json"
    case cyclonedxXML = "cyclonedx-xml"
    case spdxJSON = "spdx-json"
  }

  @Argument(help: "The repository or folder whose lockfiles to describe.")
  var path = "."

  @Option(help: "The output format.")
  var format: Format = .cyclonedxJSON

  @Option(
    name: .shortAndLong,
    help: ArgumentHelp("Write to this file (default: standard output).", valueName: "file"))
  var output: String?

  @Flag(
    help:
      "Byte-identical output across runs: timestamp from SOURCE_DATE_EPOCH (or 1970), serial from the content."
  )
  var reproducible = false

  @Flag(help: "Also read lockfiles in node_modules, vendor, testdata and fixture folders.")
  var includeFixtures = false

  @Option(
    help: ArgumentHelp(
      "Describe a built image instead of PATH (docker-archive or oci-archive tar, or OCI layout folder): its OS and installed packages and its lockfiles.",
      valueName: "image"))
  var image: String?

  @Option(
    help: ArgumentHelp(
      "With --image, the platform to read from a multi-platform index (default linux/amd64), or that a single image must be.",
      valueName: "platform"))
  var platform: String?

  func run() throws {
    let sink = try ReportSink.check(output ?? "-")
    if let image {
      let read = try ImageCommand.open(image, platform: platform, cancellation: Cancellation())
      let readable = try Self.write(
        read.files, named: read.name, installedPackages: read.installedPackages(), isImage: true,
        format: format, to: sink, includeFixtures: includeFixtures, reproducible: reproducible,
        quiet: false)
      if !readable { throw RunOutcome(code: ExitStatus.jobFailed) }
      return
    }
    let root = try UsageError.directory(path)
    let readable = try Self.write(
      WorkTreeSource(root: root.path), named: root.lastPathComponent, format: format, to: sink,
      includeFixtures: includeFixtures,
      reproducible: reproducible, quiet: false)
    if !readable { throw RunOutcome(code: ExitStatus.jobFailed) }
  }

  /// Reads the lockfiles of a source and writes their SBOM.
  /// - Parameters:
  ///   - source: the scanned folder's files, or an image's.
  ///   - name: the root component's name: the folder's, or the image's.
  ///   - installedPackages: packages found outside lockfiles (an image's OS packages).
  ///   - isImage: the root component is a container image (with no project license).
  ///   - format: the output format.
  ///   - sink: where to write it (checked before any work).
  ///   - includeFixtures: read lockfiles in installed trees and fixture folders too.
  ///   - reproducible: fixed timestamp and content-derived serial (also when SOURCE_DATE_EPOCH is set).
  ///   - quiet: leave out the notes about lockfiles on standard error.
  /// - Returns: false when lockfiles exist but none could be read.
  /// - Throws: when the file cannot be written.
  static func write(
    _ source: any FileSource, named name: String, installedPackages: [Lockfile] = [],
    isImage: Bool = false, format: Format, to sink: ReportSink, includeFixtures: Bool,
    reproducible: Bool, quiet: Bool
  ) throws -> Bool {
    var notices: [Notice] = []
    var coverage = Coverage()
    let lockfiles =
      installedPackages
      + LockfileReader.read(
        source, includeFixtures: includeFixtures, notices: &notices, coverage: &coverage)
    let licenses = ComponentLicense.byPurl(lockfiles, source: source, notices: &notices)
    let console = Console()
    for notice in notices where !quiet || notice.level != .note {
      let message = ScanPipeline.redaction(notice.message)
      console.message(
        TerminalText.escaped("parapet: \(notice.level.rawValue): \(notice.place)\(message)") + "\n")
    }
    let fixed = reproducible || ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"] != nil
    var bom = BillOfMaterials(
      lockfiles: lockfiles, projectName: name, licenses: licenses,
      reproducible: fixed)
    if isImage {
      bom.rootType = "container"
    } else {
      var ignored: [Notice] = []
      bom.projectLicense = ProjectLicense.evidence(in: source, notices: &ignored).first.map(
        ComponentLicense.init)
    }
    let data: Data
    switch format {
    case .cyclonedxJSON: data = CycloneDXJSONWriter.render(bom, toolVersion: Parapet.version)
    case .cyclonedxXML: data = CycloneDXXMLWriter.render(bom, toolVersion: Parapet.version)
    case .spdxJSON: data = try SPDXWriter.render(bom, toolVersion: Parapet.version)
    }
    try sink.write(data)
    if !quiet && !sink.isStandardOutput {
      console.message(
        "parapet: wrote \(sink.shown): \(bom.components.count) components from \(lockfiles.count) lockfiles\n"
      )
    }
    return LockfileReader.failure(lockfiles, coverage: coverage, notices: notices) == nil
  }
}
