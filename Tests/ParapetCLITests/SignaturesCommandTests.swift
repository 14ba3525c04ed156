import Foundation
import ParapetTestSupport
import XCTest

/// `parapet signatures` on the shared signed-repository fixture: every commit gets git's own
/// letter (`U` and `E` may swap for keys parapet was not given), with a reason code.
final class SignaturesCommandTests: XCTestCase {
  /// The fixture, built once for the class by `../shared/fixtures-recipes/make-signed-repo.sh`.
  private static let fixture: Result<URL, Error> = Result {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "parapet-signed-\(UUID().uuidString)")
    let build = try Command.run(
      URL(fileURLWithPath: "/bin/bash"),
      [
        TestPaths.shared.appendingPathComponent("fixtures-recipes/make-signed-repo.sh").path,
        folder.path,
      ])
    guard build.status == 0 else {
      throw NSError(
        domain: "fixture", code: Int(build.status),
        userInfo: [NSLocalizedDescriptionKey: "make-signed-repo.sh failed: \(build.stderr)"])
    }
    // The trusted keyring's own keys (those it holds the secret part of): leo's key, imported
    // there without ownertrust, is left out, so parapet says E where git says U.
    let home = folder.appendingPathComponent("gnupg").path
    let secret = try Command.run(
      URL(fileURLWithPath: "/usr/bin/gpg"),
      ["--homedir", home, "--batch", "--with-colons", "--list-secret-keys"])
    let fingerprints = secret.stdout.split(separator: "\n").filter { $0.hasPrefix("fpr:") }
      .map { String($0.split(separator: ":", omittingEmptySubsequences: false)[9]) }
    let export = try Command.run(
      URL(fileURLWithPath: "/usr/bin/gpg"),
      ["--homedir", home, "--batch", "--armor", "--export"] + fingerprints)
    try Data(export.stdout.utf8).write(to: folder.appendingPathComponent("trusted.asc"))
    // Listing secret keys started an agent for the home; leave no daemon behind.
    try Command.run(
      URL(fileURLWithPath: "/usr/bin/gpgconf"), ["--homedir", home, "--kill", "gpg-agent"])
    return folder
  }

  private func expected(_ folder: URL) throws -> [(
    id: String, label: String, commit: String, letter: String
  )] {
    let text = try String(
      contentsOf: folder.appendingPathComponent("expected.tsv"), encoding: .utf8)
    return text.split(separator: "\n").dropFirst().map {
      let fields = $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
      return (fields[0], fields[1], fields[2], fields[4])
    }
  }

  func testEveryCommitGetsGitsLetterAndAReason() throws {
    let folder = try Self.fixture.get()
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("s.json")
    let junit = out.url.appendingPathComponent("s.xml")
    let sarif = out.url.appendingPathComponent("s.sarif")
    let keys = folder.appendingPathComponent("keys")
    let result = try Command.parapet([
      "signatures", folder.appendingPathComponent("repo").path, "--all-commits",
      "--allowed-signers", keys.appendingPathComponent("allowed_signers").path,
      "--revoked-keys", keys.appendingPathComponent("revoked_keys").path,
      "--openpgp-keys", folder.appendingPathComponent("trusted.asc").path,
      "--json", json.path, "--junit", junit.path, "--sarif", sarif.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    let details = try XCTUnwrap(job["checkedDetails"] as? [String: [String: Any]])
    // 19 cases and the side branch's unsigned commit.
    XCTAssertEqual(details.count, 20)
    let reasons: [String: String] = [
      "c01": "signer-not-committer", "c02": "signer-not-committer", "c03": "signer-not-committer",
      "c04": "signer-not-committer", "c05": "signer-not-committer", "c06": "unsigned",
      "c07": "unknown-key", "c08": "unknown-key", "c09": "bad-signature", "c10": "bad-signature",
      "c11": "key-expired", "c12": "signature-expired", "c13": "key-revoked", "c14": "unknown-key",
      "c15": "outside-validity-window", "c16": "namespace-not-allowed", "c17": "key-revoked",
      "c18": "signer-not-committer", "c19": "signer-not-committer",
    ]
    for case let (id, label, commit, letter) in try expected(folder) {
      let detail = try XCTUnwrap(details[commit], "\(id) \(label) was not checked")
      let ours = detail["letter"] as? String
      if letter == "U" && ours == "E" {
        XCTAssertEqual(id, "c08", "only the key parapet was not given may swap U for E")
      } else {
        XCTAssertEqual(ours, letter, "\(id) \(label)")
      }
      XCTAssertEqual(detail["reason"] as? String, reasons[id], "\(id) \(label)")
    }
    XCTAssertNil(try SchemaValidator.sarifErrors(sarif))
    XCTAssertNil(SchemaValidator.junitErrors(junit))
    let junitText = try String(contentsOf: junit, encoding: .utf8)
    XCTAssertTrue(junitText.contains(#"tests="20" failures="20""#), junitText)
  }

  func testSignerCheckOffLeavesTheGoodCommitsAcceptable() throws {
    let folder = try Self.fixture.get()
    let keys = folder.appendingPathComponent("keys")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("s.json")
    let result = try Command.parapet([
      "signatures", folder.appendingPathComponent("repo").path, "--all-commits",
      "--allowed-signers", keys.appendingPathComponent("allowed_signers").path,
      "--openpgp-keys", folder.appendingPathComponent("trusted.asc").path,
      "--no-signer-must-match-committer", "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    let details = try XCTUnwrap(job["checkedDetails"] as? [String: [String: Any]])
    let good = try expected(folder).filter {
      ["c01", "c02", "c03", "c04", "c05", "c18", "c19"].contains($0.id)
    }
    for entry in good {
      XCTAssertEqual(details[entry.commit]?["acceptable"] as? Bool, true, entry.label)
    }
    // Without the revoked keys file, frank's key is a good key again.
    let c17 = try XCTUnwrap(try expected(folder).first { $0.id == "c17" })
    XCTAssertEqual(details[c17.commit]?["letter"] as? String, "G")
  }

  func testPathRulesAndForgeCommittersFromConfiguration() throws {
    let folder = try Self.fixture.get()
    let keys = folder.appendingPathComponent("keys")
    let out = try TemporaryRepository(git: false)
    try out.write(
      "policy.toml",
      """
      [signatures]
      forge-committers = ["committer@example.com"]

      [[signatures.path]]
      paths = ["c0*.txt"]
      signers = ["alice@example.com", "*@gina.example"]
      """)
    let json = out.url.appendingPathComponent("s.json")
    let result = try Command.parapet([
      "signatures", folder.appendingPathComponent("repo").path, "--all-commits",
      "--allowed-signers", keys.appendingPathComponent("allowed_signers").path,
      "--config", out.url.appendingPathComponent("policy.toml").path, "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    let details = try XCTUnwrap(job["checkedDetails"] as? [String: [String: Any]])
    let byCase = Dictionary(uniqueKeysWithValues: try expected(folder).map { ($0.id, $0.commit) })
    func reason(_ id: String) -> String? { details[byCase[id] ?? ""]?["reason"] as? String }
    XCTAssertEqual(reason("c01"), "good")  // alice may change c01.txt; the forge signs for others
    XCTAssertEqual(reason("c02"), "untrusted-key")  // bob may not change c02.txt
    XCTAssertEqual(
      details[byCase["c02"] ?? ""]?["detail"] as? String,
      "changes c02.txt, which only alice@example.com, *@gina.example may sign; signed by bob@example.com"
    )
    XCTAssertEqual(reason("c18"), "good")  // c18.txt is not covered
  }

  func testTagsAndRequireSince() throws {
    let folder = try Self.fixture.get()
    let keys = folder.appendingPathComponent("keys")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("s.json")
    // c06 (unsigned) is dated 2020-01-07: a policy requiring signatures from the 8th exempts it.
    let result = try Command.parapet([
      "signatures", folder.appendingPathComponent("repo").path, "--all-commits", "--tags",
      "--allowed-signers", keys.appendingPathComponent("allowed_signers").path,
      "--openpgp-keys", folder.appendingPathComponent("trusted.asc").path,
      "--require-since", "2020-01-08", "--no-signer-must-match-committer", "--json", json.path,
    ])
    XCTAssertEqual(result.status, 1, result.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    let details = try XCTUnwrap(job["checkedDetails"] as? [String: [String: Any]])
    let c06 = try XCTUnwrap(try expected(folder).first { $0.id == "c06" })
    XCTAssertEqual(details[c06.commit]?["acceptable"] as? Bool, true)
    // The two annotated tags: v0-gpg signed by hank's OpenPGP key, v1-side by alice's SSH key.
    let tags = try Command.run(
      URL(fileURLWithPath: "/usr/bin/git"),
      ["-C", folder.appendingPathComponent("repo").path, "rev-parse", "v0-gpg", "v1-side"])
    for tag in tags.stdout.split(separator: "\n").map(String.init) {
      XCTAssertEqual(details[tag]?["letter"] as? String, "G", tag)
    }
    XCTAssertEqual(details.count, 22)
  }

  func testAnAllowedSignersLineThatDoesNotParseIsAnErrorNamingIt() throws {
    let folder = try Self.fixture.get()
    let out = try TemporaryRepository(git: false)
    try out.write("allowed_signers", "# team\nalice@example.com ssh-ed25519 AAAA-not-base64\n")
    let result = try Command.parapet([
      "signatures", folder.appendingPathComponent("repo").path,
      "--allowed-signers", out.url.appendingPathComponent("allowed_signers").path,
    ])
    XCTAssertEqual(result.status, 2)
    XCTAssertEqual(
      result.stderr,
      "parapet: \(out.url.appendingPathComponent("allowed_signers").path):2:1: no valid public key after the principals and options\n"
    )
  }

  /// A `gpgsig` header: the first line after the name, the others indented by one space.
  private func header(_ signature: String) -> String {
    "gpgsig " + signature.split(separator: "\n").joined(separator: "\n ") + "\n"
  }

  private func armor(_ kind: String, _ bytes: [UInt8]) -> String {
    "-----BEGIN \(kind)-----\n\n\(Data(bytes).base64EncodedString())\n-----END \(kind)-----"
  }

  /// An SSHSIG blob around a public key blob, with an empty signature.
  private func sshsig(key: [UInt8]) -> [UInt8] {
    func string(_ bytes: [UInt8]) -> [UInt8] {
      let count = UInt32(bytes.count)
      return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) } + bytes
    }
    return Array("SSHSIG".utf8) + [0, 0, 0, 1] + string(key) + string(Array("git".utf8))
      + string([]) + string(Array("sha512".utf8))
      + string(string(Array("ssh-rsa".utf8)) + string([1, 2]))
  }

  func testBadSignaturesGetAClearVerdictAndNeverACrash() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.txt", "a\n")
    var parent = try repo.commitAll("base")
    let tree = try repo.git("rev-parse", "HEAD^{tree}")
    let hugeRSA: [UInt8] = {
      func string(_ bytes: [UInt8]) -> [UInt8] {
        let count = UInt32(bytes.count)
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) } + bytes
      }
      return string(Array("ssh-rsa".utf8)) + string([1, 0, 1])
        + string([0] + [UInt8](repeating: 0xFF, count: 40_000))
    }()
    let securityKey: [UInt8] = {
      func string(_ bytes: [UInt8]) -> [UInt8] {
        let count = UInt32(bytes.count)
        return [24, 16, 8, 0].map { UInt8(truncatingIfNeeded: count >> $0) } + bytes
      }
      return string(Array("sk-ssh-ed25519@openssh.com".utf8))
        + string([UInt8](repeating: 7, count: 32))
        + string(Array("ssh:".utf8))
    }()
    let cases: [(label: String, headers: String, letter: String, reason: String)] = [
      (
        "malformed-armor",
        header("-----BEGIN PGP SIGNATURE-----\n\n!!!notbase64\n-----END PGP SIGNATURE-----"), "B",
        "bad-signature"
      ),
      (
        "truncated-packet", header(armor("PGP SIGNATURE", [0xC2, 0x20, 0x04, 0x00])), "B",
        "bad-signature"
      ),
      (
        "v5-signature",
        header(armor("PGP SIGNATURE", [0xC2, 0x06, 0x05, 0x00, 0x01, 0x08, 0x00, 0x00])), "E",
        "unsupported-algorithm"
      ),
      (
        "two-headers",
        header(armor("PGP SIGNATURE", [0xC2, 0x01, 0x04]))
          + header(armor("PGP SIGNATURE", [0xC2, 0x01, 0x04])), "B", "bad-signature"
      ),
      (
        "absurd-rsa-key", header(armor("SSH SIGNATURE", sshsig(key: hugeRSA))), "B", "bad-signature"
      ),
      (
        "security-key", header(armor("SSH SIGNATURE", sshsig(key: securityKey))), "E",
        "unsupported-algorithm"
      ),
    ]
    var commits: [String: String] = [:]
    for (index, item) in cases.enumerated() {
      let person = "Ada Lovelace <ada@example.org> \(1_700_001_000 + index * 60) +0000"
      let text =
        "tree \(tree)\nparent \(parent)\nauthor \(person)\ncommitter \(person)\n\(item.headers)\n\(item.label)\n"
      let made = try Command.run(
        URL(fileURLWithPath: "/usr/bin/git"), ["hash-object", "-t", "commit", "-w", "--stdin"],
        in: repo.url, input: Data(text.utf8))
      XCTAssertEqual(made.status, 0, made.stderr)
      parent = made.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      commits[item.label] = parent
    }
    try repo.git("update-ref", "refs/heads/main", parent)
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("s.json")
    let result = try Command.parapet(["signatures", repo.url.path, "--json", json.path])
    XCTAssertEqual(result.status, 1, result.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    let details = try XCTUnwrap(job["checkedDetails"] as? [String: [String: Any]])
    for item in cases {
      let detail = details[commits[item.label] ?? ""]
      XCTAssertEqual(detail?["letter"] as? String, item.letter, item.label)
      XCTAssertEqual(detail?["reason"] as? String, item.reason, item.label)
    }
  }

  func testANonUTF8MessageSignedWithSSHVerifies() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.txt", "a\n")
    let parent = try repo.commitAll("base")
    let tree = try repo.git("rev-parse", "HEAD^{tree}")
    let keys = try TemporaryRepository(git: false)
    let key = keys.url.appendingPathComponent("ada")
    let made = try Command.run(
      URL(fileURLWithPath: "/usr/bin/ssh-keygen"),
      ["-q", "-t", "ed25519", "-N", "", "-C", "ada", "-f", key.path])
    XCTAssertEqual(made.status, 0, made.stderr)
    let person = "Ada Lovelace <ada@example.org> 1700002000 +0000"
    var payload = Array(
      "tree \(tree)\nparent \(parent)\nauthor \(person)\ncommitter \(person)\nencoding ISO-8859-1\n\ncaf"
        .utf8)
    payload += [0xE9, 0x0A]  // "café" in Latin-1
    let file = keys.url.appendingPathComponent("payload")
    try Data(payload).write(to: file)
    let signed = try Command.run(
      URL(fileURLWithPath: "/usr/bin/ssh-keygen"),
      ["-Y", "sign", "-n", "git", "-f", key.path, file.path])
    XCTAssertEqual(signed.status, 0, signed.stderr)
    let signature = try String(
      contentsOf: keys.url.appendingPathComponent("payload.sig"), encoding: .utf8)
    let marker = Array("committer \(person)\n".utf8)
    let split = try XCTUnwrap(payload.firstRange(of: marker)).upperBound
    let object =
      Array(payload[..<split]) + Array(header(signature.trimmingCharacters(in: .newlines)).utf8)
      + Array(payload[split...])
    let written = try Command.run(
      URL(fileURLWithPath: "/usr/bin/git"), ["hash-object", "-t", "commit", "-w", "--stdin"],
      in: repo.url, input: Data(object))
    XCTAssertEqual(written.status, 0, written.stderr)
    let commit = written.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    try repo.git("update-ref", "refs/heads/main", commit)
    let publicKey = try String(
      contentsOf: keys.url.appendingPathComponent("ada.pub"), encoding: .utf8
    )
    .split(separator: " ").prefix(2).joined(separator: " ")
    try keys.write("allowed_signers", "ada@example.org namespaces=\"git\" \(publicKey)\n")
    let json = keys.url.appendingPathComponent("s.json")
    let result = try Command.parapet([
      "signatures", repo.url.path, "--signatures-range", "HEAD~1..HEAD", "--allowed-signers",
      keys.url.appendingPathComponent("allowed_signers").path, "--json", json.path,
    ])
    XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(jobs.first)
    let details = try XCTUnwrap(job["checkedDetails"] as? [String: [String: Any]])
    XCTAssertEqual(details[commit]?["letter"] as? String, "G")
    XCTAssertEqual(details[commit]?["reason"] as? String, "good")
  }

  func testScanChecksTheBranchCommitsInCIOnly() throws {
    let repo = try TemporaryRepository()
    try repo.write("a.txt", "a\n")
    try repo.commitAll("on main")
    try repo.git("checkout", "-q", "-b", "feature")
    try repo.write("b.txt", "b\n")
    let branchCommit = try repo.commitAll("on the branch")
    let out = try TemporaryRepository(git: false)
    let json = out.url.appendingPathComponent("scan.json")
    // In CI the signatures job runs only under a trust policy (issue 14).
    let key = out.url.appendingPathComponent("ada").path
    try Command.run(
      URL(fileURLWithPath: "/usr/bin/ssh-keygen"), ["-q", "-t", "ed25519", "-N", "", "-f", key])
    try out.write(
      "allowed_signers",
      "ada@example.org \(try String(contentsOfFile: key + ".pub", encoding: .utf8))")
    let inCI = try Command.run(
      TestPaths.binary,
      [
        "scan", repo.url.path, "--json", json.path, "--allowed-signers",
        out.url.appendingPathComponent("allowed_signers").path, "--allow-missing-db",
      ],
      environment: Command.outsideCI.merging(["CI": "true", "GITHUB_BASE_REF": "main"]) { $1 })
    XCTAssertEqual(inCI.status, 1, inCI.stdout + inCI.stderr)
    let jobs = try JSONReport.jobs(json)
    let job = try XCTUnwrap(
      jobs.first { $0["job"] as? String == "signatures" })
    XCTAssertEqual(job["checked"] as? [String], [branchCommit])
    XCTAssertEqual(
      ((job["findings"] as? [[String: Any]])?.first?["properties"] as? [String: Any])?["reason"]
        as? String,
      "unsigned")

    let outsideCI = try Command.run(
      TestPaths.binary, ["scan", repo.url.path, "--json", json.path],
      environment: Command.outsideCI)
    XCTAssertEqual(outsideCI.status, 0, outsideCI.stdout + outsideCI.stderr)
    let plain = try JSONSerialization.jsonObject(with: Data(contentsOf: json)) as? [String: Any]
    XCTAssertEqual(
      (plain?["jobs"] as? [[String: Any]])?.compactMap { $0["job"] as? String }.sorted(),
      ["deps", "gateway", "licenses", "secrets"])
  }
}
