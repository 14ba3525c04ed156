import ArgumentParser
import Foundation

/// `parapet version [--json]`: the version, and for a release its commit and build date.
struct VersionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "version", abstract: "Print the version, and a release's commit and build date.")

  @Flag(help: "Print {\"version\", \"commit\", \"date\"} as JSON.")
  var json = false

  func run() throws {
    guard json else {
      print("parapet \(Parapet.versionLine)")
      return
    }
    var fields: [String: Any] = ["version": Parapet.version]
    fields["commit"] = BuildInfo.commit
    fields["date"] = BuildInfo.date
    let data = try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
  }
}
