// swift-tools-version:6.0
import PackageDescription

/// The system libraries are linked through module-map-only targets found with pkg-config;
/// every Swift module follows the dependency arrows of DESIGN.md and nothing else.
let package = Package(
  name: "Parapet",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "parapet", targets: ["parapet"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CGit2", pkgConfig: "libgit2", providers: [.apt(["libgit2-dev"])]),
    .systemLibrary(
      name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
    .systemLibrary(
      name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
    .systemLibrary(
      name: "CXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
    .systemLibrary(name: "CGzip", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
    // rpm's package database (rpmdb.sqlite), read from memory.
    .systemLibrary(
      name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
    // libcurl's header only: the library is opened when `db update` first downloads.
    .target(name: "CHTTPDownload"),

    .target(
      name: "ParapetCore",
      dependencies: [
        .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Yams", package: "Yams"),
        "COpenSSL", "CGzip",
      ]),
    .target(name: "ParapetGit", dependencies: ["ParapetCore", "CGit2"]),
    .target(
      name: "ParapetSecrets",
      dependencies: [
        "ParapetCore", "ParapetGit", "CPCRE2",
        .product(name: "TOMLKit", package: "TOMLKit"),
      ]),
    .target(name: "ParapetReport", dependencies: ["ParapetCore"]),
    .target(name: "ParapetSBOM", dependencies: ["ParapetCore", "ParapetDeps"]),
    .target(
      name: "ParapetGateway",
      dependencies: ["ParapetCore", .product(name: "Yams", package: "Yams")]),
    .target(
      name: "ParapetSignatures",
      dependencies: [
        "ParapetCore", "ParapetGit", "COpenSSL", .product(name: "Yams", package: "Yams"),
      ]),
    .target(
      name: "ParapetLicenses",
      dependencies: ["ParapetCore", "ParapetDeps", .product(name: "Yams", package: "Yams")]),
    .target(
      name: "ParapetDeps",
      dependencies: [
        "ParapetCore", "CXML2", "CHTTPDownload", .product(name: "TOMLKit", package: "TOMLKit"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
        .product(name: "Yams", package: "Yams"),
      ]),
    .target(
      name: "ParapetImage",
      dependencies: [
        "ParapetCore", "ParapetDeps", "CGzip", "CZstd", "CSQLite",
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    .executableTarget(
      name: "parapet",
      dependencies: [
        "ParapetCore", "ParapetSecrets", "ParapetDeps", "ParapetLicenses", "ParapetSignatures",
        "ParapetGateway", "ParapetImage",
        "ParapetSBOM", "ParapetReport", "ParapetGit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]),

    .target(
      name: "ParapetTestSupport",
      dependencies: ["ParapetCore", "ParapetSecrets", "CXML2", "CSQLite", "CGzip"],
      path: "Tests/ParapetTestSupport"),
    .testTarget(name: "ParapetCoreTests", dependencies: ["ParapetCore", "ParapetTestSupport"]),
    .testTarget(
      name: "ParapetGitTests", dependencies: ["ParapetGit", "ParapetTestSupport"]),
    .testTarget(
      name: "ParapetSecretsTests", dependencies: ["ParapetSecrets", "ParapetTestSupport"]),
    .testTarget(
      name: "ParapetReportTests", dependencies: ["ParapetReport", "ParapetTestSupport"],
      exclude: ["Golden"]),
    .testTarget(
      name: "ParapetCLITests",
      dependencies: ["ParapetTestSupport", .product(name: "Yams", package: "Yams")]),
    .testTarget(name: "ParapetDepsTests", dependencies: ["ParapetDeps", "ParapetTestSupport"]),
    .testTarget(name: "ParapetSBOMTests", dependencies: ["ParapetSBOM", "ParapetTestSupport"]),
    .testTarget(
      name: "ParapetGatewayTests",
      dependencies: [
        "ParapetGateway", "ParapetTestSupport", .product(name: "Yams", package: "Yams"),
      ]),
    .testTarget(
      name: "ParapetSignaturesTests", dependencies: ["ParapetSignatures", "ParapetTestSupport"]),
    .testTarget(
      name: "ParapetImageTests",
      dependencies: [
        "ParapetImage", "ParapetTestSupport", .product(name: "Yams", package: "Yams"),
        .product(name: "ZIPFoundation", package: "ZIPFoundation"),
      ]),
    .testTarget(
      name: "ParapetLicensesTests", dependencies: ["ParapetLicenses", "ParapetTestSupport"]),
  ]
)

// The fuzz targets (`ci/fuzz.sh`) have no `main`: libFuzzer's, which only `-sanitize=fuzzer`
// links, calls them. A plain build leaves them out.
if Context.environment["PARAPET_FUZZ"] == "1" {
  package.targets += [
    .executableTarget(
      name: "parapet-fuzz",
      dependencies: [
        "ParapetCore", "ParapetGit", "ParapetSecrets", "ParapetDeps",
        "ParapetLicenses", "ParapetSignatures", "ParapetGateway", "ParapetReport", "ParapetImage",
      ],
      path: "Fuzz/ParapetFuzz")
  ]
}
