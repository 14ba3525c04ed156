/// A record's CVSS scores: the highest of its valid v4 vectors and the highest of its v3 ones
/// (in `severity`, the affected entries' `severity`, or `database_specific.cvss`).
struct CVSSRating {
  struct Score {
    let score: Double
    let vector: String
    let version: Int
  }

  var v4: Score?
  var v3: Score?

  /// Scores a record's vectors.
  /// - Parameters:
  ///   - record: the record.
  ///   - malformed: receives one message per malformed v4 vector, naming the record.
  /// - Returns: its best scores.
  static func of(_ record: OSVRecord, malformed: inout [String]) -> CVSSRating {
    let severities = (record.severity ?? []) + (record.affected ?? []).flatMap { $0.severity ?? [] }
    var rating = CVSSRating()
    for entry in severities where entry.type == "CVSS_V4" {
      do {
        let cvss = try CVSS4(entry.score)
        if cvss.score > rating.v4?.score ?? -1 {
          rating.v4 = Score(score: cvss.score, vector: entry.score, version: 4)
        }
      } catch {
        malformed.append(
          "\(record.id): its CVSS v4 vector '\(entry.score)' is malformed (\(error))")
      }
    }
    let v3 =
      severities.filter { $0.type == "CVSS_V3" }.map(\.score)
      + ([record.databaseSpecific] + (record.affected ?? []).map(\.databaseSpecific)).compactMap {
        $0?["cvss"]?.string
      }
    for vector in v3 {
      if let score = CVSS3.baseScore(vector), score > rating.v3?.score ?? -1 {
        rating.v3 = Score(score: score, vector: vector, version: 3)
      }
    }
    return rating
  }
}
