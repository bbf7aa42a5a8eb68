/*
 * woff2.c: TrueType to WOFF2, the smallest container browsers accept for
 * an embedded font.  kitei writes the "null transform" of every table
 * (glyf and loca included, transform version 3), which the format allows
 * and every decoder must read; Brotli does the compressing.  Layout of
 * the file (WOFF 2.0, sections 3–5): a 48-byte header, one directory
 * entry per table (flags, tag, original length as UIntBase128), then the
 * compressed stream of the tables' data, concatenated in directory order.
 */
#include <sys/types.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <brotli/encode.h>

#include "html/woff2.h"
#include "base/util.h"

struct table {
	uint32_t	 tag;
	const unsigned char *data;
	uint32_t	 len;
};

static uint32_t
get32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	    (uint32_t)p[2] << 8 | p[3];
}

static void
put16(struct buf *b, uint32_t v)
{
	buf_addc(b, (char)(v >> 8));
	buf_addc(b, (char)v);
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v >> 16);
	put16(b, v & 0xFFFF);
}

static void
set32(struct buf *b, size_t at, uint32_t v)
{
	b->p[at] = (char)(v >> 24);
	b->p[at + 1] = (char)(v >> 16);
	b->p[at + 2] = (char)(v >> 8);
	b->p[at + 3] = (char)v;
}

/* UIntBase128: seven bits a byte, most significant first, no leading 0. */
static void
put_base128(struct buf *b, uint32_t v)
{
	unsigned char tmp[5];
	int n = 0;

	do {
		tmp[n++] = v & 0x7F;
		v >>= 7;
	} while (v);
	while (n-- > 0)
		buf_addc(b, (char)(tmp[n] | (n ? 0x80 : 0)));
}

#define TAG(a, b, c, d)	((uint32_t)(a) << 24 | (uint32_t)(b) << 16 | \
			 (uint32_t)(c) << 8 | (uint32_t)(d))

/*
 * The tables of sfnt in the order WOFF2 wants them: as in the font, but
 * loca right after glyf (a decoder rebuilds them as a pair).
 */
static int
read_tables(const unsigned char *sfnt, size_t len, struct table **out,
    size_t *n)
{
	size_t num, i, k = 0;
	struct table *t;
	ssize_t glyf = -1, loca = -1;

	if (len < 12)
		return -1;
	num = (size_t)sfnt[4] << 8 | sfnt[5];
	if (num == 0 || 12 + 16 * num > len)
		return -1;
	t = xcalloc(num, sizeof(*t));
	for (i = 0; i < num; i++) {
		const unsigned char *r = sfnt + 12 + 16 * i;
		uint32_t off = get32(r + 8), l = get32(r + 12);

		if (off > len || l > len - off) {
			free(t);
			return -1;
		}
		t[i].tag = get32(r);
		t[i].data = sfnt + off;
		t[i].len = l;
		if (t[i].tag == TAG('g', 'l', 'y', 'f'))
			glyf = (ssize_t)i;
		if (t[i].tag == TAG('l', 'o', 'c', 'a'))
			loca = (ssize_t)i;
	}
	*out = xcalloc(num, sizeof(**out));
	for (i = 0; i < num; i++) {
		if ((ssize_t)i == loca && glyf >= 0)
			continue;
		(*out)[k++] = t[i];
		if ((ssize_t)i == glyf && loca >= 0)
			(*out)[k++] = t[loca];
	}
	free(t);
	*n = k;
	return 0;
}

int
woff2_encode(const unsigned char *sfnt, size_t len, struct buf *out)
{
	struct table *t;
	struct buf w = {0}, raw = {0};
	size_t n, i, clen;
	uint32_t sfnt_size;
	unsigned char *comp;

	if (read_tables(sfnt, len, &t, &n) != 0)
		return -1;
	sfnt_size = 12 + 16 * (uint32_t)n;
	for (i = 0; i < n; i++) {
		buf_add(&raw, (const char *)t[i].data, t[i].len);
		sfnt_size += (t[i].len + 3) & ~3u;
	}
	clen = BrotliEncoderMaxCompressedSize(raw.n);
	comp = xmalloc(clen ? clen : 1);
	if (raw.n == 0 || !BrotliEncoderCompress(9,
	    BROTLI_DEFAULT_WINDOW, BROTLI_MODE_FONT, raw.n,
	    (const uint8_t *)raw.p, &clen, comp)) {
		free(comp);
		free(t);
		buf_free(&raw);
		return -1;
	}
	put32(&w, TAG('w', 'O', 'F', '2'));
	put32(&w, get32(sfnt));		/* flavor: the sfnt version */
	put32(&w, 0);			/* length, set below */
	put16(&w, (uint32_t)n);
	put16(&w, 0);
	put32(&w, sfnt_size);
	put32(&w, (uint32_t)clen);
	put16(&w, 1);			/* font version 1.0 */
	put16(&w, 0);
	for (i = 0; i < 5; i++)
		put32(&w, 0);		/* no metadata, no private data */
	for (i = 0; i < n; i++) {
		int glyf_loca = t[i].tag == TAG('g', 'l', 'y', 'f') ||
		    t[i].tag == TAG('l', 'o', 'c', 'a');

		/* Tag given in full (63); null transform: 3 for glyf and
		 * loca, 0 for every other table. */
		buf_addc(&w, (char)(63 | (glyf_loca ? 3 << 6 : 0)));
		put32(&w, t[i].tag);
		put_base128(&w, t[i].len);
	}
	buf_add(&w, (const char *)comp, clen);
	while (w.n % 4)
		buf_addc(&w, '\0');
	set32(&w, 8, (uint32_t)w.n);
	buf_add(out, w.p, w.n);
	free(comp);
	free(t);
	buf_free(&w);
	buf_free(&raw);
	return 0;
}
