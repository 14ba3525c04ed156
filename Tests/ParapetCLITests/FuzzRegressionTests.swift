import Foundation
import ParapetTestSupport
import XCTest

/// Inputs `ci/fuzz.sh` found that crashed the binary, each kept as a test through it: every one
/// is now a one-line error naming the file and line, and the other files are still read.
final class FuzzRegressionTests: XCTestCase {
  /// A table header that does not start with a key aborted the process inside TOMLKit, in every
  /// TOML reader: lockfiles, `.parapet.toml`, gitleaks configs, Traefik files.
  func testIssue16ATOMLHeaderWithoutAKeyIsAnErrorInEveryTOMLReader() throws {
    let repo = try TemporaryRepository()
    try repo.write("rust/Cargo.lock", "version = 3\n\n[\u{12}\u{0}\u{0}]]\nname = \"serde\"\n")
    try repo.write("py/poetry.lock", "[[package]]\nname = \"requests\"\n\n[[\nname = \"psycopg\"\n")
    try repo.write("uv/uv.lock", "version = 1\n\n[.package]]\nname = \"app\"\n")
    try repo.write("uv2/uv.lock", "versio= [}}}}i.ornc\n")
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    let deps = try Command.parapet(["deps", repo.url.path, "--allow-missing-db"])
    XCTAssertEqual(deps.status, 0, deps.stderr)
    XCTAssertEqual(
      deps.stderr.split(separator: "\n").filter { $0.contains("table header") },
      [
        "deps: warning: py/poetry.lock:4: cannot read lockfile: invalid TOML: a table header must start with a key",
        "deps: warning: rust/Cargo.lock:3: cannot read lockfile: invalid TOML: a table header must start with a key",
        "deps: warning: uv/uv.lock:3: cannot read lockfile: invalid TOML: a table header must start with a key",
      ])
    XCTAssertTrue(
      deps.stderr.contains(
        "deps: warning: uv2/uv.lock:1: cannot read lockfile: invalid TOML: expected a value or ']' in the array\n"
      ), deps.stderr)

    try repo.write(".parapet.toml", "[=licenefaultIses]\nprojekt = \"\"\n")
    let config = try Command.parapet(["scan", repo.url.path])
    XCTAssertEqual(config.status, 2)
    XCTAssertEqual(
      config.stderr,
      "parapet: .parapet.toml:1:2: invalid TOML: a table header must start with a key\n")

    let outside = try TemporaryRepository(git: false)
    try outside.write("gitleaks.toml", Data([0x5B, 0x02, 0, 0, 0, 0x20, 0x74, 0x6E, 0x65]))
    let gitleaks = try Command.parapet([
      "secrets", outside.url.path, "--no-git", "--gitleaks-config",
      outside.url.appendingPathComponent("gitleaks.toml").path,
    ])
    XCTAssertEqual(gitleaks.status, 2)
    XCTAssertTrue(
      gitleaks.stderr.hasSuffix(
        "gitleaks.toml:1:2: invalid TOML: a table header must start with a key\n"), gitleaks.stderr)

    let gateway = try TemporaryRepository(git: false)
    try gateway.write(
      "traefik.toml", "[entryPoints.web]\n  address = \":80\"\n\n[[[entryPoints.websecure]\n")
    let traefik = try Command.parapet(["gateway", gateway.url.path])
    XCTAssertEqual(
      traefik.stderr,
      "gateway: warning: traefik.toml:4:3: invalid TOML: a table header must start with a key; not checked\n"
    )
  }

  /// An empty dependency reference (`""` in a package's `dependencies`) trapped on its first
  /// word; found after 1.6 million inputs.
  func testIssue16AnEmptyCargoDependencyIsAnError() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "rust/Cargo.lock",
      """
      version = 3

      [[package]]
      name = "engine"
      version = "0.1.0"
      dependencies = [
       "serde",
       "",
      ]

      [[package]]
      name = "serde"
      version = "1.0.200"
      source = "registry+https://github.com/rust-lang/crates.io-index"

      """)
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    let deps = try Command.parapet(["deps", repo.url.path, "--allow-missing-db"])
    XCTAssertEqual(deps.status, 0, deps.stderr)
    XCTAssertTrue(
      deps.stderr.contains(
        "deps: warning: rust/Cargo.lock:6: cannot read lockfile: a dependency is empty\n"),
      deps.stderr)
  }

  /// `racc)(` (a closing parenthesis before the opening one) was a range that cannot be formed.
  func testIssue16AGemfileSpecWithItsParenthesesReversedIsAnError() throws {
    let repo = try TemporaryRepository()
    try repo.write(
      "Gemfile.lock",
      "GEM\n  remote: https://rubygems.org/\n  specs:\n    nokogiri (1.12.5)\n    racc)(. 610.\n")
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    let result = try Command.parapet(["deps", repo.url.path, "--allow-missing-db"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "deps: warning: Gemfile.lock:5: cannot read lockfile: expected 'name (version)'\n"),
      result.stderr)
  }

  /// A line that is only `=` split into nothing, and its first part was read anyway.
  func testIssue16AGradleLockLineWithoutCoordinatesIsAnError() throws {
    let repo = try TemporaryRepository()
    try repo.write("gradle.lockfile", "junit:junit:4.13.0=testCompileClasspath\n=\n")
    try repo.write("requirements.txt", "urllib3==1.26.4\n")
    let result = try Command.parapet(["deps", repo.url.path, "--allow-missing-db"])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "deps: warning: gradle.lockfile:2: cannot read lockfile: expected 'group:artifact:version=configurations'\n"
      ), result.stderr)
  }
}

