/*
 * pdf_deflate.c: the compression level of libharu's streams.
 *
 * libharu 2.3.0 compresses every stream with zlib's default level (6),
 * fixed in its code, and deflate was then the largest single cost of a
 * whole-set build: about a third of its CPU time, most of it on the
 * embedded fonts, whose glyph outlines hardly compress at any level.  At
 * level 3 the same streams take about two thirds of the time and the PDFs
 * grow by about 2.5 % (bench/SPEED.md has the figures for every level).
 *
 * libharu starts each stream with deflateInit(), zlib's macro for
 * deflateInit_(), called through its PLT; defined here, in the executable,
 * it is the one libharu uses (as for pdf_mem.c).  It does exactly what
 * zlib's own does with the level changed: deflateInit2_() with zlib's
 * defaults for the method, window and memory.  No other library kitei
 * links calls deflateInit_ (libxlsxwriter's zip writer calls
 * deflateInit2_), so only the PDFs change.
 */
#include <zlib.h>

/* Level 3: the last of zlib's fast levels, the best ratio among them. */
#define KITEI_PDF_DEFLATE_LEVEL 3

int
deflateInit_(z_streamp strm, int level, const char *version, int stream_size)
{
	(void)level;
	return deflateInit2_(strm, KITEI_PDF_DEFLATE_LEVEL, Z_DEFLATED,
	    MAX_WBITS, 8, Z_DEFAULT_STRATEGY, version, stream_size);
}
