/*
 * pdf.c: the PDF device.  Draws a display list through libharu 2.3.0 (with
 * pdf_font.c and pdf_mem.c, the only files that include hpdf.h).  Where
 * the library falls short it works through its public object API:
 *  - fonts are HarfBuzz subsets in font objects kitei writes itself
 *    (pdf_font.c: libharu's own CID fonts embed nearly the whole font, map
 *    all 65,536 codes and point /ToUnicode at the wrong CMap), and text is
 *    drawn as those fonts' CIDs straight into the content stream;
 *  - link destinations are rebuilt to keep the reader's zoom, and link
 *    borders are switched off;
 *  - the document is tagged (libharu 2.3.0 knows no marked content or
 *    structure): each text item is wrapped in BDC/EMC with an MCID written
 *    straight into the page's content stream, decoration in /Artifact,
 *    and the structure tree, parent tree, /MarkInfo, /Lang, XMP metadata
 *    and viewer preferences are built as plain objects (tag_document).
 * libharu's error handler only records the error in the run; the result
 * is checked once at the end.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <hpdf.h>
#include <hpdf_doc.h>
#include <hpdf_pages.h>

#include "layout/layout.h"
#include "dev/pdf.h"
#include "dev/pdf_font.h"
#include "base/util.h"

/* One piece of tagged content: marked text, or a link annotation. */
struct mcref {
	int		 elem;		/* structure element */
	int		 page;
	int		 mcid;		/* -1 for an annotation */
	HPDF_Annotation	 annot;
};

struct pdfctx {
	HPDF_Doc	 pdf;
	VEC(struct mcref) marks;	/* in page order */
	char		 xmpdate[48];	/* the document's date for XMP */
	HPDF_STATUS	 error;
	struct pdf_font	 fonts[FONT__COUNT];
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

/*
 * Makes the font objects of every face the document uses (pdf_font.c).
 * Each page lists a font in its resources when it first draws with it.
 */
static int
make_fonts(struct pdfctx *c, struct diags *d)
{
	int face, rc = 0;

	for (face = 0; face < FONT__COUNT; face++) {
		struct font *src = c->src[face];

		if (src == NULL || !font_used_any(src))
			continue;
		if (pdf_font_make(c->pdf, src, &c->fonts[face]) != 0) {
			diag(d, E_FONT, (struct pos){ font_path(src), 0, 0 },
			    font_display_name(src),
			    "部分フォントを PDF に書き込めません");
			rc = -1;
		}
	}
	return rc;
}

/* The resource name of face on page, listed there on first use. */
static const char *
font_resource(struct pdfctx *c, HPDF_Page page, enum font_face face)
{
	static const char *const names[FONT__COUNT] = { "F1", "F2", "F3" };
	HPDF_Dict res = HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT);
	HPDF_Dict fonts;

