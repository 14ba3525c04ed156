#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/rand.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/core_names.h>
#include <openssl/param_build.h>

// EVP_PKEY_PUBLIC_KEY is a macro built from other macros, which Swift does not import.
static const int parapet_evp_pkey_public_key = EVP_PKEY_PUBLIC_KEY;

// OSSL_PARAM keeps pointers to its key names, so they must outlive the parameters: string
// literals with static storage, which Swift's imported String constants are not.
static const char *const parapet_param_group_name = OSSL_PKEY_PARAM_GROUP_NAME;
static const char *const parapet_param_pub_key = OSSL_PKEY_PARAM_PUB_KEY;
static const char *const parapet_param_rsa_n = OSSL_PKEY_PARAM_RSA_N;
static const char *const parapet_param_rsa_e = OSSL_PKEY_PARAM_RSA_E;
