/*
 * pdf.c: the PDF device.  Draws a display list through libharu 2.3.0, the
 * only file that includes hpdf.h.  It works around the library's defects
 * with TrueType + UTF-8 through its public object API:
 *  - fonts are subset by HarfBuzz first (libharu embeds nearly the whole
 *    font otherwise) and loaded from memory;
 *  - compression is switched on before any font is made, so the font
 *    streams and the 128 KiB /CIDToGIDMap get Flate;
 *  - /ToUnicode, which libharu points at its encoding CMap, is rewritten in
 *    place as a real ToUnicode CMap of the characters used;
 *  - /CIDSystemInfo /Ordering becomes (Identity);
 *  - link destinations are rebuilt to keep the reader's zoom, and link
 *    borders are switched off.
 * libharu's error handler only records the error in the run; the result
 * is checked once at the end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_fontdef.h>
#include <hpdf_font.h>

#include "layout/layout.h"
#include "dev/pdf.h"
#include "base/util.h"

struct pdfctx {
	HPDF_Doc	 pdf;
	HPDF_STATUS	 error;
	HPDF_Font	 fonts[FONT__COUNT];
	struct font	**src;
	HPDF_Page	*pages;
	HPDF_Destination *dests;
	float		 height;
};

static void
on_error(HPDF_STATUS error, HPDF_STATUS detail, void *data)
{
	struct pdfctx *c = data;

	(void)detail;
	if (c->error == 0)
		c->error = error;
}

/* A ToUnicode CMap: each code (the UTF-16 value) maps to itself. */
static void
write_tounicode(HPDF_Stream st, const uint32_t *cps, size_t n)
{
	size_t i, block;
	char line[64];

	HPDF_Stream_WriteStr(st,
	    "/CIDInit /ProcSet findresource begin\n12 dict begin\n"
	    "begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) "
	    "/Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n"
	    "/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\n"
	    "endcodespacerange\n");
	for (i = 0; i < n; i += block) {
		block = n - i < 100 ? n - i : 100;
		snprintf(line, sizeof(line), "%zu beginbfchar\n", block);
		HPDF_Stream_WriteStr(st, line);
		for (size_t k = i; k < i + block; k++) {
			snprintf(line, sizeof(line), "<%04X> <%04X>\n",
			    cps[k], cps[k]);
			HPDF_Stream_WriteStr(st, line);
		}
		HPDF_Stream_WriteStr(st, "endbfchar\n");
	}
	HPDF_Stream_WriteStr(st, "endcmap\nCMapName currentdict /CMap "
	    "defineresource pop\nend\nend\n");
}

static void
fix_font_objects(struct pdfctx *c, HPDF_Font font, struct font *src)
{
	HPDF_FontAttr attr = (HPDF_FontAttr)font->attr;
	HPDF_Dict cm = attr->cmap_stream, csi;
	uint32_t *cps;
	size_t n;

	if (cm != NULL) {
		HPDF_MemStream_FreeData(cm->stream);
		HPDF_Dict_RemoveElement(cm, "Type");
		HPDF_Dict_RemoveElement(cm, "CMapName");
		HPDF_Dict_RemoveElement(cm, "CIDSystemInfo");
		HPDF_Dict_RemoveElement(cm, "WMode");
		n = font_used_list(src, &cps);
		write_tounicode(cm->stream, cps, n);
		free(cps);
	}
	if (attr->descendant_font != NULL) {
		csi = HPDF_Dict_GetItem(attr->descendant_font, "CIDSystemInfo",
		    HPDF_OCLASS_DICT);
		if (csi != NULL)
			HPDF_Dict_Add(csi, "Ordering",
			    HPDF_String_New(c->pdf->mmgr, "Identity", NULL));
	}
}

/*
 * The subset tag (the "ABCDEF+" of the font name): six capitals derived
 * from the characters in the subset, so that two different subsets of one
 * font never share a name, and the same subset always gets the same one.
 */
static void
subset_tag(const struct font *src, char tag[7])
{
	uint32_t *cps, h = 2166136261u;
	size_t n = font_used_list(src, &cps), i;
	const char *name = font_display_name(src);

	for (; *name; name++)
		h = (h ^ (unsigned char)*name) * 16777619u;
	for (i = 0; i < n; i++)
		h = (h ^ cps[i]) * 16777619u;
	free(cps);
	for (i = 0; i < 6; i++) {
		tag[i] = (char)('A' + h % 26);
		h = h / 26 + (h << 27) + 0x9E3779B9u * (uint32_t)(i + 1);
	}
	tag[6] = '\0';
}

