#include <zlib.h>

// inflateInit2 is a macro, which Swift cannot call.
static inline int parapet_inflate_init_gzip(z_stream *stream) {
  // 16 + MAX_WBITS: a gzip header and trailer, with the largest window.
  return inflateInit2(stream, 16 + MAX_WBITS);
}

// A zlib stream (RFC 1950), as cargo-auditable compresses its dependency list.
static inline int parapet_inflate_init_zlib(z_stream *stream) {
  return inflateInit(stream);
}

// Raw deflate data (RFC 1951), as a zip archive stores an entry.
static inline int parapet_inflate_init_raw(z_stream *stream) {
  return inflateInit2(stream, -MAX_WBITS);
}
