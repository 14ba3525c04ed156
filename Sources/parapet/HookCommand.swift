import ArgumentParser
import Foundation
import ParapetCore
import ParapetGit

/// `parapet hook install | uninstall`: the git hook that runs `parapet scan --pre-commit` (or
/// `--pre-push`), chained to the hook that was there before.
struct HookCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "hook", abstract: "Install or remove parapet's git pre-commit or pre-push hook.",
    subcommands: [HookInstallCommand.self, HookUninstallCommand.self])

  /// The marker that tells parapet's hook from any other.
  static let marker = "# parapet-hook"

  /// Which hook, and where it and the hook it replaced live.
  struct Place {
    let name: String
    let hook: URL
    let previous: URL

    init(repositoryPath: String, prePush: Bool) throws {
      let repository = try GitRepository.open(containing: repositoryPath)
      name = prePush ? "pre-push" : "pre-commit"
      let folder = URL(fileURLWithPath: repository.hooksDirectory)
      hook = folder.appendingPathComponent(name)
      previous = folder.appendingPathComponent("\(name).parapet-previous")
    }

    var isOurs: Bool {
      guard let data = FileManager.default.contents(atPath: hook.path) else { return false }
      return String(decoding: data, as: UTF8.self).contains(HookCommand.marker)
    }
  }
}

/// `parapet hook install [PATH] [--pre-push]`.
struct HookInstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "install",
    abstract:
      "Install the hook into .git/hooks (or core.hooksPath); a hook already there is kept and runs first."
  )

  @Argument(help: "The repository.")
  var path = "."

  @Flag(help: "Install the pre-push hook, which scans the commits being pushed.")
  var prePush = false

  func run() throws {
    let place = try HookCommand.Place(repositoryPath: path, prePush: prePush)
    let manager = FileManager.default
    try manager.createDirectory(
      at: place.hook.deletingLastPathComponent(), withIntermediateDirectories: true)
    if manager.fileExists(atPath: place.hook.path) && !place.isOurs {
      guard !manager.fileExists(atPath: place.previous.path) else {
        throw ParapetCoreError.io(
          path: place.previous.path, "a chained hook is already kept here; remove it first")
      }
      try manager.moveItem(at: place.hook, to: place.previous)
    }
    try Data(script(place).utf8).write(to: place.hook, options: .atomic)
    try manager.setAttributes([.posixPermissions: 0o755], ofItemAtPath: place.hook.path)
    let chained = manager.fileExists(atPath: place.previous.path)
    print(
      "parapet: installed the \(place.name) hook at \(place.hook.path)"
        + (chained ? "; the hook that was there runs first" : ""))
  }

  /// The hook: run the previous hook, then parapet.
  private func script(_ place: HookCommand.Place) -> String {
    let binary = Self.binaryPath()
    let mode = prePush ? "--pre-push" : "--pre-commit"
    let replay = prePush ? " < \"$input\"" : ""
    return """
      #!/bin/sh
      \(HookCommand.marker): installed by `parapet hook install`; `parapet hook uninstall` puts back
      # the hook that was here before, kept as \(place.previous.lastPathComponent).
      hooks=$(dirname "$0")
      \(prePush ? "input=$(mktemp)\ntrap 'rm -f \"$input\"' EXIT\ncat > \"$input\"\n" : "")\
      if [ -x "$hooks/\(place.previous.lastPathComponent)" ]; then
        "$hooks/\(place.previous.lastPathComponent)" "$@"\(replay) || exit $?
      fi
      # parapet prints nothing when it lets the change through, and, when it stops it, each
      # finding with the line that would accept it.
      '\(binary)' scan \(mode)\(replay)

      """
  }

  /// The running binary's absolute path, so the hook works without parapet on PATH.
  private static func binaryPath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
      ?? CommandLine.arguments[0]
  }
}

/// `parapet hook uninstall [PATH] [--pre-push]`.
struct HookUninstallCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "uninstall", abstract: "Remove parapet's hook and put back the one it chained.")

  @Argument(help: "The repository.")
  var path = "."

  @Flag(help: "Remove the pre-push hook.")
  var prePush = false

  func run() throws {
    let place = try HookCommand.Place(repositoryPath: path, prePush: prePush)
    let manager = FileManager.default
    guard manager.fileExists(atPath: place.hook.path) else {
      print("parapet: no \(place.name) hook is installed")
      return
    }
    guard place.isOurs else {
      throw ParapetCoreError.io(
        path: place.hook.path, "this hook was not installed by parapet; it is left alone")
    }
    try manager.removeItem(at: place.hook)
    if manager.fileExists(atPath: place.previous.path) {
      try manager.moveItem(at: place.previous, to: place.hook)
      print("parapet: removed the \(place.name) hook; the previous hook is back")
    } else {
      print("parapet: removed the \(place.name) hook")
    }
  }
}
