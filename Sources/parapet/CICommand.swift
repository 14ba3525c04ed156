import ArgumentParser
import Foundation

/// `parapet ci github | gitlab`: a ready CI configuration on standard output.
struct CICommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ci",
    abstract:
      "Print a ready CI configuration: a GitHub Actions workflow or a GitLab CI job (also in ci/ of Parapet's source)."
  )

  /// The CI services with a template.
  enum Service: String, ExpressibleByArgument, CaseIterable {
    case github, gitlab

    var template: String {
      switch self {
      case .github: "ci/github/parapet.yml"
      case .gitlab: "ci/gitlab/parapet.gitlab-ci.yml"
      }
    }
  }

  @Argument(help: "github or gitlab.")
  var service: Service

  func run() throws {
    print(Self.filled(EmbeddedTemplates.text(service.template)))
  }

  /// A template with this release's action and image: the action pinned by the release's commit
  /// (by its version tag in a development build, which knows no commit).
  static func filled(_ template: String) -> String {
    let action =
      BuildInfo.commit.map { "\(Parapet.repository)@\($0) # v\(Parapet.version)" }
      ?? "\(Parapet.repository)@v\(Parapet.version)"
    return template.replacingOccurrences(of: "PARAPET_ACTION", with: action)
      .replacingOccurrences(of: "PARAPET_IMAGE", with: "\(Parapet.image):\(Parapet.version)")
  }
}

/// `parapet init`: a commented starter `.parapet.toml`.
struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Write a commented starter .parapet.toml (every key, at its default, commented out).")

  @Argument(help: "The repository or folder.")
  var path = "."

  @Flag(help: "Replace an existing .parapet.toml.")
  var force = false

  func run() throws {
    let root = try UsageError.directory(path)
    let file = root.appendingPathComponent(".parapet.toml")
    if FileManager.default.fileExists(atPath: file.path) && !force {
      throw UsageError(message: "\(file.path) exists; pass --force to replace it")
    }
    try (EmbeddedTemplates.text("ci/starter.parapet.toml") + "\n").write(
      to: file, atomically: true, encoding: .utf8)
    print("parapet: wrote \(file.path)")
  }
}

extension EmbeddedTemplates {
  /// An embedded file's text by its path in the source tree.
  static func text(_ path: String) -> String {
    files.first { $0.path == path }?.text ?? ""
  }
}
