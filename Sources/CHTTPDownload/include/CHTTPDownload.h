#ifndef PARAPET_CHTTPDOWNLOAD_H
#define PARAPET_CHTTPDOWNLOAD_H

#include <stddef.h>

/// Downloads `url` into the file at `path` with libcurl, loaded when first called.
///
/// Returns the HTTP status, or -1 with a one-line reason in `error` when libcurl is not
/// installed, the file cannot be written or the transfer fails.
long parapet_http_download(const char *url, const char *path, char *error, size_t error_size);

#endif
