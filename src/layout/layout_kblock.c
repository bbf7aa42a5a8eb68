/*
 * layout_kblock.c: kitei's typed blocks in the PDF: page breaks, bar
 * charts, shaded count grids and fill-in forms.  Everything is vector
 * (rules and filled boxes) and every number is text, so charts print in
 * black and white and their values can be extracted and searched.
 * html_kblock.c draws the same blocks for HTML.
 */
#include <stdio.h>
#include <string.h>

#include "layout/layout_int.h"
#include "md/md_block.h"

/* Grays of the shade levels of a grid, darkest first (black text). */
static const float shade_gray[] = { 0.62f, 0.80f, 0.93f };

/*
 * Sets s in width at x into b, lines from top (relative to the box);
 * returns the height used.  align: 'l', 'c' or 'r'.
 */
static float
box_text(struct lctx *l, struct vbox *b, const char *s, struct istyle st,
    float x, float width, float top, int align)
{
	ichar_vec chars = {0};
	iline_vec lines = {0};
	float lh = st.size * 1.45f;
	size_t i;

	inline_push_text(&chars, s, st);
	chars.n = inline_measure(l, chars.v, chars.n);
	inline_break(l, chars.v, chars.n, width, 0, &lines);
	for (i = 0; i < lines.n; i++)
		inline_emit(l, b, chars.v, &lines.v[i], x, width,
		    top + st.size * 1.1f + (float)i * lh, 0, align);
	VEC_FREE(lines);
	VEC_FREE(chars);
	return (float)(i ? i : 1) * lh;
}

static struct istyle
style(struct lctx *l, enum font_face face, float scale)
{
	struct istyle st = { face, l->body_size * scale, 0, 0, -1 };

	return st;
}

static void
frame(struct vbox *b, float x0, float y0, float x1, float y1, float w)
{
	add_rule(b, x0, y0, x1, y0, w);
	add_rule(b, x0, y1, x1, y1, w);
	add_rule(b, x0, y0, x0, y1, w);
	add_rule(b, x1, y0, x1, y1, w);
}

/* Horizontal bars: label | bar against its maximum | value. */
static void
layout_chart(struct lctx *l, const struct kblock *k, float x, float width)
{
	struct istyle st = style(l, FONT_GOTHIC, 0.9f);
	float labw = width * 0.34f, valw = l->body_size * 6;
	float bx = x + labw + l->body_size * 0.5f;
	float bw = width - labw - valw - l->body_size;
	size_t i;

	flow_glue(l, l->body_size * 0.4f);
	for (i = 0; i < k->nbars; i++) {
		const struct kb_bar *bar = &k->bars[i];
		struct vbox *b = flow_push(l);
		float h = box_text(l, b, bar->label, st, x, labw, 0, 'l');
		float bh = l->body_size * 1.0f, by;

		if (h < l->body_size * 1.9f)
			h = l->body_size * 1.9f;
		b->height = h;
		by = (h - bh) / 2;
		add_rect(b, bx, by, bx + bw, by + bh, 0.93f);
		if (bar->value > 0)
			add_rect(b, bx, by, bx + bw * (float)(bar->value /
			    bar->max), by + bh, 0.40f);
		frame(b, bx, by, bx + bw, by + bh, 0.5f);
		box_text(l, b, bar->text, st, bx + bw + l->body_size * 0.5f,
		    valw, by + bh / 2 - st.size * 0.75f, 'r');
		b->keep_with_next = i + 1 < k->nbars;
	}
	flow_glue(l, l->body_size * 0.6f);
}

