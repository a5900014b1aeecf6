// OpenSSL libcrypto: elliptic curves, AES, 3DES, CMAC, hashes and randomness for PACE and secure messaging.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/bn.h>
#include <openssl/cmac.h>
#include <openssl/obj_mac.h>
#include <openssl/rand.h>
#include <openssl/params.h>
#include <openssl/core_names.h>
