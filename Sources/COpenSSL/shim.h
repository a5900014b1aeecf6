// OpenSSL libcrypto: elliptic curves, AES and CMAC for PACE and secure messaging.
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/ec.h>
#include <openssl/bn.h>
#include <openssl/cmac.h>
