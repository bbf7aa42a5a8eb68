/*
 * sha256.h: SHA-256 (FIPS 180-4) for the HTML back end, which pins its own
 * style element in the Content-Security-Policy by hash ('sha256-…').
 */
#ifndef KITEI_SHA256_H
#define KITEI_SHA256_H

#include <stddef.h>

struct buf;

/* The 32-byte SHA-256 digest of data[0..len) into out. */
void	sha256(const void *data, size_t len, unsigned char out[32]);
/* Appends the CSP source for a style element holding css: 'sha256-<b64>'. */
void	sha256_csp_source(struct buf *out, const char *css, size_t len);

#endif