extension FuzzRegressionTests {
  /// An option that is only `=` split into nothing, and its name was read anyway.
  func testIssue16AnAllowedSignersOptionWithoutANameIsAnError() throws {
    let repo = try TemporaryRepository()
    try repo.write("README.md", "hello\n")
    try repo.commitAll("first")
    let trust = try TemporaryRepository(git: false)
    try trust.write(
      "allowed_signers",
      "# principals options key\nalice@example.org = ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIClz6E9a5KMmLe0XHgGa2QxqJrTtQCTutmal608IkRob\n"
    )
    let result = try Command.parapet([
      "signatures", repo.url.path, "--allowed-signers",
      trust.url.appendingPathComponent("allowed_signers").path,
    ])
    XCTAssertEqual(result.status, 2, result.stdout)
    XCTAssertTrue(
      result.stderr.hasSuffix("allowed_signers:2:1: unknown option '='\n"), result.stderr)
  }

  /// Two jars the image-archive target made from one with a manifest, each by changing one
  /// byte. In the first the central directory is said to start past the archive's end:
  /// ZIPFoundation's in-memory archive trapped there, reading a negative count. In the second
  /// the manifest's deflate stream is cut short by zeros: ZIPFoundation's extraction, which reads
  /// until the stream ends, looped on the end of the file for ever. Neither names
  /// anything; the image's other packages are still read.
  func testIssue16JarsWithADirectoryPastTheirEndOrAStreamCutShortNameNothing() throws {
    let jars = try [
      "UEsDBBQAAAgIAAAAIQDWxSazkQAAAPEAAAAUAAAATUVUQS1JTkYvTUFOSUZFU1QuTUZ1z8EKgzAQBNB7IP+wP5BEEQrNrfXkwZ7E+6LbNmASSZbS/n2tgpe293nMTIvBXSmz6illF4OFUhdS1ImQaVTnl4XTjMOdoMUHBaj0QVdSNH6eyFNg5AWpzvFEe7KO3seQoaMnf0V7CmNMqhktxHTTuBI9rEQKyD/APuwohRQX9LRas1mz2Wx4qTP/efH5JcUbUEsBAhUDFAAACAgAAAAhANbFJrORAAAA8QAAABQAAAAAAAAAAAAAAKSBAAAAAE1FVEEtSU5GL01BTklGRVNULk1GUEsFBgAAAAABAAEAQgAAAMMAADIAAA==",
      "UEsDBBQAAAgIAAAAIQDWxSazkQAAAPEAAAAUAAAATUVUQS1JTkYvTUFOSUZFU1QuTRd1z8EKgzAQBNB7IP+wP5BEEQrNrfXkwZ7E+6LbNmASSZbS/n2tgpe293nMTIvBXSmz6illF4OFUhdS1ImQaVTnl4XTjMOdoMUHBaj0QVdSNH6eyFNg5AWpzvFEe7KO3seQoaMnf0V7CmNMqhktxHTTuBI9rEQKyD/APuwohRQX9LRas1mz2Wx4qQcAAAAAAAAAUEsBAhUDFAAACAgAAAAhANbFJrORAAAA8QAAABQAAAAAAAAAAAAAAKSBAAAAAE1FVEEtSU5GL01BTklGRVNULk1GUEsFBgAAAAABAAEAQgAAAMMAAAAAAA==",
    ].map { try XCTUnwrap(Data(base64Encoded: $0)) }
    let folder = try TemporaryRepository(git: false)
    try TestImage.writeDockerArchive(
      TestImage.Image(
        layers: [
          [
            .bytes("opt/past-end/commons-text-1.9.jar", Array(jars[0])),
            .bytes("opt/cut-short/commons-text-1.9.jar", Array(jars[1])),
            .file("app/requirements.txt", "urllib3==1.26.4\n"),
          ]
        ], user: "65534", healthcheck: ["CMD", "true"]), tag: "java:1",
      to: folder.url.appendingPathComponent("java.tar"))
    let result = try Command.parapet(
      [
        "image", "java.tar", "--skip", "secrets,licenses", "--allow-missing-db", "--sbom",
        "sbom.json",
      ], in: folder.url)
    XCTAssertEqual(result.status, 0, result.stderr)
    let sbom = try String(
      contentsOf: folder.url.appendingPathComponent("sbom.json"), encoding: .utf8)
    XCTAssertTrue(sbom.contains("pkg:pypi/urllib3@1.26.4"), sbom)
    XCTAssertFalse(sbom.contains("pkg:maven"), sbom)
  }
}
