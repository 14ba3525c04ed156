import Foundation
import ParapetDeps

/// CycloneDX 1.6 JSON: metadata with the tool and the project as root component, one component
/// per package (bom-ref = purl), and every recorded edge under `dependencies`. Written with
/// `CompactJSON`, keys in sorted order: `JSONEncoder` took a fifth of a 6,600-package run, and
/// `[String: Any]` for JSONSerialization ten times more than that.
public enum CycloneDXJSONWriter {
  /// The document's bytes.
  /// - Parameters:
  ///   - bom: the graph.
  ///   - toolVersion: Parapet's version.
  /// - Returns: compact JSON with sorted keys.
  public static func render(_ bom: BillOfMaterials, toolVersion: String) -> Data {
    let root = "project:\(bom.projectName)"
    var json = CompactJSON(capacity: 512 * (bom.components.count + 1))
    json.object { json in
      json.member("$schema", "http://cyclonedx.org/schema/bom-1.6.schema.json")
      json.member("bomFormat", "CycloneDX")
      json.member("components") { json in
        json.array { json in
          for component in bom.components { write(component, to: &json) }
        }
      }
      json.member("dependencies") { json in
        json.array { json in
          dependency(root, bom.direct, to: &json)
          for component in bom.components {
            dependency(component.ref, component.dependsOn, to: &json)
          }
        }
      }
      json.member("metadata") { json in
        json.object { json in
          json.member("component") { json in
            json.object { json in
              json.member("bom-ref", root)
              if let license = bom.projectLicense { licenses(license, to: &json) }
              json.member("name", bom.projectName)
              json.member("type", bom.rootType)
            }
          }
          json.member("timestamp", bom.isoTimestamp)
          json.member("tools") { json in
            json.object { json in
              json.member("components") { json in
                json.array { json in
                  json.object { json in
                    json.member("name", "parapet")
                    json.member("type", "application")
                    json.member("version", toolVersion)
                  }
                }
              }
            }
          }
        }
      }
      json.member("serialNumber", "urn:uuid:\(bom.serial.uuidString.lowercased())")
      json.member("specVersion", "1.6")
      json.member("version") { $0.integer(1) }
    }
    return Data(json.bytes) + Data("\n".utf8)
  }

  private static func dependency(_ ref: String, _ dependsOn: [String], to json: inout CompactJSON) {
    json.object { json in
      json.member("dependsOn") { json in
        json.array { json in for target in dependsOn { json.string(target) } }
      }
      json.member("ref", ref)
    }
  }

  private static func write(_ component: BillOfMaterials.Component, to json: inout CompactJSON) {
    let package = component.package
    let (group, name) = CycloneDXNames.split(package)
    json.object { json in
      json.member("bom-ref", component.ref)
      if let registry = CycloneDXNames.registry(package) {
        json.member("externalReferences") { json in
          json.array { json in
            json.object { json in
              json.member("type", "distribution")
              json.member("url", registry)
            }
          }
        }
      }
      json.member("group", ifPresent: group)
      if !component.hashes.isEmpty {
        json.member("hashes") { json in
          json.array { json in
            for hash in component.hashes {
              json.object { json in
                json.member("alg", hash.algorithm)
                json.member("content", hash.hex)
              }
            }
          }
        }
      }
      if let license = component.license { licenses(license, to: &json) }
      json.member("name", name)
      json.member("properties") { json in
        json.array { json in
          for lockfile in component.lockfiles {
            json.object { json in
              json.member("name", "parapet:lockfile")
              json.member("value", lockfile)
            }
          }
          if let layer = package.layer {
            json.object { json in
              json.member("name", "parapet:layer")
              json.member("value", layer)
            }
          }
        }
      }
      json.member("purl", component.ref)
      json.member("scope", CycloneDXNames.scope(package.scope))
      json.member("type", "library")
      json.member("version", package.version)
    }
  }

  /// `license.id` only for ids in CycloneDX's enum, an `expression` for anything else that
  /// parsed, `license.name` for the raw text of what did not.
  private static func licenses(_ license: ComponentLicense, to json: inout CompactJSON) {
    let choice: (key: String, value: String)?
    if let id = license.cycloneDXID {
      choice = ("id", id)
    } else if let expression = license.expression {
      choice = ("expression", expression)
    } else {
      choice = license.name.map { ("name", $0) }
    }
    guard let choice else { return }
    json.member("licenses") { json in
      json.array { json in
        json.object { json in
          if choice.key == "expression" {
            json.member("expression", choice.value)
          } else {
            json.member("license") { json in
              json.object { json in json.member(choice.key, choice.value) }
            }
          }
        }
      }
    }
  }
}

/// How CycloneDX names what a `Package` holds, shared by the JSON and XML writers.
enum CycloneDXNames {
  /// npm scopes and Maven group ids are the component's group.
  static func split(_ package: Package) -> (group: String?, name: String) {
    switch package.ecosystem {
    case .npm where package.name.hasPrefix("@"):
      let parts = package.name.split(separator: "/", maxSplits: 1)
      return parts.count == 2 ? (String(parts[0]), String(parts[1])) : (nil, package.name)
    case .maven:
      let parts = package.name.split(separator: ":", maxSplits: 1)
      return parts.count == 2 ? (String(parts[0]), String(parts[1])) : (nil, package.name)
    default:
      return (nil, package.name)
    }
  }

  /// Dev dependencies are `excluded` from what ships; optional and peer ones are `optional`.
  static func scope(_ scope: Package.Scope) -> String {
    switch scope {
    case .prod: "required"
    case .optional, .peer: "optional"
    case .dev: "excluded"
    }
  }

  /// The package's page on its public registry, where the ecosystem has one URL scheme.
  static func registry(_ package: Package) -> String? {
    let name =
      package.name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? package.name
    switch package.ecosystem {
    case .npm: return "https://www.npmjs.com/package/\(name)/v/\(package.version)"
    case .pypi: return "https://pypi.org/project/\(name)/\(package.version)/"
    case .crates: return "https://crates.io/crates/\(name)/\(package.version)"
    case .rubygems: return "https://rubygems.org/gems/\(name)/versions/\(package.version)"
    case .go: return "https://pkg.go.dev/\(name)@\(package.version)"
    case .nuget: return "https://www.nuget.org/packages/\(name)/\(package.version)"
    case .packagist: return "https://packagist.org/packages/\(name)#\(package.version)"
    case .pub: return "https://pub.dev/packages/\(name)/versions/\(package.version)"
    case .hex: return "https://hex.pm/packages/\(name)/\(package.version)"
    case .maven, .swift, .debian, .ubuntu, .alpine, .redHat, .rockyLinux, .almaLinux: return nil
    }
  }
}
