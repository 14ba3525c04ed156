/// What `parapet --version` says about how the binary was built. A development build says
/// nothing more than the version; `ci/release.sh` writes the release's commit and date into its
/// copy of this file before building.
enum BuildInfo {
  /// The commit the release was built from.
  static let commit: String? = nil
  /// The build date (from `SOURCE_DATE_EPOCH`), `YYYY-MM-DD`.
  static let date: String? = nil
}
