// libcurl is opened with dlopen on the first download rather than linked: linking it (directly
// or through FoundationNetworking) loads it and some twenty libraries it depends on at every
// start of parapet, for the one command that downloads anything (`parapet db update`).
#include "CHTTPDownload.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

struct curl_functions {
  __typeof__(curl_easy_init) *init;
  __typeof__(curl_easy_setopt) *setopt;
  __typeof__(curl_easy_perform) *perform;
  __typeof__(curl_easy_getinfo) *getinfo;
  __typeof__(curl_easy_strerror) *strerror;
  __typeof__(curl_easy_cleanup) *cleanup;
};

static int load(struct curl_functions *curl, char *error, size_t error_size) {
  void *library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL);
  if (library == NULL) {
    snprintf(error, error_size,
             "cannot load libcurl, which 'db update' downloads with (%s): install libcurl4, or "
             "download https://osv-vulnerabilities.storage.googleapis.com/<ecosystem>/all.zip "
             "elsewhere and run 'parapet db import all.zip'",
             dlerror());
    return 0;
  }
  curl->init = (__typeof__(curl->init))dlsym(library, "curl_easy_init");
  curl->setopt = (__typeof__(curl->setopt))dlsym(library, "curl_easy_setopt");
  curl->perform = (__typeof__(curl->perform))dlsym(library, "curl_easy_perform");
  curl->getinfo = (__typeof__(curl->getinfo))dlsym(library, "curl_easy_getinfo");
  curl->strerror = (__typeof__(curl->strerror))dlsym(library, "curl_easy_strerror");
  curl->cleanup = (__typeof__(curl->cleanup))dlsym(library, "curl_easy_cleanup");
  if (!curl->init || !curl->setopt || !curl->perform || !curl->getinfo || !curl->strerror ||
      !curl->cleanup) {
    snprintf(error, error_size, "libcurl.so.4 lacks the easy interface");
    return 0;
  }
  return 1;
}

long parapet_http_download(const char *url, const char *path, char *error, size_t error_size) {
  struct curl_functions curl;
  if (!load(&curl, error, error_size)) return -1;
  FILE *file = fopen(path, "wb");
  if (file == NULL) {
    snprintf(error, error_size, "cannot write %s: %s", path, strerror(errno));
    return -1;
  }
  CURL *handle = curl.init();
  if (handle == NULL) {
    fclose(file);
    snprintf(error, error_size, "libcurl could not start a transfer");
    return -1;
  }
  char reason[CURL_ERROR_SIZE] = "";
  curl.setopt(handle, CURLOPT_URL, url);
  curl.setopt(handle, CURLOPT_WRITEDATA, file);  // libcurl's default writer fwrites to it
  curl.setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  curl.setopt(handle, CURLOPT_NOSIGNAL, 1L);
  curl.setopt(handle, CURLOPT_CONNECTTIMEOUT, 30L);
  curl.setopt(handle, CURLOPT_USERAGENT, "parapet");
  curl.setopt(handle, CURLOPT_ERRORBUFFER, reason);
  CURLcode result = curl.perform(handle);
  long status = 0;
  curl.getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  curl.cleanup(handle);
  int closed = fclose(file);
  if (result != CURLE_OK) {
    snprintf(error, error_size, "%s", reason[0] ? reason : curl.strerror(result));
    return -1;
  }
  if (closed != 0) {
    snprintf(error, error_size, "cannot write %s: %s", path, strerror(errno));
    return -1;
  }
  return status;
}
