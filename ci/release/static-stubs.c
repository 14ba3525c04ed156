/* Stand-ins the release binary links in place of two libraries Debian ships no static archive
 * for, or whose static archive would double the binary's size:
 *
 * - GSSAPI (Kerberos): libgit2 calls it for HTTP "Negotiate" authentication only. Each call
 *   fails (GSS_S_FAILURE), so libgit2 reports that the server asked for an authentication the
 *   client does not offer; every other way of cloning works.
 * - ICU's converters: libxml2 calls them only for documents in encodings it cannot convert
 *   itself. ucnv_open fails, so such a document is refused with libxml2's "unsupported
 *   encoding" error; UTF-8, UTF-16, ISO-8859-1 and ASCII are converted by libxml2 itself.
 *
 * Built by ci/release.sh into the static link of the release binary only; development builds
 * link the real shared libraries. */
#include <stddef.h>

typedef unsigned int OM_uint32;
#define GSS_S_FAILURE (13u << 16)

void *GSS_C_NT_HOSTBASED_SERVICE = NULL;

OM_uint32 gss_delete_sec_context(void) { return GSS_S_FAILURE; }
OM_uint32 gss_display_status(void) { return GSS_S_FAILURE; }
OM_uint32 gss_import_name(void) { return GSS_S_FAILURE; }
OM_uint32 gss_indicate_mechs(void) { return GSS_S_FAILURE; }
OM_uint32 gss_init_sec_context(void) { return GSS_S_FAILURE; }
OM_uint32 gss_release_buffer(void) { return GSS_S_FAILURE; }
OM_uint32 gss_release_name(void) { return GSS_S_FAILURE; }
OM_uint32 gss_release_oid_set(void) { return GSS_S_FAILURE; }

typedef int UErrorCode;
#define U_FILE_ACCESS_ERROR 4

void *ucnv_open_72(const char *name, UErrorCode *error) {
  (void)name;
  if (error) *error = U_FILE_ACCESS_ERROR;
  return NULL;
}
void ucnv_close_72(void *converter) { (void)converter; }
void ucnv_convertEx_72(void) {}
void ucnv_setFromUCallBack_72(void) {}
void ucnv_setToUCallBack_72(void) {}
void UCNV_FROM_U_CALLBACK_STOP_72(void) {}
void UCNV_TO_U_CALLBACK_STOP_72(void) {}
