/*
 * layout_table.c: GFM tables.  Column widths come from the content: each
 * column's minimum (its widest unbreakable piece and its header) and
 * maximum (its longest line unbroken).  The table takes the full text
 * width; when the maxima do not fit, an optimiser hands the width above
 * the minima to whichever column lowers the table's height (plus
 * penalties for badly broken cells) most.  Each row becomes one box of
 * the flow (or several, when a row is taller than a page), so pagination
 * keeps rows whole and can repeat the header row.  Rows and cells become
 * TR and TH/TD structure elements for tagged PDF.
 */
#include <math.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "layout/layout_int.h"
#include "md/markdown.h"
#include "text/linebreak.h"

struct cell {
	ichar_vec	 chars;
	iline_vec	 lines;
	float		 min, max;
	float		 pmin;		/* header: its widest phrase, or min */
};

struct row {
	struct cell	*cells;
	int		 header;
	int		*sid;		/* structure element of each cell */
};

#define CELL_PITCH	1.5f

static void
cell_collect(struct lctx *l, cmark_node *node, struct cell *c, int header)
{
	struct istyle st = { header ? FONT_GOTHIC : FONT_MINCHO,
	    l->body_size * 0.92f, 0, 0, -1 };

	inline_collect(l, node, st, &c->chars);
	c->chars.n = inline_measure(l, c->chars.v, c->chars.n);
	inline_opportunities(c->chars.v, c->chars.n);
	c->min = c->pmin = inline_min_width(c->chars.v, c->chars.n);
	if (header) {
		mark_phrases(c->chars.v, c->chars.n);
		inline_opportunities(c->chars.v, c->chars.n);
		c->pmin = inline_min_width(c->chars.v, c->chars.n);
	}
	c->max = inline_max_width(c->chars.v, c->chars.n);
}

/*
 * A header cell is a label, read like a heading: it breaks between words
 * and phrases (「取扱いの／方法と／保管場所」, never 「方法／と」), so its
 * minimum width is its widest phrase.  A phrase wider than the column
 * the table could give it is opened up to the body rules, alone: the
 * cell's other phrases stay whole.  Returns whether any was opened.
 */
static int
open_wide_phrases(struct ichar *c, size_t n, float w)
{
	size_t i, j, start = 0;
	float width = 0;
	int opened = 0;

	for (i = 0; i < n; i++) {
		if (!c[i].space && c[i].cp != '\n')
			width += c[i].w + c[i].gap;
		if (c[i].nobreak && i + 1 < n)
			continue;
		if (width > w + 0.01f) {
			for (j = start; j < i; j++)
				c[j].nobreak = 0;
			opened = 1;
		}
		start = i + 1;
		width = 0;
	}
	return opened;
}

/* Breaks cell c into lines of at most w. */
static void
cell_fill(struct cell *c, int header, float w)
{
	if (header && open_wide_phrases(c->chars.v, c->chars.n, w))
		inline_opportunities(c->chars.v, c->chars.n);
	inline_fill(c->chars.v, c->chars.n, w, 0, &c->lines);
}

/*
 * Shares width between the columns from their min and max widths, in
 * proportion, as a browser does: used when every column fits on one line
 * (each then gets its maximum and a share of the rest) and when not even
 * the minima fit (W is shared in proportion to them).
 */
static void
proportional_widths(const float *min, const float *max, const float *least,
    int n, float width, float *out)
{
	float smin = 0, smax = 0, sleast = 0;
	int k;

	for (k = 0; k < n; k++) {
		smin += min[k];
		smax += max[k];
		sleast += least[k];
	}
	for (k = 0; k < n; k++) {
		if (smax <= width)
			out[k] = max[k] + (smax > 0 ? (width - smax) * max[k] / smax :
			    (width - smax) / n);
		else if (smin >= width)
			/* Squeezed: never under one character (least). */
			out[k] = least[k] + (smin > sleast ? (width - sleast) *
			    (min[k] - least[k]) / (smin - sleast) : 0);
		else
			out[k] = min[k] + (max[k] - min[k]) * (width - smin) /
			    (smax - smin);
	}
}

/* ---- the column optimiser ---- */

/*
 * What a column costs at one candidate width: the lines of each of its
 * cells (row by row) and the penalties of how they break.  Costs are in
 * lines of table text.
 */
struct colcost {
	int		 steps;		/* candidate widths 0 … steps */
	unsigned short	*lines;		/* [s * nrows + r] */
	float		*pen;		/* [s] summed over the column's cells */
};

