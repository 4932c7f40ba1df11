/* sha256 — SHA-256 (FIPS 180-4), for the usage log's hash chain.  Pure. */
#ifndef DESK4S_SHA256_H
#define DESK4S_SHA256_H
#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t h[8];
	uint64_t len;       /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
/* The 32-byte digest; c must be initialised again before reuse. */
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* Digest of data as 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t n, char out[65]);
/* A digest as 64 hex digits and a NUL. */
void sha256_tohex(const unsigned char dig[32], char out[65]);
#endif
