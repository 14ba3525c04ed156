import ArgumentParser

/// `parapet completion bash|zsh|fish`: the shell's completion script, from the command
/// definitions themselves (swift-argument-parser writes it), so it cannot drift from them.
struct CompletionCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "completion",
    abstract:
      "Print the completion script of a shell: parapet completion bash > /etc/bash_completion.d/parapet"
  )

  @Argument(help: "bash, zsh or fish.")
  var shell: CompletionShell

  func run() throws {
    print(Parapet.completionScript(for: shell))
  }
}

extension CompletionShell: @retroactive ExpressibleByArgument {}
