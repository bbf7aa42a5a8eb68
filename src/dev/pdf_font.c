/*
 * pdf_font.c: the PDF's font objects, written by kitei through libharu's
 * object API instead of by HPDF_GetFont.
 *
 * libharu 2.3.0's CID fonts take the character's Unicode value as the CID,
 * so every font needs a 65,536-entry /CIDToGIDMap (131 KB to compress),
 * HPDF_GetFont walks all 65,536 codes twice to build it and /W, and the
 * font program is taken apart and rebuilt table by table.  Together that
 * was about a quarter of a whole-set build.  Here the CIDs are numbered
 * instead: CID k is the k-th used character (in code point order, from
 * 1), so the map has one entry per used character, /W lists only those,
 * the ToUnicode CMap maps each CID back to exactly its character, and the
 * HarfBuzz subset goes into /FontFile2 as it is.  Characters outside the
 * BMP get a CID like any other (libharu drew them as spaces).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpdf.h>

#include "dev/pdf_font.h"
#include "base/util.h"

/* A new indirect stream object, Flate-compressed when written. */
static HPDF_Dict
new_stream(HPDF_Doc pdf)
{
	HPDF_Dict s = HPDF_DictStream_New(pdf->mmgr, pdf->xref);

	if (s != NULL)
		s->filter = HPDF_STREAM_FILTER_FLATE_DECODE;
	return s;
}

static int
put(HPDF_Dict s, const void *p, size_t n)
{
	return HPDF_Stream_Write(s->stream, (const HPDF_BYTE *)p,
	    (HPDF_UINT)n) == HPDF_OK ? 0 : -1;
}

/* Big-endian CID → GID pairs for every CID from 0 (.notdef). */
static HPDF_Dict
cid_to_gid_map(HPDF_Doc pdf, const struct font_embed *e)
{
	HPDF_Dict s = new_stream(pdf);
	unsigned char *map;
	size_t i;
	int rc;

	if (s == NULL)
		return NULL;
	map = xcalloc(e->n + 1, 2);
	for (i = 0; i < e->n; i++) {
		map[2 * (i + 1)] = (unsigned char)(e->gids[i] >> 8);
		map[2 * (i + 1) + 1] = (unsigned char)e->gids[i];
	}
	rc = put(s, map, 2 * (e->n + 1));
	free(map);
	return rc == 0 ? s : NULL;
}

/* cp as UTF-16BE hex digits (a surrogate pair above the BMP). */
static void
utf16_hex(struct buf *b, uint32_t cp)
{
	if (cp < 0x10000) {
		buf_add_hex4(b, cp);
		return;
	}
	cp -= 0x10000;
	buf_add_hex4(b, 0xD800 + (cp >> 10));
	buf_add_hex4(b, 0xDC00 + (cp & 0x3FF));
}

/* A ToUnicode CMap: CID k+1 is the character cps[k]. */
static HPDF_Dict
to_unicode(HPDF_Doc pdf, const struct font_embed *e)
{
	HPDF_Dict s = new_stream(pdf);
	struct buf b = {0};
	size_t i, k, block;
	int rc;

	if (s == NULL)
		return NULL;
	buf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	/* At most 100 entries a block, as the CMap format requires. */
	for (i = 0; i < e->n; i += block) {
		block = e->n - i < 100 ? e->n - i : 100;
		buf_addf(&b, "%zu beginbfchar\n", block);
		for (k = i; k < i + block; k++) {
			buf_addc(&b, '<');
			buf_add_hex4(&b, (uint32_t)(k + 1));
			buf_adds(&b, "> <");
			utf16_hex(&b, e->cps[k]);
			buf_adds(&b, ">\n");
		}
		buf_adds(&b, "endbfchar\n");
	}
	buf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource "
	    "pop\nend\nend\n");
	rc = put(s, b.p, b.n);
	buf_free(&b);
	return rc == 0 ? s : NULL;
}

/*
 * /W: the advance of every CID whose advance is not the default 1000,
 * runs of consecutive CIDs in one array each.  The advances are the ones
 * layout measured with (font_advance), so viewer and layout agree.
 */
static HPDF_Array
widths(HPDF_Doc pdf, struct font *src, const struct font_embed *e)
{
	HPDF_Array w = HPDF_Array_New(pdf->mmgr), run = NULL;
	size_t i;

	if (w == NULL)
		return NULL;
	for (i = 0; i < e->n; i++) {
		int adv = font_advance(src, e->cps[i]);

		if (adv == 1000) {
			run = NULL;
			continue;
		}
		if (run == NULL) {
			HPDF_Array_AddNumber(w, (HPDF_INT32)(i + 1));
			run = HPDF_Array_New(pdf->mmgr);
			HPDF_Array_Add(w, run);
		}
		HPDF_Array_AddNumber(run, adv);
	}
	return w;
}

static HPDF_Dict
font_file(HPDF_Doc pdf, const struct font_embed *e)
{
	HPDF_Dict s = new_stream(pdf);

	if (s == NULL || put(s, e->data, e->len) != 0)
		return NULL;
	HPDF_Dict_AddNumber(s, "Length1", (HPDF_INT32)e->len);
	return s;
}

