/*
 * diff_table.c: the aligned units as the Markdown of a 新旧対照表.
 *
 * Each chapter is a heading (a full-width row between tables) and a GFM
 * table whose header row names the columns (改正後 | 改正前 by default;
 * the layout repeats it on every page).  A row is one unit:
 *   changed     the whole unit on both sides, changed characters inside
 *               <ins> (new side) and <del> (old side), which both back
 *               ends underline;
 *   added       the new unit underlined, 「（新設）」 opposite;
 *   removed     「（削る）」 on the new side, the old unit underlined;
 *   unchanged   by the options: 「（略）」 after its heading (a run of them
 *               in one row: 第1条（目的）〜第4条（遵守）　（略）), omitted,
 *               or shown whole.
 * Paragraphs of a unit are joined with <br> inside its cell.  A chapter
 * with nothing changed is one 「（略）」 row, or left out with omit.
 */
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "tmpl/tmpl.h"

enum side { OLD, NEW };

/* One side of a row as it is being written. */
struct cellbuf {
	struct buf	b;
	int		any;	/* something written (for <br>) */
};

static void
escaped(struct buf *b, const char *s, size_t len)
{
	char *t = xstrndup(s, len);

	md_escape(b, t, 0);
	free(t);
}

/* text with its segments; changed ones inside the side's change tag. */
static void
marked(struct buf *b, const char *text, const dseg_vec *segs, enum side sd)
{
	size_t i;

	if (segs == NULL) {
		md_escape(b, text, 0);
		return;
	}
	for (i = 0; i < segs->n; i++) {
		const struct dseg *g = &segs->v[i];

		if (g->changed)
			buf_adds(b, sd == NEW ? "<ins>" : "<del>");
		escaped(b, text + g->off, g->len);
		if (g->changed)
			buf_adds(b, sd == NEW ? "</ins>" : "</del>");
	}
}

/* The whole of text as one changed segment (an added or removed part). */
static void
all_changed(const char *text, dseg_vec *v)
{
	struct dseg g = { 0, strlen(text), 1 };

	v->n = 0;
	if (g.len > 0)
		VEC_PUSH(*v, g);
}

static void
line_start(struct cellbuf *c)
{
	if (c->any)
		buf_adds(&c->b, "<br>");
	c->any = 1;
}

/* A block: its number (marked only when the whole block is new or gone). */
static void
cell_block(struct cellbuf *c, const struct dblock *bl, const dseg_vec *segs,
    int whole, enum side sd)
{
	dseg_vec num = {0};

	line_start(c);
	if (whole && *bl->num) {
		all_changed(bl->num, &num);
		marked(&c->b, bl->num, &num, sd);
	} else
		md_escape(&c->b, bl->num, 0);
	marked(&c->b, bl->text, segs, sd);
	VEC_FREE(num);
}

/* The heading line of a unit; its title with segs when given. */
static void
cell_heading(struct cellbuf *c, const struct dunit *u, const dseg_vec *segs,
    int whole, enum side sd)
{
	dseg_vec v = {0};

	if (u->kind != DU_ARTICLE)
		return;
	line_start(c);
	if (whole) {
		struct buf all = {0};

		buf_addf(&all, "%s%s%s", u->num, u->title, u->tail);
		all_changed(all.p, &v);
		marked(&c->b, all.p, &v, sd);
		buf_free(&all);
	} else {
		md_escape(&c->b, u->num, 0);
		marked(&c->b, u->title, segs, sd);
		md_escape(&c->b, u->tail, 0);
	}
	VEC_FREE(v);
}

/* A unit present on one side only: all of it underlined. */
static void
cell_whole(struct cellbuf *c, const struct dunit *u, enum side sd)
{
	dseg_vec v = {0};
	size_t k;

	cell_heading(c, u, NULL, 1, sd);
	for (k = 0; k < u->nblocks; k++) {
		all_changed(u->blocks[k].text, &v);
		cell_block(c, &u->blocks[k], &v, 1, sd);
	}
	VEC_FREE(v);
}

static void
cell_plain(struct cellbuf *c, const struct dunit *u, enum side sd)
{
	size_t k;

	cell_heading(c, u, NULL, 0, sd);
	for (k = 0; k < u->nblocks; k++)
		cell_block(c, &u->blocks[k], NULL, 0, sd);
}

static int
unit_equal(const struct dunit *a, const struct dunit *b)
{
	size_t k;

	if (strcmp(a->title, b->title) != 0 || a->nblocks != b->nblocks)
		return 0;
	for (k = 0; k < a->nblocks; k++)
		if (strcmp(a->blocks[k].text, b->blocks[k].text) != 0)
			return 0;
	return 1;
}

