/// Reads objects from `PackFiles`, resolving delta chains with a small cache of recent bases.
/// One per worker: the cache is not shared.
struct PackReader {
  /// How many bytes of resolved objects the cache keeps. libgit2 keeps 16 MiB; a history scan
  /// reads one path's versions in commit order, each the last one's neighbour in its delta
  /// chain, so a small cache serves nearly as well.
  static let cacheBytes = 4 << 20
  /// After this many bytes of mapped pages touched, they are handed back. Reading a header
  /// touches a page, and inflating an entry the bytes it took and a page more.
  static let bytesBetweenDrops = 4 << 20
  private static let pageSize = 4096
  /// The longest delta chain followed (git writes at most 50; `--depth` allows up to 4,095),
  /// which also stops a cycle of deltas by id.
  private static let chainLimit = 10_000

  let files: PackFiles
  private var cache: [Location: (type: PackEntry.ObjectType, bytes: [UInt8], use: Int)] = [:]
  private var cachedBytes = 0
  private var uses = 0
  private var bytesRead = 0

  struct Location: Hashable {
    let pack: Int
    let offset: Int
  }

  init(_ files: PackFiles) {
    self.files = files
  }

  /// The object's type and bytes; nil when no mapped pack holds it or its entry cannot be read
  /// (then libgit2 reads it, and says why it cannot).
  mutating func object(_ id: UnsafeRawBufferPointer) -> (
    type: PackEntry.ObjectType, bytes: [UInt8]
  )? {
    guard let (pack, offset) = files.locate(id) else { return nil }
    return object(at: Location(pack: pack, offset: offset))
  }

  /// The object's size, read from its header (for a delta, from the delta's first bytes),
  /// without reading the object.
  mutating func size(_ id: UnsafeRawBufferPointer) -> Int? {
    guard let (pack, offset) = files.locate(id) else { return nil }
    let data = files.packs[pack].data
    guard let entry = PackEntry(in: data, at: offset) else { return nil }
    touch(0)
    if entry.type != nil { return entry.size }
    guard let prefix = entry.inflatePrefix(in: data, count: 20) else { return nil }
    return Delta.sizes(prefix)?.result
  }

  private mutating func object(at start: Location) -> (
    type: PackEntry.ObjectType, bytes: [UInt8]
  )? {
    // Follow the chain down to a whole object or a cached base, then apply the deltas upward.
    var deltas: [(location: Location, entry: PackEntry)] = []
    var current = start
    var resolved: (type: PackEntry.ObjectType, bytes: [UInt8])?
    while resolved == nil {
      if let cached = cache[current] {
        uses += 1
        cache[current]?.use = uses
        resolved = (cached.type, cached.bytes)
        break
      }
      let data = files.packs[current.pack].data
      guard deltas.count < Self.chainLimit, let entry = PackEntry(in: data, at: current.offset)
      else { return nil }
      touch(0)
      if let type = entry.type {
        guard let (bytes, consumed) = entry.inflate(in: data) else { return nil }
        touch(consumed)
        resolved = (type, bytes)
        if !deltas.isEmpty { remember(current, type, bytes) }
      } else {
        deltas.append((current, entry))
        guard let base = location(of: entry.base, in: current.pack) else { return nil }
        current = base
      }
    }
    guard let resolved else { return nil }
    var bytes = resolved.bytes
    for (index, delta) in deltas.enumerated().reversed() {
      let data = files.packs[delta.location.pack].data
      guard let (instructions, consumed) = delta.entry.inflate(in: data),
        let result = Delta.apply(instructions, to: bytes)
      else { return nil }
      touch(consumed)
      bytes = result
      if index > 0 { remember(delta.location, resolved.type, bytes) }
    }
    return (resolved.type, bytes)
  }

  private func location(of base: PackEntry.Base?, in pack: Int) -> Location? {
    switch base {
    case .offset(let offset)?: return Location(pack: pack, offset: offset)
    case .id(let id)?: return files.locate(id).map { Location(pack: $0.pack, offset: $0.offset) }
    case nil: return nil
    }
  }

  /// Keeps a base for the next object of its chain, evicting the least recently used half when
  /// the cache is full.
  private mutating func remember(
    _ location: Location, _ type: PackEntry.ObjectType, _ bytes: [UInt8]
  ) {
    guard bytes.count <= Self.cacheBytes / 4 else { return }
    uses += 1
    if let old = cache.updateValue((type, bytes, uses), forKey: location) {
      cachedBytes -= old.bytes.count
    }
    cachedBytes += bytes.count
    guard cachedBytes > Self.cacheBytes else { return }
    let byAge = cache.sorted { $0.value.use < $1.value.use }
    for (key, value) in byAge where cachedBytes > Self.cacheBytes / 2 {
      cache[key] = nil
      cachedBytes -= value.bytes.count
    }
  }

  /// Counts a page and the pack bytes read, handing the mapped pages back every
  /// `bytesBetweenDrops`.
  private mutating func touch(_ count: Int) {
    bytesRead += count + Self.pageSize
    if bytesRead >= Self.bytesBetweenDrops {
      files.dropPages()
      bytesRead = 0
    }
  }
}
