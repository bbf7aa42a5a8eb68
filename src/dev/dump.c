/*
 * dump.c: the text device.  DUMP_LINES joins the glyphs that share a
 * baseline into one line of text (left to right, in drawing order), which
 * is what a reader sees; DUMP_ITEMS lists every item with coordinates
 * rounded to 0.01 pt, which pins the layout exactly.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "dev/dump.h"
#include "layout/layout.h"
#include "base/util.h"

static const char *face_name[] = { "mincho", "gothic", "mono" };

static void
dump_items(const struct dl_page *p, struct buf *out)
{
	size_t k, g;

	for (k = 0; k < p->n; k++) {
		const struct dl_item *it = &p->items[k];

		switch (it->kind) {
		case DL_TEXT:
			buf_addf(out, "  text %.2f %.2f %s %.2f \"",
			    it->nglyphs ? it->glyphs[0].x : 0, it->y,
			    face_name[it->face], it->size);
			for (g = 0; g < it->nglyphs; g++)
				buf_add_utf8(out, it->glyphs[g].cp);
			buf_adds(out, "\"\n");
			break;
		case DL_RULE:
			buf_addf(out, "  rule %.2f %.2f %.2f %.2f w%.2f\n",
			    it->x0, it->y0, it->x1, it->y1, it->w);
			break;
		case DL_RECT:
			buf_addf(out, "  rect %.2f %.2f %.2f %.2f g%.2f\n",
			    it->x0, it->y0, it->x1, it->y1, it->gray);
			break;
		case DL_LINK:
			if (it->uri && it->rpage > 0)
				buf_addf(out, "  link %.2f %.2f %.2f %.2f %s "
				    "p.%d\n", it->x0, it->y0, it->x1, it->y1,
				    it->uri, it->rpage);
			else if (it->uri)
				buf_addf(out, "  link %.2f %.2f %.2f %.2f %s\n",
				    it->x0, it->y0, it->x1, it->y1, it->uri);
			else
				buf_addf(out, "  link %.2f %.2f %.2f %.2f #%d\n",
				    it->x0, it->y0, it->x1, it->y1, it->dest);
			break;
		}
	}
}

struct seg {
	float		 y, x;
	const struct dl_item *it;
};

static int
seg_cmp(const void *a, const void *b)
{
	const struct seg *s = a, *t = b;

	if (fabsf(s->y - t->y) > 0.5f)
		return s->y < t->y ? -1 : 1;
	if (s->x != t->x)
		return s->x < t->x ? -1 : 1;
	return 0;
}

static void
dump_lines(const struct dl_page *p, struct buf *out)
{
	struct seg *segs = xcalloc(p->n + 1, sizeof(*segs));
	size_t k, n = 0, g;
	float y = -1e9f;

	for (k = 0; k < p->n; k++)
		if (p->items[k].kind == DL_TEXT && p->items[k].nglyphs &&
		    !p->items[k].furniture) {
			segs[n].y = p->items[k].y;
			segs[n].x = p->items[k].glyphs[0].x;
			segs[n++].it = &p->items[k];
		}
	qsort(segs, n, sizeof(*segs), seg_cmp);
	for (k = 0; k < n; k++) {
		if (fabsf(segs[k].y - y) > 0.5f) {
			if (k)
				buf_addc(out, '\n');
			y = segs[k].y;
			buf_adds(out, "  ");
		}
		for (g = 0; g < segs[k].it->nglyphs; g++)
			buf_add_utf8(out, segs[k].it->glyphs[g].cp);
	}
	if (n)
		buf_addc(out, '\n');
	free(segs);
}

void
dump_write(const struct dlist *dl, enum dump_mode mode, struct buf *out)
{
	size_t i;

	for (i = 0; i < dl->npages; i++) {
		buf_addf(out, "page %zu/%zu\n", i + 1, dl->npages);
		if (mode == DUMP_ITEMS)
			dump_items(&dl->pages[i], out);
		else
			dump_lines(&dl->pages[i], out);
	}
}