/* Pairs the pending unmatched blocks in order; the rest are whole. */
static void
flush_blocks(struct cellbuf *co, struct cellbuf *cn, const struct dunit *o,
    const struct dunit *n, const long *po, size_t npo, const long *pn,
    size_t npn)
{
	size_t k;

	for (k = 0; k < npo || k < npn; k++) {
		dseg_vec so = {0}, sn = {0};

		if (k < npo && k < npn) {
			diff_text(o->blocks[po[k]].text, n->blocks[pn[k]].text,
			    &so, &sn);
			cell_block(co, &o->blocks[po[k]], &so, 0, OLD);
			cell_block(cn, &n->blocks[pn[k]], &sn, 0, NEW);
		} else if (k < npo) {
			all_changed(o->blocks[po[k]].text, &so);
			cell_block(co, &o->blocks[po[k]], &so, 1, OLD);
		} else {
			all_changed(n->blocks[pn[k]].text, &sn);
			cell_block(cn, &n->blocks[pn[k]], &sn, 1, NEW);
		}
		VEC_FREE(so);
		VEC_FREE(sn);
	}
}

/* Both sides of a changed unit: blocks aligned by content, then diffed. */
static void
cells_changed(struct cellbuf *co, struct cellbuf *cn, const struct dunit *o,
    const struct dunit *n)
{
	const char **ok = xcalloc(o->nblocks + 1, sizeof(*ok));
	const char **nk = xcalloc(n->nblocks + 1, sizeof(*nk));
	long *po = xcalloc(o->nblocks + 1, sizeof(*po));
	long *pn = xcalloc(n->nblocks + 1, sizeof(*pn));
	dseg_vec so = {0}, sn = {0};
	dpair_vec pairs = {0};
	size_t i, npo = 0, npn = 0;

	diff_text(o->title, n->title, &so, &sn);
	cell_heading(co, o, &so, 0, OLD);
	cell_heading(cn, n, &sn, 0, NEW);
	for (i = 0; i < o->nblocks; i++)
		ok[i] = o->blocks[i].text;
	for (i = 0; i < n->nblocks; i++)
		nk[i] = n->blocks[i].text;
	diff_align(ok, o->nblocks, nk, n->nblocks, &pairs);
	for (i = 0; i < pairs.n; i++) {
		const struct dpair *p = &pairs.v[i];

		if (p->old >= 0 && p->new >= 0) {
			flush_blocks(co, cn, o, n, po, npo, pn, npn);
			npo = npn = 0;
			cell_block(co, &o->blocks[p->old], NULL, 0, OLD);
			cell_block(cn, &n->blocks[p->new], NULL, 0, NEW);
		} else if (p->old >= 0)
			po[npo++] = p->old;
		else
			pn[npn++] = p->new;
	}
	flush_blocks(co, cn, o, n, po, npo, pn, npn);
	VEC_FREE(pairs);
	VEC_FREE(so);
	VEC_FREE(sn);
	free(ok);
	free(nk);
	free(po);
	free(pn);
}

/* ---- rows and chapters ---- */

struct writer {
	const struct dtable_opts *o;
	struct buf	*md;
	struct buf	 rows;		/* the current chapter's rows */
	int		 changed;	/* in the current chapter */
	size_t		 total;		/* changed units */
	/* A run of unchanged units waiting to be written as one row. */
	const struct dunit *run_first[2], *run_last[2];
};

static void
row(struct writer *w, const char *newc, const char *oldc, const char *remark)
{
	const char *l = w->o->old_first ? oldc : newc;
	const char *r = w->o->old_first ? newc : oldc;

	buf_addf(&w->rows, "| %s | %s |", *l ? l : " ", *r ? r : " ");
	if (w->o->remarks)
		buf_addf(&w->rows, " %s |", remark);
	buf_addc(&w->rows, '\n');
}

/* 「第1条（目的）〜第4条（遵守の義務）　（略）」 for a run of one side. */
static void
run_label(struct buf *b, const struct dunit *first, const struct dunit *last)
{
	if (first->kind == DU_ARTICLE) {
		md_escape(b, first->num, 0);
		md_escape(b, first->title, 0);
		md_escape(b, first->tail, 0);
		if (last != first) {
			buf_adds(b, "〜");
			md_escape(b, last->num, 0);
			md_escape(b, last->title, 0);
			md_escape(b, last->tail, 0);
		}
		buf_adds(b, "　");
	}
	buf_adds(b, "（略）");
}

static void
flush_run(struct writer *w)
{
	struct buf n = {0}, o = {0};

	if (w->run_first[NEW] == NULL)
		return;
	run_label(&n, w->run_first[NEW], w->run_last[NEW]);
	run_label(&o, w->run_first[OLD], w->run_last[OLD]);
	row(w, n.p, o.p, "");
	buf_free(&n);
	buf_free(&o);
	w->run_first[NEW] = w->run_first[OLD] = NULL;
}