	if (res == NULL)
		return NULL;
	fonts = HPDF_Dict_GetItem(res, "Font", HPDF_OCLASS_DICT);
	if (fonts == NULL) {
		fonts = HPDF_Dict_New(c->pdf->mmgr);
		if (fonts == NULL || HPDF_Dict_Add(res, "Font", fonts) !=
		    HPDF_OK)
			return NULL;
	}
	if (HPDF_Dict_GetItem(fonts, names[face], HPDF_OCLASS_DICT) == NULL &&
	    HPDF_Dict_Add(fonts, names[face], c->fonts[face].dict) != HPDF_OK)
		return NULL;
	return names[face];
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

/* Writes operators straight into page's content stream. */
static void
content_write(HPDF_Page page, const char *s)
{
	HPDF_Stream_WriteStr(((HPDF_PageAttr)page->attr)->stream, s);
}

/*
 * A number for a content stream: rounded to 1/10,000 pt, no trailing
 * zeros, no "-0".  Done in integers: snprintf's %f was a tenth of the
 * time spent drawing pages.
 */
static void
put_real(struct buf *b, float v)
{
	long q = lround((double)v * 10000.0);
	char num[32], *p = num + sizeof(num);
	unsigned long u = (unsigned long)(q < 0 ? -q : q);
	unsigned long frac = u % 10000;
	int digits = 4;

	if (frac != 0) {
		while (frac % 10 == 0)
			frac /= 10, digits--;
		while (digits-- > 0)
			*--p = (char)('0' + frac % 10), frac /= 10;
		*--p = '.';
	}
	u /= 10000;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (q < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(num + sizeof(num) - p));
}

/*
 * Each glyph is followed by its own gap to the next one (justification,
 * tightened punctuation).  Glyphs with equal gaps form one run drawn with
 * that gap as Tc, so that text extractors, which add Tc to a glyph's
 * advance, see glyphs that neither overlap nor leave holes.  The text
 * object is written straight into the content stream: the codes are
 * kitei's CIDs, which libharu's text operators know nothing of.
 */
static void
draw_text(struct pdfctx *c, HPDF_Page page, const struct dl_item *it)
{
	const struct pdf_font *pf = &c->fonts[it->face];
	const char *res;
	struct buf ops = {0};
	float *gap, x = 0, y = 0;
	size_t i, j, n = it->nglyphs;

	if (pf->dict == NULL || n == 0 ||
	    (res = font_resource(c, page, it->face)) == NULL)
		return;
	gap = xcalloc(n, sizeof(*gap));
	for (i = 0; i + 1 < n; i++)
		gap[i] = it->glyphs[i + 1].x - it->glyphs[i].x -
		    font_advance(c->src[it->face], it->glyphs[i].cp) *
		    it->size / 1000.0f;
	buf_addf(&ops, "BT\n/%s ", res);
	put_real(&ops, it->size);
	buf_adds(&ops, " Tf\n");
	/* Links print like the text around them; the annotation stays. */
	put_real(&ops, it->gray);
	buf_adds(&ops, " g\n");
	/* The last glyph has no successor: it joins the run before it. */
	if (n > 1)
		gap[n - 1] = gap[n - 2];
	for (i = 0; i < n; i = j) {
		float tc = gap[i] < -30 ? -30 : gap[i] > 300 ? 300 : gap[i];
		float gx = it->glyphs[i].x, gy = c->height - it->y;

		for (j = i + 1; j < n && fabsf(gap[j] - gap[i]) < 0.005f; j++)
			;
		put_real(&ops, tc);
		buf_adds(&ops, " Tc\n");
		/* Td moves from the start of the previous run. */
		put_real(&ops, gx - x);
		buf_addc(&ops, ' ');
		put_real(&ops, gy - y);
		buf_adds(&ops, " Td\n<");
		x = gx, y = gy;
		for (size_t k = i; k < j; k++)
			buf_add_hex4(&ops, pdf_font_cid(pf, it->glyphs[k].cp));
		buf_adds(&ops, "> Tj\n");
	}
	buf_adds(&ops, "ET\n");
	content_write(page, ops.p);
	buf_free(&ops);
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

/*
 * A link into another PDF of the set (GoToR): libharu 2.3.0 has no call
 * for it, so a URI link is made and its action dictionary rewritten in
 * place to /S /GoToR /F (file) /D [page /Fit], the page counted from 0.
 * The file name is relative, so the link works wherever the set is copied.
 */
static HPDF_Annotation
remote_link(HPDF_Page page, HPDF_Rect r, const char *file, int pageno)
{
	HPDF_Annotation a;
	HPDF_Dict act;
	HPDF_Array d;
	char *f = uri_ascii(file);

	a = HPDF_Page_CreateURILinkAnnot(page, r, f);
	act = a ? HPDF_Dict_GetItem(a, "A", HPDF_OCLASS_DICT) : NULL;
	d = HPDF_Array_New(page->mmgr);
	if (act == NULL || d == NULL ||
	    HPDF_Dict_RemoveElement(act, "URI") != HPDF_OK ||
	    HPDF_Dict_AddName(act, "S", "GoToR") != HPDF_OK ||
	    HPDF_Dict_Add(act, "F", HPDF_String_New(page->mmgr, f,
	    NULL)) != HPDF_OK ||
	    HPDF_Array_AddNumber(d, pageno - 1) != HPDF_OK ||
	    HPDF_Array_AddName(d, "Fit") != HPDF_OK)
		a = NULL;	/* the error handler has recorded why */
	else if (HPDF_Dict_Add(act, "D", d) != HPDF_OK)
		a = NULL;
	free(f);
	return a;
}

static HPDF_Annotation
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
		else if (it->uri != NULL && it->rpage > 0)
			a = remote_link(page, r, it->uri, it->rpage);
		else if (it->uri != NULL) {
			char *u = uri_ascii(it->uri);

			a = HPDF_Page_CreateURILinkAnnot(page, r, u);
			free(u);
		}
		if (a != NULL)
			HPDF_LinkAnnot_SetBorderStyle(a, 0, 0, 0);
		break;
	}
	return a;
}