static HPDF_Dict
descriptor(HPDF_Doc pdf, const struct font_embed *e, const char *name,
    HPDF_Dict file)
{
	HPDF_Dict d = HPDF_Dict_New(pdf->mmgr);
	HPDF_Array bbox = HPDF_Array_New(pdf->mmgr);
	/* Flags: 1 fixed pitch, 2 serif, 32 non-symbolic (Latin set). */
	int flags = 32 | (e->fixed_pitch ? 1 : 0) | (e->serif ? 2 : 0);

	if (d == NULL || bbox == NULL ||
	    HPDF_Xref_Add(pdf->xref, d) != HPDF_OK)
		return NULL;
	HPDF_Dict_AddName(d, "Type", "FontDescriptor");
	HPDF_Dict_AddName(d, "FontName", name);
	HPDF_Dict_AddNumber(d, "Flags", flags);
	for (int i = 0; i < 4; i++)
		HPDF_Array_AddNumber(bbox, e->bbox[i]);
	HPDF_Dict_Add(d, "FontBBox", bbox);
	HPDF_Dict_AddNumber(d, "ItalicAngle", 0);
	HPDF_Dict_AddNumber(d, "Ascent", e->ascent);
	HPDF_Dict_AddNumber(d, "Descent", e->descent);
	HPDF_Dict_AddNumber(d, "CapHeight", e->cap_height);
	/* TrueType has no stem width; the value viewers assume by default. */
	HPDF_Dict_AddNumber(d, "StemV", 80);
	HPDF_Dict_Add(d, "FontFile2", file);
	return d;
}

static HPDF_Dict
cid_font(HPDF_Doc pdf, struct font *src, const struct font_embed *e,
    const char *name)
{
	HPDF_Dict cf = HPDF_Dict_New(pdf->mmgr), csi = HPDF_Dict_New(pdf->mmgr);
	HPDF_Dict file = font_file(pdf, e), map = cid_to_gid_map(pdf, e), fd;
	HPDF_Array w = widths(pdf, src, e);

	if (cf == NULL || csi == NULL || file == NULL || map == NULL ||
	    w == NULL || HPDF_Xref_Add(pdf->xref, cf) != HPDF_OK ||
	    (fd = descriptor(pdf, e, name, file)) == NULL)
		return NULL;
	HPDF_Dict_AddName(cf, "Type", "Font");
	HPDF_Dict_AddName(cf, "Subtype", "CIDFontType2");
	HPDF_Dict_AddName(cf, "BaseFont", name);
	HPDF_Dict_Add(csi, "Registry", HPDF_String_New(pdf->mmgr, "Adobe",
	    NULL));
	HPDF_Dict_Add(csi, "Ordering", HPDF_String_New(pdf->mmgr, "Identity",
	    NULL));
	HPDF_Dict_AddNumber(csi, "Supplement", 0);
	HPDF_Dict_Add(cf, "CIDSystemInfo", csi);
	HPDF_Dict_Add(cf, "FontDescriptor", fd);
	HPDF_Dict_AddNumber(cf, "DW", 1000);
	HPDF_Dict_Add(cf, "W", w);
	HPDF_Dict_Add(cf, "CIDToGIDMap", map);
	return cf;
}

/*
 * The subset tag (the "ABCDEF+" of the font name): six capitals derived
 * from the characters in the subset, so that two different subsets of one
 * font never share a name, and the same subset always gets the same one.
 */
static void
subset_tag(const struct font *src, const struct font_embed *e, char tag[7])
{
	uint32_t h = 2166136261u;
	const char *name = font_display_name(src);
	size_t i;

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	for (i = 0; i < e->n; i++)
		h = (h ^ e->cps[i]) * 16777619u;
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h = h / 26 + (h << 27) + 0x9E3779B9u * (uint32_t)(i + 1);
	}
	tag[6] = '\0';
}

int
pdf_font_make(HPDF_Doc pdf, struct font *src, struct pdf_font *pf)
{
	HPDF_Dict t0, cf, tu;
	HPDF_Array desc;
	char tag[7], name[80];

	memset(pf, 0, sizeof(*pf));
	if (font_embed(src, &pf->e) != 0)
		return -1;
	subset_tag(src, &pf->e, tag);
	snprintf(name, sizeof(name), "%s+%s", tag, pf->e.psname);
	t0 = HPDF_Dict_New(pdf->mmgr);
	desc = HPDF_Array_New(pdf->mmgr);
	if (t0 == NULL || desc == NULL ||
	    HPDF_Xref_Add(pdf->xref, t0) != HPDF_OK ||
	    (cf = cid_font(pdf, src, &pf->e, name)) == NULL ||
	    (tu = to_unicode(pdf, &pf->e)) == NULL)
		return -1;
	HPDF_Dict_AddName(t0, "Type", "Font");
	HPDF_Dict_AddName(t0, "Subtype", "Type0");
	HPDF_Dict_AddName(t0, "BaseFont", name);
	HPDF_Dict_AddName(t0, "Encoding", "Identity-H");
	HPDF_Array_Add(desc, cf);
	HPDF_Dict_Add(t0, "DescendantFonts", desc);
	HPDF_Dict_Add(t0, "ToUnicode", tu);
	pf->dict = t0;
	return 0;
}

void
pdf_font_free(struct pdf_font *pf)
{
	font_embed_free(&pf->e);
	pf->dict = NULL;
}

unsigned
pdf_font_cid(const struct pdf_font *pf, uint32_t cp)
{
	size_t lo = 0, hi = pf->e.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (pf->e.cps[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < pf->e.n && pf->e.cps[lo] == cp ? (unsigned)lo + 1 : 0;
}