/* A count grid: column titles, then one row of shaded cells a label. */
static void
layout_grid(struct lctx *l, const struct kblock *k, float x, float width)
{
	struct istyle st = style(l, FONT_GOTHIC, 0.9f);
	struct istyle num = style(l, FONT_GOTHIC, 1.1f);
	float labw = l->body_size * 9, cw = l->body_size * 5;
	float ch = l->body_size * 2.6f, gx, gw;
	struct vbox *b;
	size_t r, c;
	char n[16];

	if (labw + cw * (float)k->ncols > width)
		cw = (width - labw) / (float)(k->ncols ? k->ncols : 1);
	gw = labw + cw * (float)k->ncols;
	gx = x + (width - gw) / 2;
	flow_glue(l, l->body_size * 0.4f);
	b = flow_push(l);		/* the column axis */
	b->height = box_text(l, b, k->col_title, st, gx + labw, gw - labw, 0,
	    'c') + l->body_size * 0.2f;
	b->keep_with_next = 1;
	b = flow_push(l);
	b->height = l->body_size * 1.8f;
	box_text(l, b, k->row_title, st, gx, labw, l->body_size * 0.2f, 'c');
	for (c = 0; c < k->ncols; c++)
		box_text(l, b, k->cols[c], st, gx + labw + cw * (float)c, cw,
		    l->body_size * 0.2f, 'c');
	add_rule(b, gx, b->height, gx + gw, b->height, 0.8f);
	b->keep_with_next = 1;
	for (r = 0; r < k->nrows; r++) {
		b = flow_push(l);
		b->height = ch;
		box_text(l, b, k->rows[r], st, gx, labw, ch / 2 - st.size * 0.8f,
		    'c');
		for (c = 0; c < k->ncols; c++) {
			float cx = gx + labw + cw * (float)c;
			int lv = kb_grid_shade(k, r, c);

			if (lv >= 0 && lv < 3)
				add_rect(b, cx, 0, cx + cw, ch, shade_gray[lv]);
			frame(b, cx, 0, cx + cw, ch, 0.5f);
			snprintf(n, sizeof(n), "%d", k->counts[r * k->ncols + c]);
			box_text(l, b, n, num, cx, cw, ch / 2 - num.size * 0.8f,
			    'c');
		}
		b->keep_with_next = r + 1 < k->nrows;
	}
	if (k->nshades > 0) {		/* the legend says what a shade means */
		struct buf legend = {0};
		size_t i;

		b = flow_push(l);
		for (i = 0; i < k->nshades; i++)
			buf_addf(&legend, "%s%s（%d〜%d）", i ? "　" : "",
			    k->shades[i].label, k->shades[i].lo, k->shades[i].hi);
		b->height = box_text(l, b, legend.p, st, gx, gw,
		    l->body_size * 0.3f, 'l') + l->body_size * 0.3f;
		for (i = 0; i < k->nshades && i < 3; i++) {
			/* a swatch per level, after the text, at the right */
			float sx = gx + gw - (float)(k->nshades - i) *
			    l->body_size * 1.6f;

			add_rect(b, sx, l->body_size * 0.45f, sx + l->body_size,
			    l->body_size * 1.45f, shade_gray[i]);
		}
		buf_free(&legend);
	}
	flow_glue(l, l->body_size * 0.6f);
}

/* One fill-in field: label, then a line, a date, a seal or a box. */
static void
form_field(struct lctx *l, const struct kb_field *f, float x, float width)
{
	struct istyle st = style(l, FONT_MINCHO, 1.0f);
	struct vbox *b = flow_push(l);
	float labw = l->body_size * 8, h = l->body_size * 2.6f;
	float fx = x + labw + l->body_size, fw = width - labw - l->body_size;
	float base = h - l->body_size * 0.6f, seal = 45.35f;	/* 16 mm */
	struct buf date = {0};

	/* On a text document's page grid a field takes two lines, its
	 * label on the second line's baseline, like the text around it. */
	if (l->grid > 0) {
		h = 2 * l->grid;
		base = l->grid + line_baseline(l->grid, l->body_size);
	}

	if (f->em > 0 && f->em * l->body_size < fw)
		fw = f->em * l->body_size;
	switch (f->kind) {
	case KF_SEAL:
		h = seal + l->body_size;
		b->height = h;
		frame(b, x + width - seal, l->body_size * 0.5f, x + width,
		    l->body_size * 0.5f + seal, 0.8f);
		st.gray = 0.55f;
		box_text(l, b, f->label, st, x + width - seal, seal,
		    l->body_size * 0.5f + seal / 2 - st.size * 0.8f, 'c');
		return;
	case KF_BOX:
		b->height = h;
		box_text(l, b, f->label, st, x, labw, base - st.size * 1.1f,
		    'l');
		frame(b, fx, l->body_size * 0.4f, fx + fw, h - l->body_size * 0.2f,
		    0.8f);
		if (f->value)
			box_text(l, b, f->value, style(l, FONT_GOTHIC, 1.1f),
			    fx, fw, base - st.size * 1.3f, 'c');
		return;
	case KF_DATE:
		buf_addf(&date, "%s　　　年　　　月　　　日",
		    f->value ? f->value : "");
		b->height = h;
		box_text(l, b, f->label, st, x, labw, base - st.size * 1.1f,
		    'l');
		box_text(l, b, date.p, st, fx, fw, base - st.size * 1.1f, 'l');
		buf_free(&date);
		return;
	default:	/* KF_LINE, KF_SIGN: a rule to write on */
		b->height = h;
		box_text(l, b, f->label, st, x, labw, base - st.size * 1.1f,
		    'l');
		add_rule(b, fx, base + 2, fx + fw, base + 2, 0.6f);
		if (f->value)
			box_text(l, b, f->value, st, fx + l->body_size * 0.5f,
			    fw - l->body_size, base - st.size * 1.1f, 'l');
		return;
	}
}

void
layout_kblock(struct lctx *l, const struct kblock *b, float x, float width)
{
	size_t i;

	switch (b->kind) {
	case KB_PAGEBREAK:
		flow_page_break(l);
		break;
	case KB_CHART:
		layout_chart(l, b, x, width);
		break;
	case KB_GRID:
		layout_grid(l, b, x, width);
		break;
	case KB_FORM:
		flow_glue(l, l->body_size * 0.3f);
		for (i = 0; i < b->nfields; i++)
			form_field(l, &b->fields[i], x, width);
		flow_glue(l, l->body_size * 0.6f);
		break;
	}
}