static int
is_content(const struct dl_item *it)
{
	return it->kind == DL_TEXT && it->sid > 0 && !it->furniture;
}

/*
 * Draws item k of page number p as tagged content: text that belongs to
 * a structure element is marked with its type and the next MCID; all
 * other drawing (rules, fills, running heads) is an artifact, one
 * /Artifact block for each run of such items (a table row's rules).
 */
static void
draw_tagged(struct pdfctx *c, const struct dlist *dl, size_t p, size_t k,
    int *mcid)
{
	const struct dl_page *pg = &dl->pages[p];
	const struct dl_item *it = &pg->items[k];
	HPDF_Page page = c->pages[p];
	struct mcref m = { it->sid - 1, (int)p, -1, NULL };
	char op[80];

	if (it->kind == DL_LINK) {
		m.annot = draw_item(c, page, it);
		if (m.annot != NULL && it->sid > 0)
			VEC_PUSH(c->marks, m);
		return;
	}
	if (is_content(it)) {
		m.mcid = (*mcid)++;
		snprintf(op, sizeof(op), "/%s <</MCID %d>> BDC\n",
		    dl->structs[m.elem].type, m.mcid);
		content_write(page, op);
		VEC_PUSH(c->marks, m);
		draw_item(c, page, it);
		content_write(page, "EMC\n");
		return;
	}
	if (k == 0 || is_content(&pg->items[k - 1]) ||
	    pg->items[k - 1].kind == DL_LINK)
		content_write(page, "/Artifact BMC\n");
	draw_item(c, page, it);
	if (k + 1 == pg->n || is_content(&pg->items[k + 1]) ||
	    pg->items[k + 1].kind == DL_LINK)
		content_write(page, "EMC\n");
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
	snprintf(c->xmpdate, sizeof(c->xmpdate), "%04d-%02d-%02dT00:00:00Z",
	    date.year, date.month, date.day);
	date.ind = '+';
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_CREATION_DATE, date);
	HPDF_SetInfoDateAttr(c->pdf, HPDF_INFO_MOD_DATE, date);
}

/* ---- tagged PDF: the structure tree and what goes with it ---- */

static void
xml_escaped(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&': buf_adds(b, "&amp;"); break;
		case '<': buf_adds(b, "&lt;"); break;
		case '>': buf_adds(b, "&gt;"); break;
		case '"': buf_adds(b, "&quot;"); break;
		default: buf_addc(b, *s); break;
		}
	}
}

