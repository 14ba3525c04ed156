// pcre2.h needs the code unit width chosen before it is included; Parapet scans bytes.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
