import Foundation
import ParapetCore

/// Checklist step 9 in a Dockerfile: the user the image runs as, base images that can move,
/// downloads `ADD` does not verify, credentials in `ARG` and `ENV`, and downloads piped into a
/// shell.
enum DockerfileChecks {
  /// The findings of one Dockerfile.
  static func findings(_ document: DockerfileDocument) -> [Finding] {
    var found: [Finding] = []
    var stages: Set<String> = []
    var finalStage: DockerfileDocument.Instruction?
    var finalUser: DockerfileDocument.Instruction?
    func report(
      _ id: String, _ instruction: DockerfileDocument.Instruction, _ message: String,
      severity: Severity? = nil
    ) {
      found.append(
        GatewayFinding.make(
          id, path: document.path, line: instruction.line, column: 1,
          length: instruction.keyword.count, content: "\(instruction.keyword) \(message)",
          severity: severity, format: GatewayFormat.dockerfile.rawValue, message))
    }
    for instruction in document.instructions {
      switch instruction.keyword {
      case "FROM":
        let words = instruction.arguments.split(whereSeparator: \.isWhitespace).map(String.init)
          .filter { !$0.hasPrefix("--") }
        guard let image = words.first else { continue }
        if words.count >= 3, words[1].lowercased() == "as" { stages.insert(words[2].lowercased()) }
        finalStage = instruction
        finalUser = nil
        if let message = baseImageProblem(image, stages: stages) {
          report("GW-CTR-007", instruction, message.text, severity: message.severity)
        }
      case "USER":
        finalUser = instruction
      case "ADD":
        let words = instruction.arguments.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.contains(where: { $0.hasPrefix("--checksum") }) else { continue }
        for source in words.dropLast() where isRemote(source) {
          report("GW-CTR-008", instruction, "ADD \(source) is fetched without a checksum")
        }
      case "ARG", "ENV":
        // An empty value holds nothing; an ARG without a default holds what the build passes.
        for (name, value) in assignments(instruction)
        where CredentialNames.matches(name) && value != "" {
          let what = value == nil ? "the value the build passes" : "its value"
          report(
            "GW-CTR-009", instruction,
            "\(instruction.keyword) \(name) keeps \(what) in the image's history or configuration")
        }
      case "RUN":
        if let pipe = downloadPipedIntoShell(instruction.arguments) {
          report("GW-CTR-010", instruction, "RUN pipes \(pipe) into a shell unverified")
        }
      default:
        continue
      }
    }
    if let finalStage {
      let user = finalUser?.arguments.split(separator: ":").first.map(String.init)
      if finalUser == nil {
        report("GW-CTR-006", finalStage, "the final stage sets no USER: the container runs as root")
      } else if let finalUser, user == "root" || user == "0" {
        report("GW-CTR-006", finalUser, "the final stage ends with USER \(finalUser.arguments)")
      }
    }
    return found
  }

  /// What is wrong with a base image reference, if anything: `latest` or no tag (medium), or a
  /// tag without a digest (low). Stages, `scratch` and references built from ARGs are skipped.
  private static func baseImageProblem(_ image: String, stages: Set<String>) -> (
    text: String, severity: Severity
  )? {
    let lower = image.lowercased()
    guard lower != "scratch", !stages.contains(lower), !image.contains("$"),
      !image.contains("@sha256:")
    else { return nil }
    let name = image.split(separator: "/").last ?? ""
    guard let colon = name.lastIndex(of: ":") else {
      return ("FROM \(image) has no tag: it is latest, which moves", .medium)
    }
    let tag = name[name.index(after: colon)...]
    if tag == "latest" { return ("FROM \(image) is latest, which moves", .medium) }
    return ("FROM \(image) is pinned by tag, not by digest", .low)
  }

  private static func isRemote(_ source: String) -> Bool {
    source.hasPrefix("http://") || source.hasPrefix("https://") || source.hasPrefix("git@")
  }

  /// The names an `ARG` or `ENV` sets, with their values (nil for an `ARG` without a default):
  /// `NAME=value …`, or the legacy `ENV NAME value`.
  private static func assignments(_ instruction: DockerfileDocument.Instruction) -> [(
    String, String?
  )] {
    let words = instruction.arguments.split(whereSeparator: \.isWhitespace).map(String.init)
    guard let first = words.first else { return [] }
    if instruction.keyword == "ENV", !first.contains("=") {
      return [(first, words.dropFirst().joined(separator: " "))]
    }
    return words.map { word in
      guard let equals = word.firstIndex(of: "=") else { return (word, nil) }
      let value = word[word.index(after: equals)...].trimmingCharacters(in: ["\"", "'"])
      return (String(word[..<equals]), value)
    }
  }

  /// `curl … | sh`, `wget -qO- … | sudo bash`: the download command piped, when there is one.
  private static func downloadPipedIntoShell(_ command: String) -> String? {
    let shells: Set<String> = ["sh", "bash", "zsh", "ash", "dash", "ksh"]
    for segment in command.components(separatedBy: "&&").flatMap({ $0.components(separatedBy: ";") }
    ) {
      let stages = segment.components(separatedBy: "|").map {
        $0.split(whereSeparator: \.isWhitespace).map(String.init)
      }
      guard stages.count >= 2,
        let downloader = stages[0].first(where: { $0 == "curl" || $0 == "wget" })
      else { continue }
      for stage in stages.dropFirst() {
        let program = stage.first == "sudo" ? stage.dropFirst().first : stage.first
        if let program, shells.contains((program as NSString).lastPathComponent) {
          return downloader
        }
      }
    }
    return nil
  }
}