/* XMP metadata with the title, author, subject and language. */
static HPDF_Dict
xmp_metadata(struct pdfctx *c, const struct dlist *dl)
{
	HPDF_Dict md = HPDF_DictStream_New(c->pdf->mmgr, c->pdf->xref);
	struct buf x = {0};

	if (md == NULL)
		return NULL;
	HPDF_Dict_AddName(md, "Type", "Metadata");
	HPDF_Dict_AddName(md, "Subtype", "XML");
	md->filter = HPDF_STREAM_FILTER_NONE;	/* readable by any tool */
	buf_adds(&x, "<?xpacket begin=\"\xEF\xBB\xBF\" "
	    "id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
	    "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
	    "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
	    "<rdf:Description rdf:about=\"\"\n"
	    " xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
	    " xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\"\n"
	    " xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\">\n");
	if (dl->title) {
		buf_adds(&x, "<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">");
		xml_escaped(&x, dl->title);
		buf_adds(&x, "</rdf:li></rdf:Alt></dc:title>\n");
	}
	if (dl->author) {
		buf_adds(&x, "<dc:creator><rdf:Seq><rdf:li>");
		xml_escaped(&x, dl->author);
		buf_adds(&x, "</rdf:li></rdf:Seq></dc:creator>\n");
	}
	if (dl->subject) {
		buf_adds(&x, "<dc:description><rdf:Alt><rdf:li "
		    "xml:lang=\"x-default\">");
		xml_escaped(&x, dl->subject);
		buf_adds(&x, "</rdf:li></rdf:Alt></dc:description>\n");
	}
	buf_adds(&x, "<dc:language><rdf:Bag><rdf:li>ja-JP</rdf:li></rdf:Bag>"
	    "</dc:language>\n<dc:format>application/pdf</dc:format>\n"
	    "<xmp:CreatorTool>kitei</xmp:CreatorTool>\n"
	    "<pdf:Producer>Haru Free PDF Library 2.3.0</pdf:Producer>\n");
	if (c->xmpdate[0])
		buf_addf(&x, "<xmp:CreateDate>%s</xmp:CreateDate>\n"
		    "<xmp:ModifyDate>%s</xmp:ModifyDate>\n", c->xmpdate,
		    c->xmpdate);
	buf_adds(&x, "</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n"
	    "<?xpacket end=\"w\"?>");
	HPDF_Stream_Write(md->stream, (const HPDF_BYTE *)x.p, (HPDF_UINT)x.n);
	buf_free(&x);
	return md;
}

/* A marked-content reference or an object reference, for a /K array. */
static HPDF_Dict
content_ref(struct pdfctx *c, const struct mcref *m)
{
	HPDF_Dict r = HPDF_Dict_New(c->pdf->mmgr);

	if (r == NULL)
		return NULL;
	HPDF_Dict_AddName(r, "Type", m->annot ? "OBJR" : "MCR");
	HPDF_Dict_Add(r, "Pg", c->pages[m->page]);
	if (m->annot)
		HPDF_Dict_Add(r, "Obj", m->annot);
	else
		HPDF_Dict_AddNumber(r, "MCID", m->mcid);
	return r;
}

/* A child of an element: a sub-element or a piece of its own content. */
struct kid {
	size_t		 key;		/* where it starts, in drawing order */
	int		 elem;		/* sub-element, or -1 */
	size_t		 mark;		/* else: index into marks */
};

static int
kid_cmp(const void *a, const void *b)
{
	const struct kid *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->elem < y->elem ? -1 : x->elem > y->elem;
}

/*
 * Fills each element's /K in reading order: its own marked content and
 * its sub-elements, ordered by where they first appear on the pages (the
 * front matter is laid out after the body but comes first).  An element
 * with no content keeps its place after the sibling made before it.
 */
static void
fill_kids(struct pdfctx *c, const struct dlist *dl, HPDF_Dict *el)
{
	size_t n = dl->nstructs, i, nk = 0, none = (size_t)-1;
	const struct mcref *m;
	size_t *first = xcalloc(n + 1, sizeof(size_t));
	struct kid *kids = xcalloc(n + c->marks.n + 1, sizeof(*kids));
	int *pg = xcalloc(n + 1, sizeof(int));
	int e;

	for (i = 0; i < n; i++)
		first[i] = none;
	for (i = 0; i < c->marks.n; i++)
		if (first[c->marks.v[i].elem] == none)
			first[c->marks.v[i].elem] = i;
	for (e = (int)n - 1; e > 0; e--) {
		int p = dl->structs[e].parent;

		if (p >= 0 && first[e] < first[p])
			first[p] = first[e];
	}
	for (e = 1; e < (int)n; e++) {
		int p = dl->structs[e].parent;

		if (p < 0)
			continue;
		/* A list label is drawn after its item's first line, read before. */
		if (strcmp(dl->structs[e].type, "Lbl") == 0 && first[e] != none)
			first[e] = first[p];
		if (first[e] == none) {
			/* After the previous sibling, or first. */
			size_t k, key = 0;

			for (k = nk; k-- > 0;)
				if (kids[k].elem >= 0 &&
				    dl->structs[kids[k].elem].parent == p) {
					key = kids[k].key;
					break;
				}
			first[e] = key;
		}
		kids[nk].key = first[e];
		kids[nk].elem = e;
		nk++;
	}
	for (i = 0; i < c->marks.n; i++) {
		kids[nk].key = i;
		kids[nk].elem = -1;
		kids[nk].mark = i;
		nk++;
	}
	/*
	 * An element's /Pg is the page its own content starts on; marked
	 * content there is referred to by its bare MCID (most of the tree).
	 */
	for (e = 0; e < (int)n; e++)
		pg[e] = -1;
	for (i = c->marks.n; i-- > 0;)
		if (c->marks.v[i].annot == NULL)
			pg[c->marks.v[i].elem] = c->marks.v[i].page;
	for (e = 0; e < (int)n; e++)
		if (pg[e] >= 0)
			HPDF_Dict_Add(el[e], "Pg", c->pages[pg[e]]);
	qsort(kids, nk, sizeof(*kids), kid_cmp);
	for (i = 0; i < nk; i++) {
		int owner = kids[i].elem >= 0 ?
		    dl->structs[kids[i].elem].parent :
		    c->marks.v[kids[i].mark].elem;
		HPDF_Array k = HPDF_Dict_GetItem(el[owner], "K",
		    HPDF_OCLASS_ARRAY);

		if (k == NULL)
			continue;
		if (kids[i].elem >= 0) {
			HPDF_Array_Add(k, el[kids[i].elem]);
			continue;
		}
		/* A mark kid: only now is there a mark to point at (a
		 * document may have elements and no marks at all). */
		m = &c->marks.v[kids[i].mark];
		if (m->annot == NULL && m->page == pg[owner])
			HPDF_Array_AddNumber(k, m->mcid);	/* on its /Pg */
		else
			HPDF_Array_Add(k, content_ref(c, m));
	}
	free(first);
	free(kids);
	free(pg);
}

/*
 * The parent tree maps each page's MCIDs (key: the page's
 * /StructParents) and each link annotation (its /StructParent) back to
 * the element that holds them.
 */
static int
parent_tree(struct pdfctx *c, const struct dlist *dl, HPDF_Dict *el,
    HPDF_Dict root)
{
	HPDF_MMgr mm = c->pdf->mmgr;
	HPDF_Dict tree = HPDF_Dict_New(mm);
	HPDF_Array nums = HPDF_Array_New(mm);
	size_t p, i;
	int key = (int)dl->npages;

	if (tree == NULL || nums == NULL)
		return -1;
	HPDF_Dict_Add(tree, "Nums", nums);
	for (p = 0; p < dl->npages; p++) {
		HPDF_Array a = HPDF_Array_New(mm);

		HPDF_Dict_AddNumber(c->pages[p], "StructParents", (HPDF_INT32)p);
		HPDF_Array_AddNumber(nums, (HPDF_INT32)p);
		HPDF_Array_Add(nums, a);
		for (i = 0; i < c->marks.n; i++)
			if (c->marks.v[i].page == (int)p &&
			    c->marks.v[i].annot == NULL)
				HPDF_Array_Add(a, el[c->marks.v[i].elem]);
	}
	for (i = 0; i < c->marks.n; i++) {
		if (c->marks.v[i].annot == NULL)
			continue;
		HPDF_Dict_AddNumber(c->marks.v[i].annot, "StructParent", key);
		HPDF_Array_AddNumber(nums, key++);
		HPDF_Array_Add(nums, el[c->marks.v[i].elem]);
	}
	HPDF_Dict_Add(root, "ParentTree", tree);
	HPDF_Dict_AddNumber(root, "ParentTreeNextKey", key);
	return 0;
}

/*
 * Makes the PDF a tagged one: the structure tree from the display list's
 * elements, /MarkInfo, /Lang, XMP metadata, the title shown in the
 * viewer's window and page labels as printed (i, ii … for front matter,
 * then 1, 2 …).
 */
static void
tag_document(struct pdfctx *c, const struct dlist *dl)
{
	HPDF_MMgr mm = c->pdf->mmgr;
	HPDF_Dict cat = c->pdf->catalog, root, mark, vp, md;
	HPDF_Dict *el;
	size_t i;

	if (dl->nstructs == 0)
		return;
	root = HPDF_Dict_New(mm);
	if (root == NULL || HPDF_Xref_Add(c->pdf->xref, root) != HPDF_OK)
		return;
	HPDF_Dict_AddName(root, "Type", "StructTreeRoot");
	el = xcalloc(dl->nstructs, sizeof(*el));
	for (i = 0; i < dl->nstructs; i++) {
		el[i] = HPDF_Dict_New(mm);
		if (el[i] == NULL || HPDF_Xref_Add(c->pdf->xref, el[i]) !=
		    HPDF_OK) {
			free(el);
			return;
		}
		HPDF_Dict_AddName(el[i], "Type", "StructElem");
		HPDF_Dict_AddName(el[i], "S", dl->structs[i].type);
		HPDF_Dict_Add(el[i], "K", HPDF_Array_New(mm));
	}
	for (i = 0; i < dl->nstructs; i++)
		HPDF_Dict_Add(el[i], "P", dl->structs[i].parent >= 0 ?
		    el[dl->structs[i].parent] : root);
	fill_kids(c, dl, el);
	HPDF_Dict_Add(root, "K", el[0]);
	parent_tree(c, dl, el, root);
	free(el);
	HPDF_Dict_Add(cat, "StructTreeRoot", root);
	mark = HPDF_Dict_New(mm);
	HPDF_Dict_AddBoolean(mark, "Marked", HPDF_TRUE);
	HPDF_Dict_Add(cat, "MarkInfo", mark);
	HPDF_Dict_Add(cat, "Lang", HPDF_String_New(mm, "ja-JP", NULL));
	vp = HPDF_Dict_New(mm);
	HPDF_Dict_AddBoolean(vp, "DisplayDocTitle", HPDF_TRUE);
	HPDF_Dict_Add(cat, "ViewerPreferences", vp);
	if ((md = xmp_metadata(c, dl)) != NULL)
		HPDF_Dict_Add(cat, "Metadata", md);
	/* As printed: front matter i, ii …, the body from 1. */
	if (dl->front > 0)
		HPDF_AddPageLabel(c->pdf, 0,
		    HPDF_PAGE_NUM_STYLE_LOWER_ROMAN, 1, NULL);
	if (dl->front < dl->npages)
		HPDF_AddPageLabel(c->pdf, (HPDF_UINT)dl->front,
		    HPDF_PAGE_NUM_STYLE_DECIMAL, 1, NULL);
	if (c->pdf->pdf_version < HPDF_VER_14)
		c->pdf->pdf_version = HPDF_VER_14;
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
	if (make_fonts(&c, d) != 0)
		rc = -1;
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
	for (i = 0; rc == 0 && i < dl->npages; i++) {
		int mcid = 0;

		for (k = 0; k < dl->pages[i].n; k++)
			draw_tagged(&c, dl, i, k, &mcid);
	}
	if (rc == 0) {
		write_outlines(&c, dl);
		if (dl->ndests > 0)
			HPDF_SetPageMode(c.pdf, HPDF_PAGE_MODE_USE_OUTLINE);
		write_info(&c, dl);
		tag_document(&c, dl);
	}
	if (rc == 0 && (c.error != 0 || save(&c, out) != 0)) {
		diag(d, E_PDF, (struct pos){ name, 0, 0 }, (unsigned)c.error);
		rc = -1;
	}
	HPDF_Free(c.pdf);
	for (face = 0; face < FONT__COUNT; face++)
		pdf_font_free(&c.fonts[face]);
	VEC_FREE(c.marks);
	free(c.pages);
	free(c.dests);
	return rc;
}
