/*
 * layout_table.c: GFM tables.  Column widths come from the content as a
 * browser's automatic table layout does: each column's minimum (its widest
 * unbreakable piece) and maximum (its longest line unbroken); the table
 * takes the full text width and shares what is left over between the
 * columns in proportion.  Each row becomes one box of the flow (or several,
 * when a row is taller than a page), so pagination keeps rows whole and can
 * repeat the header row.
 */
#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "layout/layout_int.h"
#include "md/markdown.h"

struct cell {
	ichar_vec	 chars;
	iline_vec	 lines;
	float		 min, max;
};

struct row {
	struct cell	*cells;
	int		 header;
};

#define CELL_PITCH	1.5f

static void
cell_collect(struct lctx *l, cmark_node *node, struct cell *c, int header)
{
	struct istyle st = { header ? FONT_GOTHIC : FONT_MINCHO,
	    l->body_size * 0.92f, 0, 0, -1 };
	iline_vec tmp = {0};

	inline_collect(l, node, st, &c->chars);
	c->chars.n = inline_measure(l, c->chars.v, c->chars.n);
	/* Breaking once at infinite width sets the opportunities. */
	inline_break(l, c->chars.v, c->chars.n, 1e9f, 0, &tmp);
	VEC_FREE(tmp);
	c->min = inline_min_width(c->chars.v, c->chars.n);
	c->max = inline_max_width(c->chars.v, c->chars.n);
}

/*
 * Shares width between the columns from their min and max widths.
 * Japanese text may break between any two characters, so every column's
 * strict minimum is one character, and a browser's algorithm would squeeze
 * 「情報セキュリティ責任者」 or a date into two lines beside a long column.
 * So the minimum is raised, while the table can afford it: first every
 * column gets min(its longest entry, keep) (names up to 12 characters stay
 * on one line); failing that, at least the columns whose every entry is
 * that short are kept whole.
 */
static void
column_widths(float *min, const float *max, const float *least, int n,
    float width, float keep, float *out)
{
	float smin = 0, smax = 0, capped = 0, whole = 0, sleast = 0;
	int k;

	for (k = 0; k < n; k++) {
		float c = max[k] < keep ? max[k] : keep;

		capped += c > min[k] ? c : min[k];
		whole += max[k] <= keep ? max[k] : min[k];
	}
	for (k = 0; k < n; k++) {
		float c = max[k] < keep ? max[k] : keep;

		if (capped <= width && c > min[k])
			min[k] = c;
		else if (capped > width && whole <= width && max[k] <= keep)
			min[k] = max[k];
	}
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
		int a = align[k] == 'c' ? 'c' : align[k] == 'r' ? 'r' : 'l';

		for (ln = from; ln < from + count && ln < c->lines.n; ln++)
			inline_emit(l, b, c->chars.v, &c->lines.v[ln],
			    cx[k] + pad, cw[k] - 2 * pad,
			    top + (float)(ln - from) * pitch +
			    (pitch - size) / 2 + size * 0.88f,
			    /* a comparison's text columns are justified */
			    l->doc->compare && !r->header,
			    r->header ? 'c' : a);
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
 * is kept on one page: its rows are chained with keep-with-next.
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
			l->flow[i].keep_with_next = 1;
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
	float *min, *max, *least, *cw, *cx, sum;
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
	least = xcalloc((size_t)ncols, sizeof(float));
	max = xcalloc((size_t)ncols, sizeof(float));
	cw = xcalloc((size_t)ncols, sizeof(float));
	cx = xcalloc((size_t)ncols, sizeof(float));
	for (rn = cmark_node_first_child(table); rn; rn = cmark_node_next(rn)) {
		struct row r = { xcalloc((size_t)ncols, sizeof(struct cell)),
		    cmark_gfm_extensions_get_table_row_is_header(rn) };

		k = 0;
		for (cn = cmark_node_first_child(rn); cn && k < ncols;
		    cn = cmark_node_next(cn), k++) {
			cell_collect(l, cn, &r.cells[k], r.header);
			if (r.cells[k].min + 2 * pad > min[k])
				min[k] = r.cells[k].min + 2 * pad;
			if (r.cells[k].max + 2 * pad > max[k])
				max[k] = r.cells[k].max + 2 * pad;
			for (i = 0; i < r.cells[k].chars.n; i++)
				if (r.cells[k].chars.v[i].w + 2 * pad > least[k])
					least[k] = r.cells[k].chars.v[i].w +
					    2 * pad;
		}
		VEC_PUSH(rows, r);
	}
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
		column_widths(min, max, least, ncols, width, size * 12 + 2 * pad,
		    cw);
	for (k = 0; k < ncols; k++)
		cx[k] = k == 0 ? x : cx[k - 1] + cw[k - 1];
	for (i = 0; i < rows.n; i++)
		for (k = 0; k < ncols; k++)
			inline_break(l, rows.v[i].cells[k].chars.v,
			    rows.v[i].cells[k].chars.n, cw[k] - 2 * pad, 0,
			    &rows.v[i].cells[k].lines);
	/*
	 * A slice must fit on a page under the repeated header row (at
	 * least one line, even when the header alone is taller than that).
	 */
	{
		float room = (l->text_h - pad - (rows.n > 0 && rows.v[0].header ?
		    header_height(&rows.v[0], ncols, pitch, pad) : 0)) / pitch;

		maxlines = room >= 1 ? (size_t)room : 1;
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
	}
	VEC_FREE(rows);
	free(min);
	free(least);
	free(max);
	free(cw);
	free(cx);
}