/*
 * HPDF_GetFont asks the font for the glyph of every one of the 65,536
 * codes, and libharu answers each by scanning the cmap's segments in
 * order: a subset of scattered kanji has hundreds of segments, so that
 * walk dominated kitei's run time.  Once the font is parsed, its cmap is
 * replaced by an equivalent direct map (one segment 0000-FFFE indexing a
 * 65,535-entry glyph array, then the required FFFF segment): the same
 * glyph for every code, found at once.  The arrays come from libharu's
 * allocator, which frees them with the font.
 */
static int
direct_cmap(HPDF_FontDef def, HPDF_MMgr mmgr, struct font *src)
{
	HPDF_TTFontDefAttr attr = (HPDF_TTFontDefAttr)def->attr;
	HPDF_TTF_CmapRange *cm = &attr->cmap;
	HPDF_UINT16 *end, *start, *ro, *gids;
	HPDF_INT16 *delta;
	uint32_t *cps;
	size_t n, i;

	if (cm->format != 4)
		return 0;
	end = HPDF_GetMem(mmgr, 2 * sizeof(*end));
	start = HPDF_GetMem(mmgr, 2 * sizeof(*start));
	delta = HPDF_GetMem(mmgr, 2 * sizeof(*delta));
	ro = HPDF_GetMem(mmgr, 2 * sizeof(*ro));
	gids = HPDF_GetMem(mmgr, 65535 * sizeof(*gids));
	if (!end || !start || !delta || !ro || !gids)
		return -1;
	memset(gids, 0, 65535 * sizeof(*gids));
	n = font_used_list(src, &cps);
	for (i = 0; i < n; i++)
		if (cps[i] < 0xFFFF)
			gids[cps[i]] = HPDF_TTFontDef_GetGlyphid(def,
			    (HPDF_UINT16)cps[i]);
	free(cps);
	HPDF_FreeMem(mmgr, cm->end_count);
	HPDF_FreeMem(mmgr, cm->start_count);
	HPDF_FreeMem(mmgr, cm->id_delta);
	HPDF_FreeMem(mmgr, cm->id_range_offset);
	if (cm->glyph_id_array)
		HPDF_FreeMem(mmgr, cm->glyph_id_array);
	/* idx = ro/2 + (code - start) - (segments - i) = code for i = 0. */
	start[0] = 0, end[0] = 0xFFFE, delta[0] = 0, ro[0] = 4;
	start[1] = 0xFFFF, end[1] = 0xFFFF, delta[1] = 1, ro[1] = 0;
	cm->end_count = end;
	cm->start_count = start;
	cm->id_delta = delta;
	cm->id_range_offset = ro;
	cm->glyph_id_array = gids;
	cm->glyph_id_array_count = 65535;
	cm->seg_count_x2 = 4;
	return 0;
}

/*
 * Loads a HarfBuzz subset into libharu straight from memory: no temporary
 * file, so nothing outside the output folder is written and a full disk
 * cannot break a font.
 */
static int
load_font(struct pdfctx *c, enum font_face face, struct font *src)
{
	HPDF_Stream st;
	HPDF_FontDef def;
	char *data, tag[7];
	size_t len;

	if (font_subset(src, &data, &len) != 0)
		return -1;
	st = HPDF_MemStream_New(c->pdf->mmgr, (HPDF_UINT)len);
	if (st == NULL || HPDF_Stream_Write(st, (HPDF_BYTE *)data,
	    (HPDF_UINT)len) != HPDF_OK) {
		free(data);
		return -1;
	}
	free(data);
	if ((def = HPDF_TTFontDef_Load(c->pdf->mmgr, st, HPDF_TRUE)) == NULL ||
	    direct_cmap(def, c->pdf->mmgr, src) != 0)
		return -1;
	subset_tag(src, tag);
	HPDF_TTFontDef_SetTagName(def, tag);
	if (HPDF_Doc_RegisterFontDef(c->pdf, def) != HPDF_OK)
		return -1;
	c->fonts[face] = HPDF_GetFont(c->pdf, def->base_font, "UTF-8");
	if (c->fonts[face] == NULL)
		return -1;
	fix_font_objects(c, c->fonts[face], src);
	return 0;
}

/* Destination at the top of a heading, keeping the reader's zoom. */
static HPDF_Destination
make_dest(struct pdfctx *c, HPDF_Page page, float top)
{
	HPDF_Destination d = HPDF_Page_CreateDestination(page);

	if (d == NULL)
		return NULL;
	HPDF_Array_Clear(d);
	HPDF_Array_Add(d, page);
	HPDF_Array_AddName(d, "XYZ");
	HPDF_Array_Add(d, HPDF_Null_New(c->pdf->mmgr));
	HPDF_Array_AddReal(d, c->height - top + 6);
	HPDF_Array_Add(d, HPDF_Null_New(c->pdf->mmgr));
	return d;
}