static void
unit_row(struct writer *w, const struct dunit *o, const struct dunit *n)
{
	struct cellbuf co = {{0}, 0}, cn = {{0}, 0};
	const char *mark_new = w->o->markers ? "（新設）" : "";
	const char *mark_old = w->o->markers ? "（削る）" : "";

	if (o != NULL && n != NULL && unit_equal(o, n)) {
		if (w->o->unchanged == DU_OMIT)
			return;
		if (w->o->unchanged == DU_ABBREVIATE) {
			/* The lines under a chapter heading go unmentioned. */
			if (n->kind == DU_PREAMBLE)
				return;
			if (w->run_first[NEW] == NULL) {
				w->run_first[NEW] = n;
				w->run_first[OLD] = o;
			}
			w->run_last[NEW] = n;
			w->run_last[OLD] = o;
			return;
		}
		flush_run(w);
		cell_plain(&co, o, OLD);
		cell_plain(&cn, n, NEW);
		row(w, cn.b.p ? cn.b.p : "", co.b.p ? co.b.p : "", "");
	} else {
		flush_run(w);
		w->changed = 1;
		w->total++;
		if (o != NULL && n != NULL) {
			cells_changed(&co, &cn, o, n);
			row(w, cn.b.p ? cn.b.p : "", co.b.p ? co.b.p : "",
			    "変更");
		} else if (n != NULL) {
			cell_whole(&cn, n, NEW);
			row(w, cn.b.p ? cn.b.p : "", mark_new, "新設");
		} else {
			cell_whole(&co, o, OLD);
			row(w, mark_old, co.b.p ? co.b.p : "", "削除");
		}
	}
	buf_free(&co.b);
	buf_free(&cn.b);
}

/* The chapter heading: the new number and title, and what changed. */
static void
chapter_heading(struct buf *md, const struct dunit *o, const struct dunit *n)
{
	const struct dunit *u = n ? n : o;

	buf_adds(md, "# ");
	if (n == NULL)
		buf_adds(md, "改正前　");
	md_escape(md, u->num, 0);
	md_escape(md, u->title, 0);
	md_escape(md, u->tail, 0);
	if (n != NULL && o == NULL)
		buf_adds(md, "（新設）");
	else if (n == NULL)
		buf_adds(md, "（削る）");
	else if (strcmp(o->num, n->num) != 0 && *o->num) {
		buf_adds(md, "（改正前　");
		md_escape(md, o->num, 0);
		while (md->n > 0 && (md->p[md->n - 1] == ' ' ||
		    (md->n >= 3 && memcmp(md->p + md->n - 3, "　", 3) == 0)))
			md->n -= md->p[md->n - 1] == ' ' ? 1 : 3;
		buf_adds(md, "）");
	}
	buf_adds(md, "\n\n");
}

static void
table_head(const struct writer *w, struct buf *md)
{
	const char *l = w->o->old_first ? w->o->old_label : w->o->new_label;
	const char *r = w->o->old_first ? w->o->new_label : w->o->old_label;

	buf_adds(md, "| ");
	md_escape(md, l, 0);
	buf_adds(md, " | ");
	md_escape(md, r, 0);
	buf_adds(md, w->o->remarks ? " | 備考 |\n|:--|:--|:--:|\n" :
	    " |\n|:--|:--|\n");
}

/* Ends a chapter: its heading and table, or one （略） row, or nothing. */
static void
end_chapter(struct writer *w, const struct dunit *o, const struct dunit *n,
    int started)
{
	flush_run(w);
	if (!started)
		return;
	if (!w->changed && w->o->unchanged == DU_OMIT)
		goto out;
	if (o != NULL || n != NULL)
		chapter_heading(w->md, o, n);
	if (!w->changed && w->o->unchanged == DU_ABBREVIATE) {
		w->rows.n = 0;
		row(w, "（略）", "（略）", "");
	}
	if (w->rows.n > 0) {
		table_head(w, w->md);
		buf_add(w->md, w->rows.p, w->rows.n);
		buf_adds(w->md, "\n");
	}
out:
	w->rows.n = 0;
	w->changed = 0;
}

size_t
diff_table(const struct dunits *old, const struct dunits *new,
    const struct dtable_opts *o, struct buf *md)
{
	struct writer w;
	dpair_vec pairs = {0};
	const struct dunit *cho = NULL, *chn = NULL;
	int started = 0;
	size_t i;

	memset(&w, 0, sizeof(w));
	w.o = o;
	w.md = md;
	if (o->heading)
		buf_adds(md, o->heading);
	diff_align_units(old, new, &pairs);
	for (i = 0; i < pairs.n; i++) {
		const struct dunit *uo = pairs.v[i].old >= 0 ?
		    &old->v[pairs.v[i].old] : NULL;
		const struct dunit *un = pairs.v[i].new >= 0 ?
		    &new->v[pairs.v[i].new] : NULL;
		const struct dunit *u = un ? un : uo;

		if (u->kind == DU_CHAPTER) {
			end_chapter(&w, cho, chn, started);
			cho = uo;
			chn = un;
			started = 1;
			/* A chapter heading that came or went is a change. */
			if (uo == NULL || un == NULL) {
				w.changed = 1;
				w.total++;
			}
			continue;
		}
		started = 1;
		unit_row(&w, uo, un);
	}
	end_chapter(&w, cho, chn, started);
	buf_free(&w.rows);
	VEC_FREE(pairs);
	return w.total;
}
