import ArgumentParser
import ParapetSecrets

/// `parapet rules list | explain ID`: the rules, from their data files.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules", abstract: "List the secret rules or explain one.",
    subcommands: [List.self, Explain.self])

  struct List: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List every rule: id, severity, title.")

    func run() throws {
      let rules = try RuleCatalog.defaults().rules
      let width = rules.map(\.id.count).max() ?? 0
      for rule in rules.sorted(by: { $0.id < $1.id }) {
        let id = rule.id.padding(toLength: width, withPad: " ", startingAt: 0)
        let severity = rule.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        print("\(id)  \(severity)  \(rule.title)")
      }
      print("\(rules.count) rules")
    }
  }

  struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print everything about one rule.")

    @Argument(help: "The rule id, as `rules list` prints it.")
    var id: String

    func run() throws {
      guard let rule = try RuleCatalog.defaults().rules.first(where: { $0.id == id }) else {
        throw UsageError(message: "no rule '\(id)'; see 'parapet rules list'")
      }
      var lines = [
        "\(rule.id): \(rule.title)", "", rule.description, "",
        "severity: \(rule.severity.rawValue)",
        "keywords: \(rule.keywords.isEmpty ? "(none: runs on every file)" : rule.keywords.joined(separator: ", "))",
        "regex: \(rule.regex)",
      ]
      if let entropy = rule.entropy {
        lines.append("minimum entropy: \(entropy) bits per character")
      }
      if let path = rule.pathRegex { lines.append("only paths matching: \(path)") }
      lines += ["defined in: \(rule.source)", "", "what to do: \(rule.help)"]
      if !rule.references.isEmpty {
        lines += ["", "references:"] + rule.references.map { "  \($0)" }
      }
      print(lines.joined(separator: "\n"))
    }
  }
}