/*
 * Each glyph is followed by its own gap to the next one (justification,
 * tightened punctuation).  Glyphs with equal gaps form one run drawn with
 * that gap as Tc, so that text extractors, which add Tc to a glyph's
 * advance, see glyphs that neither overlap nor leave holes.
 */
static void
draw_text(struct pdfctx *c, HPDF_Page page, const struct dl_item *it)
{
	struct buf run = {0};
	float *gap;
	size_t i, j, n = it->nglyphs;

	if (c->fonts[it->face] == NULL || n == 0)
		return;
	gap = xcalloc(n, sizeof(*gap));
	for (i = 0; i + 1 < n; i++)
		gap[i] = it->glyphs[i + 1].x - it->glyphs[i].x -
		    font_advance(c->src[it->face], it->glyphs[i].cp) *
		    it->size / 1000.0f;
	HPDF_Page_BeginText(page);
	HPDF_Page_SetFontAndSize(page, c->fonts[it->face], it->size);
	/* Links print like the text around them; the annotation stays. */
	HPDF_Page_SetGrayFill(page, it->gray);
	/* The last glyph has no successor: it joins the run before it. */
	if (n > 1)
		gap[n - 1] = gap[n - 2];
	for (i = 0; i < n; i = j) {
		for (j = i + 1; j < n && fabsf(gap[j] - gap[i]) < 0.005f; j++)
			;
		run.n = 0;
		for (size_t k = i; k < j; k++)
			buf_add_utf8(&run, it->glyphs[k].cp);
		HPDF_Page_SetCharSpace(page, gap[i] < -30 ? -30 :
		    gap[i] > 300 ? 300 : gap[i]);
		HPDF_Page_TextOut(page, it->glyphs[i].x, c->height - it->y,
		    run.p);
	}
	HPDF_Page_EndText(page);
	buf_free(&run);
	free(gap);
}

/* URIs are written as bytes: percent-encode anything but safe ASCII. */
static char *
uri_ascii(const char *uri)
{
	struct buf b = {0};
	const unsigned char *p;

	for (p = (const unsigned char *)uri; *p; p++) {
		if (*p > 0x20 && *p < 0x7F && *p != '"' && *p != '<' &&
		    *p != '>' && *p != '\\')
			buf_addc(&b, *p);
		else
			buf_addf(&b, "%%%02X", *p);
	}
	return buf_take(&b);
}

static void
draw_item(struct pdfctx *c, HPDF_Page page, const struct dl_item *it)
{
	HPDF_Rect r;
	HPDF_Annotation a = NULL;

	switch (it->kind) {
	case DL_TEXT:
		draw_text(c, page, it);
		break;
	case DL_RECT:
		HPDF_Page_SetGrayFill(page, it->gray);
		HPDF_Page_Rectangle(page, it->x0, c->height - it->y1,
		    it->x1 - it->x0, it->y1 - it->y0);
		HPDF_Page_Fill(page);
		break;
	case DL_RULE:
		HPDF_Page_SetLineWidth(page, it->w);
		HPDF_Page_SetGrayStroke(page, 0);
		HPDF_Page_MoveTo(page, it->x0, c->height - it->y0);
		HPDF_Page_LineTo(page, it->x1, c->height - it->y1);
		HPDF_Page_Stroke(page);
		break;
	case DL_LINK:
		r.left = it->x0;
		r.right = it->x1;
		r.top = c->height - it->y0;
		r.bottom = c->height - it->y1;
		if (it->dest >= 0 && c->dests[it->dest] != NULL)
			a = HPDF_Page_CreateLinkAnnot(page, r, c->dests[it->dest]);
		else if (it->uri != NULL) {
			char *u = uri_ascii(it->uri);

			a = HPDF_Page_CreateURILinkAnnot(page, r, u);
			free(u);
		}
		if (a != NULL)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		break;
	}
}

static void
write_outlines(struct pdfctx *c, const struct dlist *dl)
{
	HPDF_Outline parents[8] = { NULL };
	HPDF_Encoder enc = HPDF_GetEncoder(c->pdf, "UTF-8");
	size_t i;

	for (i = 0; i < dl->ndests; i++) {
		const struct dl_dest *d = &dl->dests[i];
		int lv = d->level < 1 ? 1 : d->level > 6 ? 6 : d->level;
		HPDF_Outline parent = NULL, o;

		if (!d->outline || c->dests[i] == NULL)
			continue;
		for (int k = lv - 1; k >= 1 && parent == NULL; k--)
			parent = parents[k];
		o = HPDF_CreateOutline(c->pdf, parent, d->title, enc);
		if (o == NULL)
			continue;
		HPDF_Outline_SetDestination(o, c->dests[i]);
		HPDF_Outline_SetOpened(o, HPDF_FALSE);
		parents[lv] = o;
		for (int k = lv + 1; k < 8; k++)
			parents[k] = NULL;
	}
}

