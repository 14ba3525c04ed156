/// Whether a variable's name says it holds a credential (`DB_PASSWORD`, `NPM_TOKEN`,
/// `AWS_SECRET_ACCESS_KEY`): what the image job asks of an image's `Env`, and the gateway job of
/// a Dockerfile's `ARG` and `ENV`. Their values are never quoted.
public enum CredentialNames {
  private static let words = [
    "PASSWORD", "PASSWD", "SECRET", "TOKEN", "API_KEY", "APIKEY", "PRIVATE_KEY", "ACCESS_KEY",
    "CREDENTIAL",
  ]

  /// - Parameter name: a variable's name, any case.
  /// - Returns: whether it names a credential.
  public static func matches(_ name: String) -> Bool {
    let upper = name.uppercased()
    return words.contains { upper.contains($0) }
  }
}
