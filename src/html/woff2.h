/*
 * woff2.h: packs a TrueType font into WOFF2 (W3C WOFF 2.0) for the HTML
 * back end's optional embedded fonts (kitei build --embed-fonts).
 */
#ifndef KITEI_WOFF2_H
#define KITEI_WOFF2_H

#include <stddef.h>

struct buf;

/*
 * Appends sfnt (a TrueType font, len bytes) as WOFF2 to out: every table
 * untransformed, the table data in one Brotli stream.  Returns 0, or -1
 * when sfnt is not a well-formed font or Brotli fails (out unchanged).
 */
int	woff2_encode(const unsigned char *sfnt, size_t len, struct buf *out);

#endif