static void
write_info(struct pdfctx *c, const struct dlist *dl)
{
	long long t = dl->epoch, days = t / 86400;
	HPDF_Date date = { 0 };
	int y = 1970, m, mdays;
	static const int dim[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	    31 };

	if (dl->title)
		HPDF_SetInfoAttr(c->pdf, HPDF_INFO_TITLE, dl->title);
	if (dl->author)
		HPDF_SetInfoAttr(c->pdf, HPDF_INFO_AUTHOR, dl->author);
	if (dl->subject)
		HPDF_SetInfoAttr(c->pdf, HPDF_INFO_SUBJECT, dl->subject);
	HPDF_SetInfoAttr(c->pdf, HPDF_INFO_CREATOR, "kitei");
	if (t <= 0)
		return;
	for (;;) {
		int ly = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

		if (days < 365 + ly)
			break;
		days -= 365 + ly;
		y++;
	}
	for (m = 0; m < 12; m++) {
		int ly = m == 1 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0);

		mdays = dim[m] + ly;
		if (days < mdays)
			break;
		days -= mdays;
	}
	date.year = y;
	date.month = m + 1;
	date.day = (int)days + 1;
	date.ind = '+';
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
}

static int
save(struct pdfctx *c, struct buf *out)
{
	HPDF_BYTE chunk[65536];
	HPDF_UINT32 n;
	HPDF_STATUS st;

	if (HPDF_SaveToStream(c->pdf) != HPDF_OK)
		return -1;
	HPDF_ResetStream(c->pdf);
	for (;;) {
		n = sizeof(chunk);
		st = HPDF_ReadFromStream(c->pdf, chunk, &n);
		buf_add(out, (const char *)chunk, n);
		if (st == HPDF_STREAM_EOF)
			break;
		if (st != HPDF_OK)
			return -1;
	}
	return 0;
}

int
pdf_write(const struct dlist *dl, struct font *fonts[FONT__COUNT],
    struct buf *out, struct diags *d, const char *name)
{
	struct pdfctx c;
	size_t i, k;
	int face, rc = 0;

	memset(&c, 0, sizeof(c));
	c.src = fonts;
	c.height = dl->height;
	c.pdf = HPDF_New(on_error, &c);
	if (c.pdf == NULL) {
		diag(d, E_PDF, (struct pos){ name, 0, 0 }, 0);
		return -1;
	}
	/* Before any page or font: see the file comment. */
	HPDF_SetCompressionMode(c.pdf, HPDF_COMP_ALL);
	HPDF_UseUTFEncodings(c.pdf);
	HPDF_SetCurrentEncoder(c.pdf, "UTF-8");
	for (face = 0; face < FONT__COUNT; face++)
		if (fonts[face] && font_used_any(fonts[face]) &&
		    load_font(&c, (enum font_face)face, fonts[face]) != 0) {
			diag(d, E_FONT, (struct pos){ font_path(fonts[face]),
			    0, 0 }, font_display_name(fonts[face]),
			    "部分フォントを PDF に読み込めません");
			rc = -1;
		}
	c.pages = xcalloc(dl->npages + 1, sizeof(*c.pages));
	c.dests = xcalloc(dl->ndests + 1, sizeof(*c.dests));
	for (i = 0; rc == 0 && i < dl->npages; i++) {
		c.pages[i] = HPDF_AddPage(c.pdf);
		HPDF_Page_SetWidth(c.pages[i], dl->width);
		HPDF_Page_SetHeight(c.pages[i], dl->height);
	}
	for (i = 0; rc == 0 && i < dl->ndests; i++)
		if (dl->dests[i].page >= 0 &&
		    (size_t)dl->dests[i].page < dl->npages)
			c.dests[i] = make_dest(&c,
			    c.pages[dl->dests[i].page], dl->dests[i].y);
	for (i = 0; rc == 0 && i < dl->npages; i++)
		for (k = 0; k < dl->pages[i].n; k++)
			draw_item(&c, c.pages[i], &dl->pages[i].items[k]);
	if (rc == 0) {
		write_outlines(&c, dl);
		if (dl->ndests > 0)
			HPDF_SetPageMode(c.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		write_info(&c, dl);
	}
	if (rc == 0 && (c.error != 0 || save(&c, out) != 0)) {
		diag(d, E_PDF, (struct pos){ name, 0, 0 }, (unsigned)c.error);
		rc = -1;
	}
	HPDF_Free(c.pdf);
	free(c.pages);
	free(c.dests);
	return rc;
}
