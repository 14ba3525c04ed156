import Foundation

// libFuzzer's `main` runs the fuzzer; these two functions are what it calls. The first argument
// names the target and is taken out before libFuzzer reads its flags:
//
//     parapet-fuzz TARGET [libFuzzer flags] [corpus folders]   fuzz one parser
//     parapet-fuzz --list                                       the targets, one per line
//     parapet-fuzz --corpus OUT SEEDS                           sort seeds into OUT/TARGET/
//
// SEEDS holds files as `NAME/ANY`: a fixture's file name, then one file per content; a seed goes
// to every target that reads files of that name.

/// The target being fuzzed; libFuzzer's callbacks are C functions and cannot capture it.
nonisolated(unsafe) private var selected: FuzzTarget?

/// Prints a one-line error and exits 2.
func fail(_ message: String) -> Never {
  FileHandle.standardError.write(Data("parapet-fuzz: \(message)\n".utf8))
  exit(2)
}

@_cdecl("LLVMFuzzerInitialize")
func initialize(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>
) -> CInt {
  let arguments = (0..<Int(argc.pointee)).compactMap { index in
    argv.pointee[index].map { String(cString: $0) }
  }
  guard arguments.count >= 2 else {
    fail("usage: parapet-fuzz TARGET [libFuzzer flags] | --list | --corpus OUT SEEDS")
  }
  switch arguments[1] {
  case "--list":
    for target in FuzzTargets.all { print(target.name) }
    exit(0)
  case "--corpus":
    guard arguments.count == 4 else { fail("usage: parapet-fuzz --corpus OUT SEEDS") }
    do {
      let counts = try SeedCorpus.sort(
        seeds: URL(fileURLWithPath: arguments[3]), into: URL(fileURLWithPath: arguments[2]))
      for target in FuzzTargets.all { print("\(target.name)\t\(counts[target.name] ?? 0)") }
      exit(0)
    } catch {
      fail("\(error)")
    }
  default:
    guard let target = FuzzTargets.all.first(where: { $0.name == arguments[1] }) else {
      fail("no target '\(arguments[1])'; --list shows them")
    }
    selected = target
    target.prepare()
    // libFuzzer reads the arguments after this call: the target's name is not one of its flags.
    for index in 1..<Int(argc.pointee) { argv.pointee[index] = argv.pointee[index + 1] }
    argc.pointee -= 1
    return 0
  }
}

@_cdecl("LLVMFuzzerTestOneInput")
func testOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
  selected?.run(size == 0 ? [] : Array(UnsafeBufferPointer(start: data, count: size)))
  return 0
}