/* A 1-letter last line reads almost as badly as a whole extra line. */
#define PEN_LAST_1	0.6f
#define PEN_LAST_2	0.3f
#define PEN_KATAKANA	1.0f	/* セキュ|リティ */
#define PEN_LINE	0.1f	/* each extra line of a cell: fewer broken cells */
#define PEN_SHORT	0.5f	/* a short entry (SHORT_CELL ems at most) broken */
#define SHORT_CELL	12

static int
is_katakana(uint32_t cp)
{
	return (cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC;
}

/* Breaks cell c at text width w; returns its lines, adds its penalties. */
static size_t
cell_cost(const struct cell *c, float w, float *pen)
{
	iline_vec lines = {0};
	size_t n, i, letters = 0;

	inline_fill(c->chars.v, c->chars.n, w, 0, &lines);
	n = lines.n ? lines.n : 1;
	if (lines.n >= 2) {
		const struct iline *last = &lines.v[lines.n - 1];

		for (i = last->start; i < last->end; i++)
			if (!c->chars.v[i].space && c->chars.v[i].cp != '\n' &&
			    !lb_no_start(c->chars.v[i].cp))
				letters++;
		*pen += letters <= 1 ? PEN_LAST_1 : letters == 2 ? PEN_LAST_2 : 0;
		for (i = 0; i + 1 < lines.n; i++) {
			size_t e = lines.v[i].end;

			if (e > 0 && e < c->chars.n &&
			    is_katakana(c->chars.v[e - 1].cp) &&
			    is_katakana(c->chars.v[e].cp))
				*pen += PEN_KATAKANA;
		}
		*pen += PEN_LINE * (float)(lines.n - 1);
		/* A term, a name or a date is read as one: keep it whole. */
		if (c->max <= c->chars.v[0].st.size * SHORT_CELL)
			*pen += PEN_SHORT;
	}
	VEC_FREE(lines);
	return n;
}

/* Fills cost k for widths min + s × step, s = 0 … steps (capped at max). */
static void
column_cost(struct colcost *cc, const struct row *rows, size_t nrows, int k,
    float min, float max, float step, float pad)
{
	int s;
	size_t r;

	cc->lines = xcalloc((size_t)(cc->steps + 1) * nrows, sizeof(*cc->lines));
	cc->pen = xcalloc((size_t)cc->steps + 1, sizeof(float));
	for (s = 0; s <= cc->steps; s++) {
		float w = min + (float)s * step;

		if (w > max)
			w = max;
		for (r = 0; r < nrows; r++) {
			size_t n = cell_cost(&rows[r].cells[k], w - 2 * pad,
			    &cc->pen[s]);

			cc->lines[(size_t)s * nrows + r] =
			    (unsigned short)(n > 65535 ? 65535 : n);
		}
	}
}

/*
 * The cost of widening column k from step cur[k] to step s: the change
 * in the table's height (each row as tall as its tallest cell) plus the
 * change in penalties.  other[r] is row r's tallest cell elsewhere.
 */
static float
widen_delta(const struct colcost *cc, const int *cur, size_t nrows, int k,
    int s, const unsigned *other)
{
	const unsigned short *a = &cc[k].lines[(size_t)cur[k] * nrows];
	const unsigned short *b = &cc[k].lines[(size_t)s * nrows];
	float d = cc[k].pen[s] - cc[k].pen[cur[k]];
	size_t r;

	for (r = 0; r < nrows; r++) {
		unsigned was = a[r] > other[r] ? a[r] : other[r];
		unsigned now = b[r] > other[r] ? b[r] : other[r];

		d += (float)now - (float)was;
	}
	return d;
}

/*
 * Hands out the width above the minima in steps, each time to the column
 * whose widening lowers the table's cost most per step (looking as far
 * ahead as the width left allows, since a column may need a few steps
 * before any of its cells loses a line).  Returns the steps used.
 */
static int
hand_out(const struct colcost *cc, int n, size_t nrows, int budget,
    int *cur)
{
	unsigned *other = xcalloc(nrows + 1, sizeof(*other));
	int used = 0, k, j, s, best_k, best_s;
	float best;
	size_t r;

	for (;;) {
		best = 0, best_k = -1, best_s = 0;
		for (k = 0; k < n; k++) {
			for (r = 0; r < nrows; r++) {
				other[r] = 0;
				for (j = 0; j < n; j++) {
					unsigned v = cc[j].lines[(size_t)cur[j] *
					    nrows + r];

					if (j != k && v > other[r])
						other[r] = v;
				}
			}
			for (s = cur[k] + 1; s <= cc[k].steps &&
			    s - cur[k] <= budget - used; s++) {
				float gain = -widen_delta(cc, cur, nrows, k, s,
				    other) / (float)(s - cur[k]);

				if (gain > best + 1e-4f) {
					best = gain;
					best_k = k;
					best_s = s;
				}
			}
		}
		if (best_k < 0)
			break;
		used += best_s - cur[best_k];
		cur[best_k] = best_s;
	}
	free(other);
	return used;
}

/*
 * Column widths for a table whose content does not fit on one line per
 * column: each column gets at least its widest unbreakable piece and its
 * header on one line, then the rest is handed out by hand_out().  Width
 * that lowers no cost is shared in proportion to the widths reached.
 * Returns 0, or -1 when the minima do not fit (the caller then shares
 * proportionally).
 */
static int
optimise_widths(const struct row *rows, size_t nrows, int n,
    const float *min, const float *hmin, const float *max, float width,
    float step, float pad, float *out)
{
	struct colcost *cc = xcalloc((size_t)n, sizeof(*cc));
	float *lo = xcalloc((size_t)n, sizeof(float)), sum = 0, rest;
	int *cur = xcalloc((size_t)n, sizeof(int)), k, budget;
	size_t cells = nrows * (size_t)n;

	for (k = 0; k < n; k++)
		sum += hmin[k];
	for (k = 0; k < n; k++)
		lo[k] = sum <= width ? hmin[k] : min[k];
	for (sum = 0, k = 0; k < n; k++)
		sum += lo[k];
	if (sum > width) {
		free(cc), free(lo), free(cur);
		return -1;
	}
	/*
	 * A very large table is planned on a coarser grid: the work is
	 * cells × steps, kept to about two million cell breaks.
	 */
	budget = (int)((width - sum) / step);
	while (budget > 8 && cells * (size_t)budget > 2000000) {
		step *= 2;
		budget = (int)((width - sum) / step);
	}
	for (k = 0; k < n; k++) {
		float span = max[k] > lo[k] ? max[k] - lo[k] : 0;

		cc[k].steps = (int)ceilf(span / step - 1e-3f);
		if (cc[k].steps > budget)
			cc[k].steps = budget;
		column_cost(&cc[k], rows, nrows, k, lo[k], max[k], step, pad);
	}
	hand_out(cc, n, nrows, budget, cur);
	for (sum = 0, k = 0; k < n; k++) {
		out[k] = lo[k] + (float)cur[k] * step;
		if (out[k] > max[k] && max[k] >= lo[k])
			out[k] = max[k];
		sum += out[k];
	}
	rest = width - sum;
	for (k = 0; k < n; k++)
		out[k] += sum > 0 ? rest * out[k] / sum : rest / n;
	for (k = 0; k < n; k++) {
		free(cc[k].lines);
		free(cc[k].pen);
	}
	free(cc), free(lo), free(cur);
	return 0;
}

static void
column_widths(const struct row *rows, size_t nrows, int n, const float *min,
    const float *hmin, const float *max, const float *least, float width,
    float step, float pad, float *out)
{
	float smax = 0;
	int k;

	for (k = 0; k < n; k++)
		smax += max[k];
	if (smax <= width || optimise_widths(rows, nrows, n, min, hmin, max,
	    width, step, pad, out) != 0)
		proportional_widths(min, max, least, n, width, out);
}

/*
 * A 新旧対照表: the two texts side by side in equal columns, whatever
 * their lengths, and a narrow third column (備考) when there is one.
 */
static void
compare_widths(int n, float width, float em, float *out)
{
	float remarks = n > 2 ? em * 5 : 0;
	int k;

	for (k = 0; k < n; k++)
		out[k] = k < 2 ? (width - remarks) / 2 : remarks / (float)(n - 2);
}

/* Adds one box holding lines [from, from + count) of every cell of row. */
static void
row_box(struct lctx *l, struct row *r, int ncols, const float *cx,
    const float *cw, const uint8_t *align, size_t from, size_t count,
    float pad, int table, size_t nlines)
{
	struct vbox *b = flow_push(l);
	float size = l->body_size * 0.92f, pitch = size * CELL_PITCH;
	float top = pad * 0.5f, x0 = cx[0], x1 = cx[ncols - 1] + cw[ncols - 1];
	/*
	 * A comparison's rows are cut into lines that pages may separate:
	 * padding and rules only above the first and below the last.
	 */
	int cut = l->doc->compare && !r->header;
	int first = !cut || from == 0, last = !cut || from + count >= nlines;
	float bottom = last ? top : 0;
	size_t ln;
	int k;

	top = first ? top : 0;
	b->height = (float)count * pitch + top + bottom;
	b->table = table;
	b->header_row = r->header;
	b->keep_with_next = r->header;
	if (r->header)
		add_rect(b, x0, 0, x1, b->height, 0.90f);
	for (k = 0; k < ncols; k++) {
		struct cell *c = &r->cells[k];
		/* 'L': a （ starting a cell line is set flush, as in body text. */
		int a = align[k] == 'c' ? 'c' : align[k] == 'r' ? 'r' : 'L';

		size_t from_item = b->n;

		for (ln = from; ln < from + count && ln < c->lines.n; ln++)
			inline_emit(l, b, c->chars.v, &c->lines.v[ln],
			    cx[k] + pad, cw[k] - 2 * pad,
			    top + (float)(ln - from) * pitch +
			    (pitch - size) / 2 + size * 0.88f,
			    /* a comparison's text columns are justified */
			    l->doc->compare && !r->header,
			    r->header ? 'c' : a);
		struct_tag_items(l, b->items, from_item, b->n, r->sid[k]);
	}
	for (k = 0; k <= ncols; k++) {
		float x = k < ncols ? cx[k] : x1;

		add_rule(b, x, 0, x, b->height, 0.5f);
	}
	if (first)
		add_rule(b, x0, 0, x1, 0, r->header ? 0.8f : 0.5f);
	if (last)
		add_rule(b, x0, b->height, x1, b->height,
		    r->header ? 0.8f : 0.5f);
}

/*
 * A short table (at most TABLE_KEEP rows, and no taller than half a page)
 * is kept on one page if it can be: its rows are chained with a soft
 * keep, which pagination drops when moving the table would leave more
 * than a quarter of the page empty (the table then splits under its
 * repeated header).
 */
#define TABLE_KEEP 12

static void
keep_short_table(struct lctx *l, size_t first, int id)
{
	size_t i;
	float h = 0;

	if (l->nflow - first > TABLE_KEEP)
		return;
	for (i = first; i < l->nflow; i++)
		h += l->flow[i].height;
	if (h > l->text_h / 2)
		return;
	for (i = first; i + 1 < l->nflow; i++)
		if (l->flow[i].table == id)
			l->flow[i].soft_keep = 1;
}

/* Height of the (header) row r once its cells are broken into lines. */
static float
header_height(const struct row *r, int ncols, float pitch, float pad)
{
	size_t lines = 1;
	int k;

	for (k = 0; k < ncols; k++)
		if (r->cells[k].lines.n > lines)
			lines = r->cells[k].lines.n;
	return (float)lines * pitch + pad;
}

void
layout_table(struct lctx *l, cmark_node *table, float x, float width)
{
	int ncols = cmark_gfm_extensions_get_table_columns(table), k;
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	float pad = l->body_size * 0.45f;
	float size = l->body_size * 0.92f, pitch = size * CELL_PITCH;
	VEC(struct row) rows = {0};
	cmark_node *rn, *cn;
	float *min, *pmin, *hmin, *max, *least, *cw, *cx, sum;
	size_t i, maxlines, nlines, from, step, cells = 0;
	int id = ++l->tables;
	size_t first = l->nflow;

	if (ncols <= 0)
		return;
	for (rn = cmark_node_first_child(table); rn; rn = cmark_node_next(rn))
		cells += (size_t)ncols;
	if (cells > LAYOUT_MAX_TABLE_CELLS) {
		diag(l->diags, E_LIMIT_CELLS, l->origin, cells,
		    (size_t)LAYOUT_MAX_TABLE_CELLS);
		l->failed = 1;
		return;
	}
	min = xcalloc((size_t)ncols, sizeof(float));
	pmin = xcalloc((size_t)ncols, sizeof(float));
	max = xcalloc((size_t)ncols, sizeof(float));
	hmin = xcalloc((size_t)ncols, sizeof(float));
	least = xcalloc((size_t)ncols, sizeof(float));
	cw = xcalloc((size_t)ncols, sizeof(float));
	cx = xcalloc((size_t)ncols, sizeof(float));
	for (rn = cmark_node_first_child(table); rn; rn = cmark_node_next(rn)) {
		struct row r = { xcalloc((size_t)ncols, sizeof(struct cell)),
		    cmark_gfm_extensions_get_table_row_is_header(rn), NULL };

		k = 0;
		for (cn = cmark_node_first_child(rn); cn && k < ncols;
		    cn = cmark_node_next(cn), k++) {
			cell_collect(l, cn, &r.cells[k], r.header);
			if (r.cells[k].min + 2 * pad > min[k])
				min[k] = r.cells[k].min + 2 * pad;
			if (r.cells[k].pmin + 2 * pad > pmin[k])
				pmin[k] = r.cells[k].pmin + 2 * pad;
			if (r.cells[k].max + 2 * pad > max[k])
				max[k] = r.cells[k].max + 2 * pad;
			for (i = 0; i < r.cells[k].chars.n; i++)
				if (r.cells[k].chars.v[i].w + 2 * pad > least[k])
					least[k] = r.cells[k].chars.v[i].w +
					    2 * pad;
			/* A header is read as one word: kept on one line. */
			if (r.header && r.cells[k].max + 2 * pad > hmin[k])
				hmin[k] = r.cells[k].max + 2 * pad;
			if (min[k] > hmin[k])
				hmin[k] = min[k];
		}
		VEC_PUSH(rows, r);
	}
	/* Header phrases kept whole when every column can have them. */
	for (k = 0, sum = 0; k < ncols; k++)
		sum += pmin[k];
	for (k = 0; k < ncols && sum <= width; k++)
		min[k] = pmin[k];
	for (k = 0; k < ncols; k++)
		if (min[k] > hmin[k])
			hmin[k] = min[k];
	/*
	 * A column narrower than its widest character would print cells
	 * over each other: a table that cannot give every column one
	 * character is an error at the table, not an overprinted page.
	 */
	for (k = 0, sum = 0; k < ncols; k++) {
		if (least[k] < 2 * pad + size * 0.5f)
			least[k] = 2 * pad + size * 0.5f;
		sum += least[k];
	}
	if (sum > width) {
		diag(l->diags, E_TABLE_WIDE, l->origin, ncols,
		    sum * 25.4f / 72, width * 25.4f / 72);
		l->failed = 1;
	}
	if (l->doc->compare)
		compare_widths(ncols, width, l->body_size, cw);
	else
		column_widths(rows.v, rows.n, ncols, min, hmin, max, least,
		    width, size / 2, pad, cw);
	for (k = 0; k < ncols; k++)
		cx[k] = k == 0 ? x : cx[k - 1] + cw[k - 1];
	for (i = 0; i < rows.n; i++)
		for (k = 0; k < ncols; k++)
			cell_fill(&rows.v[i].cells[k], rows.v[i].header,
			    cw[k] - 2 * pad);
	/*
	 * A slice must fit on a page under the repeated header row (at
	 * least one line, even when the header alone is taller than that).
	 */
	{
		float room = (l->text_h - pad - (rows.n > 0 && rows.v[0].header ?
		    header_height(&rows.v[0], ncols, pitch, pad) : 0)) / pitch;

		maxlines = room >= 1 ? (size_t)room : 1;
	}
	{
		int st = struct_new(l, "Table", l->sparent);

		for (i = 0; i < rows.n; i++) {
			int tr = struct_new(l, "TR", st);

			rows.v[i].sid = xcalloc((size_t)ncols, sizeof(int));
			for (k = 0; k < ncols; k++)
				rows.v[i].sid[k] = struct_new(l,
				    rows.v[i].header ? "TH" : "TD", tr);
		}
	}
	for (i = 0; i < rows.n; i++) {
		struct row *r = &rows.v[i];

		nlines = 1;
		for (k = 0; k < ncols; k++)
			if (r->cells[k].lines.n > nlines)
				nlines = r->cells[k].lines.n;
		/* A row taller than a page is cut into page-high slices. */
		step = l->doc->compare && !r->header ? 1 : maxlines;
		for (from = 0; from < nlines; from += step)
			row_box(l, r, ncols, cx, cw, align, from,
			    nlines - from < step ? nlines - from : step,
			    pad, id, nlines);
	}
	keep_short_table(l, first, id);
	for (i = 0; i < rows.n; i++) {
		for (k = 0; k < ncols; k++) {
			VEC_FREE(rows.v[i].cells[k].chars);
			VEC_FREE(rows.v[i].cells[k].lines);
		}
		free(rows.v[i].cells);
		free(rows.v[i].sid);
	}
	VEC_FREE(rows);
	free(min);
	free(pmin);
	free(max);
	free(hmin);
	free(least);
	free(cw);
	free(cx);
}
