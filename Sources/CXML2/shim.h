// libxml2 is built with ICU on Debian, and its headers would include the system's ICU headers,
// which clash with the ICU that Foundation ships. Parapet needs none of libxml2's ICU API, so
// the flag is cleared after xmlversion.h defines it and before any header tests it.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlschemas.h>
#include <libxml/parser.h>
