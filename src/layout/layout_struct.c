/*
 * layout_struct.c: the logical structure of a laid-out document, for
 * tagged PDF.  Blocks create structure elements (a paragraph a P, a table
 * a Table of TR rows of TH/TD cells, a list an L of LI items with Lbl and
 * LBody …) and tag the text and link items they emitted with the element
 * they belong to.  Items left untagged (rules, fills, running heads and
 * page numbers) are artifacts: decoration, not content.
 */
#include <math.h>
#include <string.h>

#include "layout/layout_int.h"

int
struct_new(struct lctx *l, const char *type, int parent)
{
	struct dlist *dl = l->dl;

	if (dl->nstructs == dl->capstructs) {
		dl->capstructs = dl->capstructs ? dl->capstructs * 2 : 64;
		dl->structs = xrealloc(dl->structs,
		    dl->capstructs * sizeof(*dl->structs));
	}
	dl->structs[dl->nstructs].type = type;
	dl->structs[dl->nstructs].parent = parent;
	return (int)dl->nstructs++;
}

/*
 * The Link element a link area belongs to: the one of the link text it
 * covers (the text run starting where the area does), else a new one.
 */
static int
link_of(struct lctx *l, struct dl_item *items, size_t from, size_t at,
    int elem)
{
	const struct dl_item *a = &items[at];
	size_t k;

	for (k = from; k < at; k++) {
		const struct dl_item *t = &items[k];

		if (t->kind == DL_TEXT && t->blue && t->sid > 0 &&
		    t->nglyphs > 0 && fabsf(t->glyphs[0].x - a->x0) < 0.01f &&
		    t->y >= a->y0 && t->y <= a->y1)
			return t->sid - 1;
	}
	return struct_new(l, "Link", elem);
}

/* Tags the untagged text and link items [from, to) with elem. */
void
struct_tag_items(struct lctx *l, struct dl_item *items, size_t from,
    size_t to, int elem)
{
	size_t k;

	for (k = from; k < to; k++) {
		struct dl_item *it = &items[k];

		if (it->sid != 0)
			continue;
		if (it->kind == DL_TEXT)
			it->sid = 1 + (it->blue ? struct_new(l, "Link", elem) :
			    elem);
		else if (it->kind == DL_LINK)
			it->sid = 1 + link_of(l, items, from, k, elem);
	}
}

/* Tags what boxes [first, nflow) hold that is not tagged yet. */
void
struct_tag(struct lctx *l, size_t first, int elem)
{
	size_t i;

	for (i = first; i < l->nflow; i++)
		struct_tag_items(l, l->flow[i].items, 0, l->flow[i].n, elem);
}
