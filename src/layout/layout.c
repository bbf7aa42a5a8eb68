/*
 * layout.c: blocks, pages and the front matter.
 *
 * Blocks become a flow of vertical boxes (a paragraph line, a table row, a
 * heading, a space); pagination then cuts the flow into pages, keeping
 * headings with what follows, avoiding a single paragraph line alone at the
 * top or bottom of a page and repeating a table's header row on each page
 * it continues on; short tables stay whole unless that leaves a hole.
 * Text documents are set on a grid of body lines: headings, tables and
 * other blocks take whole lines, so every body line stands on the grid
 * (forms, off the grid, let the space between blocks shrink to fit one
 * more line instead).  Each block
 * also becomes a structure element (layout_struct.c) for tagged PDF.  The
 * cover, the revision history and the table of contents are laid out
 * last, when the body's page numbers are known, and put in front.
 * Running headers and page numbers are added at the end.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout_int.h"
#include "text/linebreak.h"
#include "md/markdown.h"
#include "md/md_block.h"

#define GRAY_HEADER	0.35f
#define GRAY_RULE	0.6f
#define SHADE		0.90f
/* Smallest size for a name or a running header: the body's smallest. */
#define NAME_MIN_SIZE	7.0f
/* The body's line pitch, in body ems: the page grid's line. */
#define BODY_PITCH	1.75f
/* On the grid, the least space (in body ems) a table, code or a chart
 * leaves between itself and the text around it. */
#define GRID_GAP	0.5f
/* The space between two such blocks that follow each other. */
#define BLOCK_GAP	0.6f

/* ---- flow building ---- */

struct vbox *
flow_push(struct lctx *l)
{
	struct vbox *b;

	if (l->nflow == l->capflow) {
		l->capflow = l->capflow ? l->capflow * 2 : 256;
		l->flow = xrealloc(l->flow, l->capflow * sizeof(*l->flow));
	}
	b = &l->flow[l->nflow++];
	memset(b, 0, sizeof(*b));
	b->heading = -1;
	return b;
}

void
flow_glue(struct lctx *l, float h)
{
	struct vbox *b = flow_push(l);

	b->glue = 1;
	b->height = h;
}

void
flow_page_break(struct lctx *l)
{
	flow_push(l)->page_break = 1;
}

/*
 * The space after a paragraph or a list.  On the page grid there is
 * none: the indent alone marks a new paragraph (jlreq), and every line
 * stays on the grid.
 */
static void
flow_space(struct lctx *l, float h)
{
	flow_glue(l, l->grid > 0 ? 0 : h);
}

/* y moved down to the next line of the grid (y itself if on it). */
static float
grid_snap(const struct lctx *l, float y)
{
	return ceilf(y / l->grid - 0.001f) * l->grid;
}

/* What h is more than a whole number of lines of the grid. */
static float
grid_top(const struct lctx *l, float h)
{
	float r;

	if (l->grid <= 0)
		return 0;
	r = fmodf(h, l->grid);
	return r > l->grid - 0.01f ? 0 : r;
}

/*
 * Where the page starts when the space b comes first on it: space is
 * dropped there, except that a heading keeps its 行取り (the part of the
 * space above it that is not whole lines), so that its text and the
 * text after it stand as they do elsewhere on the grid.
 */
static float
page_top(const struct lctx *l, const struct vbox *b)
{
	return b->glue && b->heading_pad ? grid_top(l, b->height) : 0;
}

/*
 * On the grid a block of another pitch (a table, code, a chart, a form,
 * a rule, the title) takes a whole number of lines, at least GRID_GAP
 * more than its height; the share above of the space left goes above it
 * (the glue pad) and the rest below, so the text after it is back on the
 * grid.  The block's own spaces before and after give way to these.
 * Blocks that follow each other directly (two tables) are rounded as
 * one, with the space between them they would have off the grid.
 */
static void
grid_block(struct lctx *l, size_t pad, float above)
{
	size_t a = pad + 1, z = l->nflow, i;
	float h = 0, extra, up;
	int lines;

	while (a < z && l->flow[a].glue)
		l->flow[a++].height = 0;
	while (z > a && l->flow[z - 1].glue)
		l->flow[--z].height = 0;
	for (i = a; i < z; i++)
		h += l->flow[i].height;
	/* A block of whole lines (a form on the grid) keeps its lines on
	 * the grid: it starts a run of its own, with whole lines above. */
	lines = grid_top(l, h) < 0.01f;
	if (pad > 0 && pad == l->run_end && !lines && !l->run_lines) {
		l->flow[pad - 1].height = l->body_size * BLOCK_GAP;
		l->flow[pad].height = 0;
		for (i = l->run_pad + 1; i <= pad; i++)
			h += l->flow[i].height;
		pad = l->run_pad;
		above = l->run_above;
	}
	extra = ceilf((h + l->body_size * GRID_GAP) / l->grid - 0.001f) *
	    l->grid - h;
	/* Under a heading (whose space is the only glue kept with what
	 * follows) the block starts at once: the heading has its space. */
	if (pad > 0 && l->flow[pad - 1].glue && l->flow[pad - 1].keep_with_next)
		above = 0;
	up = extra * above;
	if (lines)
		up = floorf(up / l->grid + 0.001f) * l->grid;
	l->flow[pad].height = up;
	flow_glue(l, extra - up);
	l->run_pad = pad;
	l->run_above = above;
	l->run_lines = lines;
	l->run_end = l->nflow;
}

/*
 * The baseline of text of size in a line box of height: the glyphs
 * centred in the box, the baseline 0.88 of the size below their top.
 */
float
line_baseline(float height, float size)
{
	return (height - size) / 2 + size * 0.88f;
}

struct dl_item *
vbox_item(struct vbox *b)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 4;
		b->items = xrealloc(b->items, b->cap * sizeof(*b->items));
	}
	memset(&b->items[b->n], 0, sizeof(b->items[0]));
	b->items[b->n].dest = -1;
	return &b->items[b->n++];
}

void
add_rule(struct vbox *b, float x0, float y0, float x1, float y1, float w)
{
	struct dl_item *it = vbox_item(b);

	it->kind = DL_RULE;
	it->x0 = x0, it->y0 = y0, it->x1 = x1, it->y1 = y1, it->w = w;
}

void
add_rect(struct vbox *b, float x0, float y0, float x1, float y1, float gray)
{
	struct dl_item *it = vbox_item(b);

	it->kind = DL_RECT;
	it->x0 = x0, it->y0 = y0, it->x1 = x1, it->y1 = y1, it->gray = gray;
}

static struct pos
node_origin(struct lctx *l, cmark_node *n)
{
	return expansion_pos(&l->doc->exp, cmark_node_get_start_line(n), 0);
}

/* ---- paragraphs ---- */

struct para_opts {
	struct istyle	 st;
	float		 indent;	/* first line */
	float		 pitch;		/* line advance factor */
	int		 justify;
	int		 align;
	int		 keep;		/* keep every line with the next box */
	int		 balance;	/* lines of equal length (headings) */
	int		 hang;		/* wrapped lines under a label's text */
};

/* Characters a heading's number label is made of: 第10章, 4.6, 1. */
static int
is_label_char(uint32_t cp)
{
	static const char kanji[] = "第章節条〇一二三四五六七八九十百";
	const char *p = kanji;
	size_t i = 0, len = sizeof(kanji) - 1;

	if ((cp >= '0' && cp <= '9') || cp == '.' ||
	    (cp >= 0xFF10 && cp <= 0xFF19))
		return 1;
	while (i < len)
		if (utf8_next(p, len, &i) == cp)
			return 1;
	return 0;
}

/*
 * The width of the number label a heading starts with, up to and with
 * the ideographic space after it (「第10章　」, 「4.6　」), or 0.
 */
static float
label_width(const struct ichar *c, size_t n)
{
	float w = 0;
	size_t i;

	for (i = 0; i < n && i < 12; i++) {
		w += c[i].w + c[i].gap;
		if (c[i].cp == 0x3000)
			return i > 0 ? w : 0;
		if (!is_label_char(c[i].cp))
			return 0;
	}
	return 0;
}

/* Lays out collected characters as paragraph lines in the flow. */
static void
flow_lines(struct lctx *l, ichar_vec *chars, float x, float width,
    const struct para_opts *o)
{
	iline_vec lines = {0};
	size_t i;
	float first = o->indent, hang;

	chars->n = inline_measure(l, chars->v, chars->n);
	/*
	 * A numbered heading that wraps goes on under its title text, not
	 * under its number: the label hangs before the other lines.
	 */
	hang = o->hang ? label_width(chars->v, chars->n) : 0;
	if (hang > 0 && hang < width / 3) {
		x += hang;
		width -= hang;
		first -= hang;
	}
	if (o->balance)
		inline_break_balanced(l, chars->v, chars->n, width, first,
		    &lines);
	else
		inline_break(l, chars->v, chars->n, width, first, &lines);
	for (i = 0; i < lines.n; i++) {
		struct vbox *b = flow_push(l);
		float size = line_height(chars->v, &lines.v[i], o->st.size);
		float indent = i == 0 ? first : 0;

		b->height = size * o->pitch;
		b->baseline = line_baseline(b->height, size);
		b->grid = l->grid > 0 && fabsf(b->height - l->grid) < 0.01f;
		b->line = (int)i;
		b->lines = (int)lines.n;
		b->keep_with_next = o->keep;
		inline_emit(l, b, chars->v, &lines.v[i], x + indent,
		    width - indent, b->baseline, o->justify,
		    o->align == 'l' && indent == 0 ? 'L' : o->align);
	}
	VEC_FREE(lines);
}

static struct istyle
body_style(struct lctx *l)
{
	struct istyle st = { FONT_MINCHO, l->body_size, 0, 0, -1 };

	return st;
}

/*
 * Inside an article the text stands one character in (layout_blocks
 * moves it), as statutes are set: the first paragraph starts there, and a
 * 項 number (２　…) hangs in that margin.  Elsewhere a paragraph that
 * starts with a label is set flush, and others take the document's indent.
 */
static void
layout_paragraph(struct lctx *l, cmark_node *node, float x, float width,
    int top_level)
{
	struct para_opts o = { body_style(l), 0, BODY_PITCH, 1, 'l', 0, 0, 0 };
	ichar_vec chars = {0};

	l->origin = node_origin(l, node);
	if (top_level && md_in_article(node))
		o.indent = md_paragraph_hangs(node) ? -l->body_size : 0;
	else if (top_level && l->doc->indent && !md_paragraph_hangs(node))
		o.indent = l->body_size;
	inline_collect(l, node, o.st, &chars);
	flow_lines(l, &chars, x, width, &o);
	VEC_FREE(chars);
	flow_space(l, l->body_size * 0.35f);
}

/* ---- headings ---- */

static int
heading_index(struct lctx *l, cmark_node *node)
{
	size_t i;

	for (i = 0; i < l->doc->body.nheadings; i++)
		if (l->doc->body.headings[i].node == node)
			return (int)i;
	return -1;
}

/*
 * On the grid a heading takes a whole number of lines (行取り): its
 * lines, the rule under a chapter title and the space under it stay as
 * they are, and the space pad above grows or shrinks so that the whole
 * is the number of lines nearest its natural height, never fewer than
 * its text needs.  The text after it is then on the grid.
 */
static void
heading_on_grid(struct lctx *l, size_t pad)
{
	float c = 0, n, near;
	size_t i;

	for (i = pad + 1; i < l->nflow; i++)
		c += l->flow[i].height;
	n = ceilf(c / l->grid - 0.001f);
	near = roundf((l->flow[pad].height + c) / l->grid);
	if (near > n)
		n = near;
	l->flow[pad].height = n * l->grid - c;
}

static void
layout_heading(struct lctx *l, cmark_node *node, float x, float width,
    int *first_block)
{
	static const float scale[] = { 1.5f, 1.2f, 1.08f, 1.0f, 1.0f, 1.0f };
	static const float before[] = { 0.8f, 1.3f, 0.9f, 0.7f, 0.6f, 0.6f };
	int level = cmark_node_get_heading_level(node);
	struct para_opts o = { body_style(l), 0, 1.5f, 0, 'l', 1, 1, 1 };
	ichar_vec chars = {0};
	size_t first, pad = l->nflow;

	l->origin = node_origin(l, node);
	o.st.face = FONT_GOTHIC;
	o.st.size = l->body_size * scale[level - 1];
	if (level == 1 && l->doc->chapter_breaks && !*first_block)
		flow_page_break(l);
	else if (!*first_block)
		flow_glue(l, l->body_size * before[level - 1]);
	if (l->grid > 0) {
		if (l->nflow == pad || !l->flow[pad].glue) {
			pad = l->nflow;
			flow_glue(l, 0);
		}
		l->flow[pad].heading_pad = 1;
	}
	*first_block = 0;
	inline_collect(l, node, o.st, &chars);
	/* A heading breaks between words, like a cover title, in lines
	 * of about equal length. */
	mark_phrases(chars.v, chars.n);
	first = l->nflow;
	flow_lines(l, &chars, x, width, &o);
	VEC_FREE(chars);
	if (l->nflow > first)
		l->flow[first].heading = heading_index(l, node);
	if (level == 1) {
		/* A rule under chapter titles. */
		struct vbox *b = flow_push(l);

		b->height = 4;
		b->keep_with_next = 1;
		add_rule(b, x, 1, x + width, 1, 0.8f);
	}
	flow_glue(l, l->body_size * (level == 1 ? 0.6f : 0.3f));
	l->flow[l->nflow - 1].keep_with_next = 1;
	if (l->grid > 0)
		heading_on_grid(l, pad);
}

/* ---- lists, quotes, code ---- */

static void layout_blocks(struct lctx *l, cmark_node *parent, float x,
    float width, int top_level, int *first_block);

static void
list_marker(cmark_node *list, int n, char *out, size_t size)
{
	char k[32];

	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST) {
		snprintf(out, size, "•");
		return;
	}
	if (md_list_kanji(list)) {
		md_kanji_number(n, k, sizeof(k));
		snprintf(out, size, "%s", k);
		return;
	}
	snprintf(out, size, "%d%s", n,
	    cmark_node_get_list_delim(list) == CMARK_PAREN_DELIM ? ")" : ".");
}

/*
 * Draws a list marker on box b's first line, in the column of width mw
 * before x: numbers flush right against the text with a small gap,
 * bullets centred.
 */
static void
place_marker(struct lctx *l, struct vbox *b, const char *marker, float x,
    float mw, int bullet)
{
	struct istyle st = body_style(l);
	ichar_vec chars = {0};
	iline_vec lines = {0};
	float w, at;

	if (bullet)
		st.face = FONT_GOTHIC;
	inline_push_text(&chars, marker, st);
	chars.n = inline_measure(l, chars.v, chars.n);
	inline_break(l, chars.v, chars.n, 1e6f, 0, &lines);
	if (lines.n > 0) {
		w = lines.v[0].width;
		at = bullet ? x - mw / 2 - w / 2 : x - l->body_size * 0.4f - w;
		inline_emit(l, b, chars.v, &lines.v[0], at, w, b->baseline, 0,
		    'l');
	}
	VEC_FREE(lines);
	VEC_FREE(chars);
}

static float
marker_width(struct lctx *l, cmark_node *list)
{
	int start = cmark_node_get_list_start(list), n = 0;
	cmark_node *it;
	char m[32];
	const char *p;
	size_t i;
	float w = 0, best = 0;

	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST)
		return l->body_size;
	for (it = cmark_node_first_child(list); it; it = cmark_node_next(it))
		n++;
	list_marker(list, (start > 0 ? start : 1) + n - 1, m, sizeof(m));
	for (p = m, i = 0; i < strlen(m);) {
		uint32_t cp = utf8_next(p, strlen(m), &i);

		w += font_advance(l->fonts[FONT_MINCHO], cp) * l->body_size /
		    1000.0f;
	}
	best = w + l->body_size * 0.5f;
	return best > l->body_size * 1.5f ? best : l->body_size * 1.5f;
}

static void
layout_list(struct lctx *l, cmark_node *list, float x, float width)
{
	float mw = marker_width(l, list);

	/*
	 * Deep nesting stops indenting once the measure would fall under
	 * 8 characters (or 40% of a narrow page's): the items then hang at
	 * their parent's indent instead of shrinking to a column of one.
	 */
	float least = l->body_size * 8 < l->text_w * 0.4f ?
	    l->body_size * 8 : l->text_w * 0.4f;

	if (width - mw < least) {
		x -= mw;
		width += mw;
	}
	int n = cmark_node_get_list_start(list);
	int tight = cmark_node_get_list_tight(list);
	cmark_node *item;
	char m[32];
	int dummy = 0;

	if (cmark_node_get_list_type(list) != CMARK_ORDERED_LIST || n < 1)
		n = 1;
	int sl = struct_new(l, "L", l->sparent), sp = l->sparent;

	for (item = cmark_node_first_child(list); item;
	    item = cmark_node_next(item), n++) {
		size_t first = l->nflow, start = l->nflow;
		int li = struct_new(l, "LI", sl);
		int lbl = struct_new(l, "Lbl", li);

		l->sparent = struct_new(l, "LBody", li);
		layout_blocks(l, item, x + mw, width - mw, 0, &dummy);
		l->sparent = sp;
		while (first < l->nflow && l->flow[first].glue)
			first++;
		if (first == l->nflow) {
			struct vbox *b = flow_push(l);

			b->height = l->body_size * BODY_PITCH;
			b->baseline = line_baseline(b->height, l->body_size);
			b->grid = l->grid > 0;
		}
		list_marker(list, n, m, sizeof(m));
		place_marker(l, &l->flow[first], m, x + mw, mw,
		    cmark_node_get_list_type(list) != CMARK_ORDERED_LIST);
		struct_tag(l, start, lbl);
		/* Drop the paragraph space inside tight lists. */
		if (tight && l->nflow > first && l->flow[l->nflow - 1].glue)
			l->flow[l->nflow - 1].height = l->grid > 0 ? 0 :
			    l->body_size * 0.1f;
	}
	flow_space(l, l->body_size * 0.35f);
}

static void
layout_quote(struct lctx *l, cmark_node *node, float x, float width)
{
	float in = l->body_size * 1.5f, h;
	size_t first = l->nflow, i, j;
	int dummy = 0, sp = l->sparent;
	/* As lists do: deep quotes stop indenting before the text would
	 * leave the page (and then draw no bar of their own over it). */
	float least = l->body_size * 8 < l->text_w * 0.4f ?
	    l->body_size * 8 : l->text_w * 0.4f;
	float inner = width - in < least ? 0 : in;

	l->sparent = struct_new(l, "BlockQuote", sp);
	layout_blocks(l, node, x + inner, width - inner, 0, &dummy);
	l->sparent = sp;
	/*
	 * One bar down the whole quote: each box's bar reaches over the
	 * space that follows it when the quote goes on after that space.
	 */
	for (i = first; inner > 0 && i < l->nflow; i++) {
		if (l->flow[i].glue || l->flow[i].page_break)
			continue;
		h = l->flow[i].height;
		for (j = i + 1; j < l->nflow && l->flow[j].glue; j++)
			;
		if (j < l->nflow)
			for (j = i + 1; l->flow[j].glue; j++)
				h += l->flow[j].height;
		add_rule(&l->flow[i], x + in * 0.35f, 0, x + in * 0.35f, h,
		    1.5f);
	}
}

static void
layout_code(struct lctx *l, cmark_node *node, float x, float width)
{
	struct para_opts o = { { FONT_MONO, l->body_size * 0.85f, 0, 0, -1 },
	    0, 1.45f, 0, 'l', 0, 0, 0 };
	const char *s = cmark_node_get_literal(node);
	size_t len = s ? strlen(s) : 0, first, i;
	float pad = l->body_size * 0.5f;
	ichar_vec chars = {0};
	struct buf text = {0};

	l->origin = node_origin(l, node);
	/* Hard breaks keep the code's lines; long ones wrap. */
	buf_add(&text, s ? s : "", len);
	while (text.n > 0 && text.p[text.n - 1] == '\n')
		text.p[--text.n] = '\0';
	inline_push_text(&chars, text.p ? text.p : "", o.st);
	buf_free(&text);
	flow_glue(l, l->body_size * 0.2f);
	first = l->nflow;
	flow_lines(l, &chars, x + pad, width - 2 * pad, &o);
	VEC_FREE(chars);
	for (i = first; i < l->nflow; i++) {
		struct vbox *b = &l->flow[i];
		struct dl_item bg;

		/* The background goes under the text: first item. */
		add_rect(b, x, 0, x + width, b->height, 0.95f);
		bg = b->items[b->n - 1];
		memmove(&b->items[1], &b->items[0],
		    (b->n - 1) * sizeof(b->items[0]));
		b->items[0] = bg;
	}
	flow_glue(l, l->body_size * 0.55f);
}

static void
layout_rule(struct lctx *l, float x, float width)
{
	struct vbox *b = flow_push(l);

	b->height = l->body_size * 1.2f;
	add_rule(b, x, b->height / 2, x + width, b->height / 2, 0.5f);
}

/*
 * A paragraph that introduces a table or a list ("次のとおり定める。",
 * a list item's label) stays on the page where they begin.
 */
static void
keep_intro_with(struct lctx *l, cmark_node *next)
{
	cmark_node *prev = cmark_node_previous(next);
	size_t i;

	if (prev == NULL || cmark_node_get_type(prev) != CMARK_NODE_PARAGRAPH)
		return;
	if (cmark_node_get_type(next) != CMARK_NODE_LIST &&
	    md_ext(next) != MD_EXT_TABLE)
		return;
	/* Only a short lead-in (three lines at most) is an introduction. */
	for (i = l->nflow; i-- > 0;)
		if (!l->flow[i].glue) {
			if (l->flow[i].lines <= 3)
				l->flow[i].keep_with_next = 1;
			break;
		}
}

/* A block set at a pitch of its own, which the page grid rounds. */
static int
off_grid(cmark_node *c)
{
	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_CODE_BLOCK:
	case CMARK_NODE_THEMATIC_BREAK:
		return 1;
	default:
		return md_ext(c) == MD_EXT_TABLE;
	}
}

/* The structure type of a heading: H1 … H6. */
static const char *
heading_type(cmark_node *node)
{
	static const char *h[] = { "H1", "H2", "H3", "H4", "H5", "H6" };
	int level = cmark_node_get_heading_level(node);

	return h[level < 1 ? 0 : level > 6 ? 5 : level - 1];
}

static void
layout_blocks(struct lctx *l, cmark_node *parent, float x, float width,
    int top_level, int *first_block)
{
	cmark_node *c;

	for (c = cmark_node_first_child(parent); c; c = cmark_node_next(c)) {
		keep_intro_with(l, c);
		if (l->nflow > LAYOUT_MAX_PAGES * 60) {
			diag(l->diags, E_LIMIT_LENGTH, l->origin,
			    l->nflow, (size_t)LAYOUT_MAX_PAGES * 60);
			l->failed = 1;
			return;
		}
		size_t start = l->nflow;
		/* An article's paragraphs and 号 stand one character in. */
		float in = top_level && md_in_article(c) ? l->body_size : 0;
		int off = l->grid > 0 && off_grid(c);

		if (off)
			flow_glue(l, 0);	/* grid_block's pad */

		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_PARAGRAPH:
			layout_paragraph(l, c, x + in, width - in, top_level);
			struct_tag(l, start, struct_new(l, "P", l->sparent));
			break;
		case CMARK_NODE_HEADING:
			layout_heading(l, c, x, width, first_block);
			struct_tag(l, start, struct_new(l, heading_type(c),
			    l->sparent));
			continue;
		case CMARK_NODE_LIST:
			layout_list(l, c, x + in, width - in);
			break;
		case CMARK_NODE_BLOCK_QUOTE:
			layout_quote(l, c, x, width);
			break;
		case CMARK_NODE_CODE_BLOCK:
			if (md_block(c) != NULL) {
				l->origin = node_origin(l, c);
				layout_kblock(l, md_block(c), x, width);
				/* charts and forms are figures for tools that
				 * read tags; their numbers are text inside */
				struct_tag(l, start, struct_new(l, "Figure",
				    l->sparent));
			} else {
				layout_code(l, c, x, width);
				struct_tag(l, start, struct_new(l, "Code",
				    l->sparent));
			}
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			layout_rule(l, x, width);
			break;
		case CMARK_NODE_HTML_BLOCK:
			break;
		default:
			if (md_ext(c) == MD_EXT_TABLE) {
				l->origin = node_origin(l, c);
				layout_table(l, c, x, width);
				flow_glue(l, l->body_size * 0.6f);
			} else
				layout_blocks(l, c, x, width, 0, first_block);
			break;
		}
		if (off)
			grid_block(l, start, 0.5f);
		*first_block = 0;
	}
}

/* ---- pagination ---- */

struct placed {
	size_t	 box;
	int	 page;
	float	 y;
	float	 glue;		/* vertical space above it on its page */
};

typedef VEC(struct placed) placed_vec;

/*
 * Where the page's text would end if it were cut before box at: the
 * bottom of the last box placed before it (the space after that box is
 * not text, and on the grid a heading's space above can be most of a
 * line).
 */
static float
content_end(const struct lctx *l, const placed_vec *out, int page, size_t at)
{
	size_t k;

	for (k = out->n; k-- > 0 && out->v[k].page == page;)
		if (out->v[k].box < at)
			return out->v[k].y + l->flow[out->v[k].box].height;
	return 0;
}

/*
 * The space between paragraphs, headings and lists may shrink by up to
 * SHRINK of itself so that one more line fits at the bottom of a page
 * (a 3-line paragraph that would otherwise move whole and leave a hole).
 * The page's boxes move up in proportion to the space above them.
 */
#define SHRINK	0.4f

static int
shrink_to_fit(const struct lctx *l, placed_vec *out, int page, float bottom,
    float glue)
{
	float over = bottom - l->text_h, f;
	size_t k;

	/* On the grid every line has its place: nothing shrinks. */
	if (l->grid > 0 || glue <= 0 || over > glue * SHRINK)
		return 0;
	f = over / glue;
	for (k = out->n; k-- > 0 && out->v[k].page == page;)
		out->v[k].y -= f * out->v[k].glue;
	return 1;
}

typedef VEC(struct dl_page) page_vec;

/* The header row box of table t, or (size_t)-1. */
static size_t
table_header(const struct lctx *l, int t, size_t before)
{
	size_t i;

	for (i = before; i-- > 0;) {
		if (l->flow[i].table != t)
			return (size_t)-1;
		if (l->flow[i].header_row)
			return i;
	}
	return (size_t)-1;
}

/* Whether box i is the last row of a table. */
static int
last_row(const struct lctx *l, size_t i)
{
	size_t j;

	if (!l->flow[i].table || l->flow[i].header_row)
		return 0;
	for (j = i + 1; j < l->nflow && l->flow[j].glue; j++)
		;
	return j == l->nflow || l->flow[j].table != l->flow[i].table;
}

/*
 * Where to break when box i does not fit on a page that starts at box
 * first: before i, or earlier to keep lines and headings together (and,
 * with soft, short tables whole).
 */
static size_t
break_point(const struct lctx *l, size_t first, size_t i, int soft)
{
	size_t at = i, was;

	/*
	 * Until nothing moves: never a single line of a paragraph alone
	 * (a last line carried over takes its predecessor along; a first
	 * line left behind goes too), and what is marked keep-with-next
	 * (headings, introductions, short tables) stays with what follows.
	 */
	do {
		const struct vbox *b = &l->flow[at];

		was = at;
		if (at > first && b->lines >= 3 && b->line == b->lines - 1)
			at--;
		if (at > first && l->flow[at].lines >= 2 &&
		    l->flow[at].line == 1)
			at--;
		/* Nor a table's last row alone under its repeated header. */
		if (at > first && last_row(l, at) &&
		    l->flow[at - 1].table == l->flow[at].table &&
		    !l->flow[at - 1].header_row)
			at--;
		while (at > first) {
			size_t p = at - 1;

			while (p > first && l->flow[p].glue)
				p--;
			if (!(l->flow[p].keep_with_next ||
			    (soft && l->flow[p].soft_keep)) || l->flow[p].glue)
				break;
			at = p;
		}
	} while (at != was);
	while (at < i && l->flow[at].glue)
		at++;
	return at > first ? at : i;
}

static void
paginate(struct lctx *l, placed_vec *out, int *npages)
{
	size_t i = 0, first = 0, hdr;
	float y = 0, glue = 0, bottom;
	int page = 0, empty = 1, only_header = 0;

	while (i < l->nflow) {
		struct vbox *b = &l->flow[i];

		if (b->page_break) {
			if (!empty) {
				page++;
				y = glue = 0;
				empty = 1;
				first = i + 1;
			}
			i++;
			continue;
		}
		if (b->glue) {
			if (!empty) {
				y += b->height;
				glue += b->height;
			} else
				y = page_top(l, b);
			i++;
			continue;
		}
		if (b->grid)
			y = grid_snap(l, y);
		/*
		 * What does not fit goes to the next page, unless the page
		 * holds nothing (or only a repeated header): then it is
		 * placed anyway, since no page would take it.  A line of
		 * text ends on the grid's last line at the lowest; a table
		 * row may go on below it.
		 */
		bottom = b->grid ? l->grid_h : l->text_h;
		if (y + b->height > bottom + 0.01f && !empty &&
		    !only_header && (i + 1 == l->nflow ||
		    break_point(l, first, i + 1, 1) == i + 1) &&
		    shrink_to_fit(l, out, page, y + b->height, glue)) {
			y = l->text_h - b->height;
			glue = 0;
		}
		if (y + b->height > bottom + 0.01f && !empty && !only_header) {
			size_t at = break_point(l, first, i, 1);

			/*
			 * Keeping a short table whole must not leave a hole:
			 * past a quarter page empty it splits instead.
			 */
			if (content_end(l, out, page, at) < l->text_h * 0.75f) {
				size_t at2 = break_point(l, first, i, 0);

				if (at2 > at)
					at = at2;
			}

			while (out->n > 0 && out->v[out->n - 1].box >= at &&
			    out->v[out->n - 1].page == page)
				out->n--;
			page++;
			y = glue = 0;
			empty = 1;
			first = i = at;
			if (at > 0)
				y = page_top(l, &l->flow[at - 1]);
			if (page >= LAYOUT_MAX_PAGES) {
				diag(l->diags, E_LIMIT_PAGES, l->origin,
				    (size_t)page,
				    (size_t)LAYOUT_MAX_PAGES);
				l->failed = 1;
				break;
			}
			/* A table continues under its header row. */
			b = &l->flow[i];
			if (b->table && !b->header_row &&
			    (hdr = table_header(l, b->table, i)) != (size_t)-1) {
				struct placed p = { hdr, page, 0, 0 };

				VEC_PUSH(*out, p);
				y = l->flow[hdr].height;
				empty = 0;
				only_header = 1;
			}
			continue;
		}
		struct placed p = { i, page, y, glue };

		VEC_PUSH(*out, p);
		y += b->height;
		empty = 0;
		only_header = 0;
		i++;
	}
	*npages = page + 1;
}

static struct dl_item *
page_item(struct dl_page *p)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->items = xrealloc(p->items, p->cap * sizeof(*p->items));
	}
	memset(&p->items[p->n], 0, sizeof(p->items[0]));
	p->items[p->n].dest = -1;
	return &p->items[p->n++];
}

/* Copies item src onto page, moved down by dy; the page owns the copy. */
static void
copy_item(struct dl_page *page, const struct dl_item *src, float dy)
{
	struct dl_item *it = page_item(page);

	*it = *src;
	it->y += dy;
	it->y0 += dy;
	it->y1 += dy;
	if (it->kind == DL_TEXT) {
		it->glyphs = xmalloc(it->nglyphs * sizeof(*it->glyphs));
		memcpy(it->glyphs, src->glyphs, it->nglyphs * sizeof(*it->glyphs));
	}
}

/* Copies a box's items onto a page at (0, top); glyph arrays are copied. */
static void
emit_box(struct dl_page *page, const struct vbox *b, float top)
{
	size_t k;

	for (k = 0; k < b->n; k++)
		copy_item(page, &b->items[k], top);
}

static void
flow_free(struct lctx *l)
{
	size_t i, k;

	for (i = 0; i < l->nflow; i++) {
		for (k = 0; k < l->flow[i].n; k++)
			free(l->flow[i].items[k].glyphs);
		free(l->flow[i].items);
	}
	free(l->flow);
	l->flow = NULL;
	l->nflow = l->capflow = 0;
	l->run_end = 0;
}

/*
 * Paginates the current flow into new pages appended to pages, and frees
 * the flow.  Heading destinations are recorded with page numbers relative
 * to the first new page.
 */
static int
flow_to_pages(struct lctx *l, page_vec *pages, int *dest_page, float *dest_y)
{
	placed_vec placed = {0};
	size_t base = pages->n, i;
	int npages = 0;

	paginate(l, &placed, &npages);
	for (i = 0; i < (size_t)npages; i++) {
		struct dl_page p = { 0 };

		VEC_PUSH(*pages, p);
	}
	for (i = 0; i < placed.n; i++) {
		const struct vbox *b = &l->flow[placed.v[i].box];
		float top = l->top + placed.v[i].y;

		emit_box(&pages->v[base + placed.v[i].page], b, top);
		if (b->heading >= 0 && dest_page != NULL) {
			dest_page[b->heading] = placed.v[i].page;
			dest_y[b->heading] = top;
		}
	}
	VEC_FREE(placed);
	flow_free(l);
	return npages;
}

/* ---- a line of text placed directly (cover, headers, TOC) ---- */

/* The width of s set in st on one line. */
static float
text_width(struct lctx *l, const char *s, struct istyle st)
{
	ichar_vec chars = {0};
	float w;

	inline_push_text(&chars, s, st);
	chars.n = inline_measure(l, chars.v, chars.n);
	w = inline_max_width(chars.v, chars.n);
	VEC_FREE(chars);
	return w;
}

/* Characters of a header text measured at most: more never fit a line. */
#define CLIP_MAX_CHARS 400

/*
 * s, or as much of it as fits room in st followed by "…" (a new string).
 * Only the first CLIP_MAX_CHARS characters are measured, so a name of
 * any length costs the same.
 */
static char *
clip_text(struct lctx *l, const char *s, struct istyle st, float room)
{
	ichar_vec chars = {0};
	struct buf out = {0};
	size_t i = 0, len = strlen(s), n = 0;
	float w = 0, ell;
	struct buf head = {0};

	while (i < len && n++ < CLIP_MAX_CHARS)
		utf8_next(s, len, &i);
	buf_add(&head, s, i);
	if (i == len && text_width(l, head.p, st) <= room)
		return buf_take(&head);
	ell = text_width(l, "…", st);
	inline_push_text(&chars, head.p, st);
	chars.n = inline_measure(l, chars.v, chars.n);
	for (i = 0; i < chars.n; i++) {
		if (w + chars.v[i].w + ell > room)
			break;
		w += chars.v[i].w + chars.v[i].gap;
		buf_add_utf8(&out, chars.v[i].cp);
	}
	buf_adds(&out, "…");
	VEC_FREE(chars);
	buf_free(&head);
	return buf_take(&out);
}

static float
text_line(struct lctx *l, struct dl_page *page, const char *s,
    struct istyle st, float x, float width, float baseline, int align)
{
	ichar_vec chars = {0};
	iline_vec lines = {0};
	struct vbox b;
	float w = 0;
	size_t i;

	memset(&b, 0, sizeof(b));
	inline_push_text(&chars, s, st);
	chars.n = inline_measure(l, chars.v, chars.n);
	inline_break(l, chars.v, chars.n, width, 0, &lines);
	for (i = 0; i < lines.n; i++) {
		inline_emit(l, &b, chars.v, &lines.v[i], x, width,
		    baseline + (float)i * st.size * 1.4f, 0, align);
		if (lines.v[i].width > w)
			w = lines.v[i].width;
	}
	emit_box(page, &b, 0);
	for (i = 0; i < b.n; i++)
		free(b.items[i].glyphs);
	free(b.items);
	VEC_FREE(lines);
	VEC_FREE(chars);
	return w;
}

static int
is_word_space(uint32_t cp)
{
	return cp == ' ' || cp == 0x3000;
}

enum script { SC_OTHER, SC_HIRA, SC_KATA, SC_KANJI, SC_LATIN };

static enum script
script_of(uint32_t cp)
{
	if (cp >= 0x3041 && cp <= 0x309F)
		return SC_HIRA;
	if ((cp >= 0x30A1 && cp <= 0x30FA) || cp == 0x30FC ||
	    (cp >= 0xFF66 && cp <= 0xFF9F))
		return SC_KATA;
	if ((cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x3005 ||
	    (cp >= 0x3400 && cp <= 0x4DBF))
		return SC_KANJI;
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= 'a' && cp <= 'z') || (cp >= 0xFF10 && cp <= 0xFF5A))
		return SC_LATIN;
	return SC_OTHER;
}

/*
 * Keeps words whole in a title, a heading or a name line: a break is
 * left only after a space or ・, after a run of hiragana (the particles
 * end a phrase), and between runs of different scripts (a kanji compound
 * and a katakana word: a weak break, as the two are often one compound,
 * 情報セキュリティ); never inside a kanji compound or a katakana word.
 */
void
mark_phrases(struct ichar *c, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++) {
		enum script a = script_of(c[i].cp), b = script_of(c[i + 1].cp);
		int strong = is_word_space(c[i].cp) || c[i].cp == 0x30FB ||
		    (a == SC_HIRA && b != SC_HIRA) ||
		    (a == SC_OTHER && b == SC_OTHER);
		int weak = a != b && a != SC_HIRA && b != SC_HIRA;

		c[i].nobreak = !strong && !weak;
		c[i].weak = !strong && weak;
	}
}

/*
 * Sets s in balanced lines of at most width, broken at phrase boundaries (or
 * anywhere allowed if a phrase is wider than the line), the first
 * baseline at y and the next ones line_h below.  Returns the number of
 * lines.
 */
static int
phrase_lines(struct lctx *l, struct dl_page *page, const char *s,
    struct istyle st, float x, float width, float y, float line_h,
    int align)
{
	ichar_vec chars = {0};
	iline_vec lines = {0};
	struct vbox b;
	size_t i;
	int n;

	memset(&b, 0, sizeof(b));
	inline_push_text(&chars, s, st);
	chars.n = inline_measure(l, chars.v, chars.n);
	mark_phrases(chars.v, chars.n);
	inline_break_balanced(l, chars.v, chars.n, width, 0, &lines);
	for (i = 0; i < lines.n; i++)
		if (lines.v[i].width > width + 0.01f)
			break;
	if (i < lines.n) {
		/* A phrase wider than the line: break it as body text. */
		for (i = 0; i < chars.n; i++)
			chars.v[i].nobreak = 0;
		lines.n = 0;
		inline_break(l, chars.v, chars.n, width, 0, &lines);
	}
	for (i = 0; i < lines.n; i++)
		inline_emit(l, &b, chars.v, &lines.v[i], x, width,
		    y + (float)i * line_h, 0, align);
	emit_box(page, &b, 0);
	for (i = 0; i < b.n; i++)
		free(b.items[i].glyphs);
	free(b.items);
	n = (int)lines.n;
	VEC_FREE(lines);
	VEC_FREE(chars);
	return n;
}

static void
page_rule(struct dl_page *p, float x0, float y0, float x1, float y1, float w)
{
	struct dl_item *it = page_item(p);

	it->kind = DL_RULE;
	it->x0 = x0, it->y0 = y0, it->x1 = x1, it->y1 = y1, it->w = w;
}

/* ---- cover, revision history, contents ---- */

/* A name in an approval cell: its lines and the size they are set in. */
struct fitted {
	char	*lines[4];
	int	 n;
	float	 size;
};

/*
 * Fits name into a cell width wide: on one line at base size, or smaller
 * down to min; failing that, one line per space-separated part (title,
 * family name, given name), grouped while they fit, at the largest size
 * from base down to min that lets the widest part fit.  A part that does
 * not fit even at min is set smaller still: nothing is drawn outside the
 * cell, and a name never breaks inside its family or given name.
 */
static void
fit_name(struct lctx *l, const char *name, float width, float base,
    float min, struct fitted *f)
{
	struct istyle st = { FONT_GOTHIC, base, 0, 0, -1 };
	const char *parts[8];
	size_t plen[8], np = 0, i, len = strlen(name), k;
	float widest = 0, w1 = text_width(l, name, st);
	struct buf line = {0};

	memset(f, 0, sizeof(*f));
	if (w1 <= width || w1 * min / base <= width) {
		f->size = w1 <= width ? base : base * width / w1;
		f->lines[f->n++] = xstrdup(name);
		return;
	}
	/* Split at spaces: the parts are title, family and given names. */
	for (i = 0; i < len;) {
		size_t at = i;

		if (is_word_space(utf8_next(name, len, &at))) {
			i = at;
			continue;
		}
		if (np == 8)
			break;
		parts[np] = name + i;
		while (i < len) {
			at = i;
			if (is_word_space(utf8_next(name, len, &at)))
				break;
			i = at;
		}
		plen[np] = (size_t)(name + i - parts[np]);
		np++;
	}
	for (k = 0; k < np; k++) {
		char *p = xstrndup(parts[k], plen[k]);
		float w = text_width(l, p, st);

		if (w > widest)
			widest = w;
		free(p);
	}
	f->size = widest <= width ? base : base * width / widest;
	if (f->size < min && widest * min / base <= width)
		f->size = min;
	st.size = f->size;
	for (k = 0; k < np; k++) {
		size_t mark = line.n;

		if (line.n)
			buf_adds(&line, " ");
		buf_add(&line, parts[k], plen[k]);
		if (mark > 0 && text_width(l, line.p, st) > width) {
			line.p[mark] = '\0';
			line.n = mark;
			if (f->n < 3)
				f->lines[f->n++] = buf_take(&line);
			else
				buf_free(&line);
			buf_add(&line, parts[k], plen[k]);
		}
	}
	if (line.n && f->n < 4)
		f->lines[f->n++] = buf_take(&line);
	buf_free(&line);
}

static void
approval_box(struct lctx *l, struct dl_page *p, const struct cover *c,
    float right, float top)
{
	float cw = l->body_size * 5.5f, lh = l->body_size * 1.8f;
	float sh = l->body_size * 5.0f, nh = 0;
	float x0 = right - APPROVAL_COUNT * cw;
	float pad = l->body_size * 0.35f;
	struct istyle st = { FONT_GOTHIC, l->body_size * 0.9f, 0, 0, -1 };
	struct fitted fit[APPROVAL_COUNT];
	int names = 0, k, i;

	memset(fit, 0, sizeof(fit));
	for (k = 0; k < APPROVAL_COUNT; k++) {
		if (c->names[k] == NULL)
			continue;
		names = 1;
		fit_name(l, c->names[k], cw - 2 * pad, st.size,
		    NAME_MIN_SIZE, &fit[k]);
		if (fit[k].n * fit[k].size * 1.25f + pad > nh)
			nh = fit[k].n * fit[k].size * 1.25f + pad;
	}
	if (names && nh < lh)
		nh = lh;
	for (k = 0; k < APPROVAL_COUNT; k++) {
		float x = x0 + (float)k * cw;
		struct dl_item *bg = page_item(p);

		bg->kind = DL_RECT;
		bg->x0 = x, bg->y0 = top, bg->x1 = x + cw, bg->y1 = top + lh;
		bg->gray = SHADE;
		text_line(l, p, c->labels[k], st, x, cw, top + lh * 0.68f, 'c');
		for (i = 0; i < fit[k].n; i++) {
			struct istyle ns = st;
			float block = fit[k].n * fit[k].size * 1.25f;
			float y = top + lh + sh + (nh - block) / 2 +
			    ((float)i + 0.8f) * fit[k].size * 1.25f;

			ns.size = fit[k].size;
			text_line(l, p, fit[k].lines[i], ns, x + pad,
			    cw - 2 * pad, y, 'c');
			free(fit[k].lines[i]);
		}
	}
	for (k = 0; k <= APPROVAL_COUNT; k++)
		page_rule(p, x0 + (float)k * cw, top, x0 + (float)k * cw,
		    top + lh + sh + nh, 0.6f);
	page_rule(p, x0, top, right, top, 0.6f);
	page_rule(p, x0, top + lh, right, top + lh, 0.6f);
	if (names)
		page_rule(p, x0, top + lh + sh, right, top + lh + sh, 0.4f);
	page_rule(p, x0, top + lh + sh + nh, right, top + lh + sh + nh, 0.6f);
}

/* The classification mark, boxed at the top right of the cover. */
static void
cover_mark(struct lctx *l, struct dl_page *p, const char *text)
{
	struct istyle cl = { FONT_GOTHIC, l->body_size * 1.1f, 0, 0, -1 };
	float x = l->left, w = l->text_w;
	float cw = text_line(l, p, text, cl, x, w, l->top + cl.size, 'r');
	float pad = cl.size * 0.4f;
	float x0 = x + w - cw - pad, x1 = x + w + pad;
	float y0 = l->top - pad, y1 = l->top + cl.size * 1.3f;

	page_rule(p, x0, y0, x1, y0, 0.8f);
	page_rule(p, x0, y1, x1, y1, 0.8f);
	page_rule(p, x0, y0, x0, y1, 0.8f);
	page_rule(p, x1, y0, x1, y1, 0.8f);
}

/*
 * Sets the cover that doc.c describes: each part at its place on the
 * page, as fractions of the page height so A4 and A5 look alike.
 */
static void
cover_page(struct lctx *l, struct dl_page *p)
{
	float x = l->left, w = l->text_w, h = l->page_h;
	struct istyle big = { FONT_GOTHIC, l->body_size * 2.4f, 0, 0, -1 };
	struct istyle mid = { FONT_GOTHIC, l->body_size * 1.5f, 0, 0, -1 };
	struct istyle small = { FONT_MINCHO, l->body_size * 1.15f, 0, 0, -1 };
	float title_y = h * 0.32f, dates_y = h * 0.52f;
	struct cover c;
	size_t i;

	document_cover(l->doc, &c);
	for (i = 0; i < c.n; i++) {
		const char *t = c.items[i].text;

		switch (c.items[i].part) {
		case COVER_MARK:
			cover_mark(l, p, t);
			break;
		case COVER_TITLE:
			phrase_lines(l, p, t, big, x, w, title_y,
			    big.size * 1.3f, 'c');
			page_rule(p, x + w * 0.1f, title_y + big.size * 0.6f,
			    x + w * 0.9f, title_y + big.size * 0.6f, 1.2f);
			break;
		case COVER_VERSION:
			text_line(l, p, t, small, x, w,
			    title_y + big.size * 2.2f, 'c');
			break;
		case COVER_DATES:
			text_line(l, p, t, small, x, w, dates_y, 'c');
			break;
		case COVER_REVIEW:
			text_line(l, p, t, small, x, w,
			    dates_y + small.size * 1.6f, 'c');
			break;
		case COVER_COMPANY:
			phrase_lines(l, p, t, mid, x, w, h * 0.60f,
			    mid.size * 1.4f, 'c');
			break;
		case COVER_APPROVALS:
			approval_box(l, p, &c, x + w, h * 0.72f);
			break;
		case COVER__COUNT:
			break;
		}
	}
}

/* Emits s at x on box b's baseline; returns its width. */
static float
box_text(struct lctx *l, struct vbox *b, const char *s, struct istyle st,
    float x, float width, int align)
{
	ichar_vec chars = {0};
	iline_vec lines = {0};
	float w = 0;

	inline_push_text(&chars, s, st);
	chars.n = inline_measure(l, chars.v, chars.n);
	inline_break(l, chars.v, chars.n, 1e6f, 0, &lines);
	if (lines.n > 0) {
		w = lines.v[0].width;
		inline_emit(l, b, chars.v, &lines.v[0], x, width, b->baseline,
		    0, align);
	}
	VEC_FREE(lines);
	VEC_FREE(chars);
	return w;
}

/* One contents entry: title (wrapped), dot leaders, page number, link. */
static void
contents_entry(struct lctx *l, size_t i, int page)
{
	const struct heading *h = &l->doc->body.headings[i];
	struct istyle st = body_style(l);
	float in = h->level == 1 ? 0 : l->body_size * 1.5f;
	float numw = l->body_size * 3, dw, x;
	ichar_vec chars = {0};
	iline_vec lines = {0};
	struct buf dots = {0};
	char num[32];
	size_t ln;

	if (h->level == 1)
		st.face = FONT_GOTHIC;
	inline_push_text(&chars, h->text, st);
	chars.n = inline_measure(l, chars.v, chars.n);
	inline_break(l, chars.v, chars.n, l->text_w - in - numw, 0, &lines);
	for (ln = 0; ln < lines.n; ln++) {
		struct vbox *b = flow_push(l);
		struct dl_item *lk;

		b->height = l->body_size * 1.7f;
		b->baseline = b->height * 0.68f;
		if (l->grid > 0) {	/* the body's lines */
			b->height = l->grid;
			b->baseline = line_baseline(l->grid, l->body_size);
			b->grid = 1;
		}
		b->keep_with_next = ln + 1 < lines.n;
		inline_emit(l, b, chars.v, &lines.v[ln], l->left + in,
		    l->text_w - in - numw, b->baseline, 0, 'l');
		lk = vbox_item(b);
		lk->kind = DL_LINK;
		lk->x0 = l->left + in;
		lk->x1 = l->left + l->text_w;
		lk->y1 = b->height;
		lk->dest = (int)i;
		if (ln + 1 < lines.n)
			continue;
		/* Dot leaders up to the page number, flush right. */
		st.face = FONT_MINCHO;
		st.gray = 0.45f;
		dw = font_advance(l->fonts[FONT_MINCHO], 0x2025) * st.size /
		    1000.0f;
		x = l->left + in + lines.v[ln].width + l->body_size * 0.5f;
		for (; dw > 0 && x + dw <= l->left + l->text_w - numw +
		    l->body_size; x += dw)
			buf_adds(&dots, "‥");
		if (dots.n) {
			size_t k = b->n;

			box_text(l, b, dots.p, st, l->left, l->left + l->text_w -
			    numw + l->body_size - l->left, 'r');
			/* Leaders are decoration: not read, not tagged. */
			for (; k < b->n; k++)
				b->items[k].sid = -1;
		}
		st.gray = 0;
		snprintf(num, sizeof(num), "%d", page);
		box_text(l, b, num, st, l->left, l->text_w, 'r');
	}
	buf_free(&dots);
	VEC_FREE(lines);
	VEC_FREE(chars);
}

/* The contents: level 1 and 2 headings with their page numbers. */
static void
contents_flow(struct lctx *l, const int *dest_page)
{
	const struct mdoc *md = &l->doc->body;
	struct istyle hs = { FONT_GOTHIC, l->body_size * 1.4f, 0, 0, -1 };
	struct vbox *t = flow_push(l);
	size_t i, start = l->nflow - 1;
	int toc = struct_new(l, "TOC", l->sparent);

	t->height = hs.size * 2.2f;
	t->baseline = hs.size * 1.2f;
	t->keep_with_next = 1;
	box_text(l, t, "目次", hs, l->left, l->text_w, 'l');
	struct_tag(l, start, struct_new(l, "Caption", toc));
	for (i = 0; i < md->nheadings; i++) {
		if (md->headings[i].level > 2)
			continue;
		if (md->headings[i].level == 1 && i > 0)
			flow_space(l, l->body_size * 0.4f);
		start = l->nflow;
		contents_entry(l, i, dest_page[i] + 1);
		struct_tag(l, start, struct_new(l, "TOCI", toc));
	}
}

static void
pages_truncate_one(struct dl_page *p)
{
	size_t k;

	for (k = 0; k < p->n; k++)
		free(p->items[k].glyphs);
	free(p->items);
}

/*
 * The revision history and the contents, appended to pages; the contents
 * give the body's page numbers, which start at 1 after the front matter.
 */
static void
front_matter(struct lctx *l, page_vec *pages, const int *dest_page)
{
	int first = 0;

	if (l->doc->front.root != NULL) {
		layout_blocks(l, l->doc->front.root, l->left, l->text_w, 0,
		    &first);
		flow_glue(l, l->body_size * 2);
	}
	if (l->doc->toc)
		contents_flow(l, dest_page);
	flow_to_pages(l, pages, NULL, NULL);
}

/* ---- running headers and footers ---- */

/*
 * The size at which name and right fit side by side in room: the header
 * size, or smaller down to NAME_MIN_SIZE; 0 when they do not fit.
 */
static float
header_fit(struct lctx *l, const char *name, const char *right,
    struct istyle st, float room)
{
	float w = text_width(l, name, st) + text_width(l, right, st);
	float min = NAME_MIN_SIZE < st.size ? NAME_MIN_SIZE : st.size;

	if (w <= room)
		return st.size;
	if (w * min / st.size <= room)
		return st.size * room / w;
	return 0;
}

/*
 * The running header (company left; title and mark right; a rule), laid
 * out once per document into b and copied onto every page.
 */
static void
running_header(struct lctx *l, struct dl_page *b)
{
	const struct document *d = l->doc;
	struct istyle st = { FONT_GOTHIC, l->body_size * 0.8f, GRAY_HEADER, 0,
	    -1 };
	float hy = l->top - l->body_size * 2.0f;
	struct buf full = {0}, mark = {0};
	const char *name, *right;
	float lw, rw, room = l->text_w - l->body_size, size;
	struct istyle least = st;
	char *company;
	int two_lines = 0;

	if (d->company == NULL)
		return;
	buf_adds(&full, d->title);
	if (d->classification) {
		buf_addf(&full, "　［%s］", d->classification);
		buf_addf(&mark, "［%s］", d->classification);
	}
	/*
	 * One line at the header size if it fits; otherwise the short name,
	 * then the mark without the title, each allowed to shrink only down
	 * to the body's smallest size; as a last resort the name wraps onto
	 * a second line at phrase boundaries.  Never smaller than that.
	 */
	/* No more of a very long name than two lines at the least size
	 * can show: the work stays in proportion to the page. */
	least.size = NAME_MIN_SIZE < st.size ? NAME_MIN_SIZE : st.size;
	company = clip_text(l, d->company, least, 2 * room);
	name = company;
	right = full.p;
	size = header_fit(l, name, right, st, room);
	if (size == 0 && d->short_company) {
		name = d->short_company;
		size = header_fit(l, name, right, st, room);
	}
	if (size == 0 && d->classification) {
		right = mark.p;
		size = header_fit(l, name, right, st, room);
	}
	if (size == 0) {
		two_lines = 1;
		size = st.size;
	}
	st.size = size;
	rw = text_width(l, right, st);
	if (two_lines) {
		/* The name in the room the right part leaves, two lines. */
		float lh = size * 1.3f;

		lw = room - rw;
		phrase_lines(l, b, name, st, l->left, lw, hy - lh, lh, 'l');
		text_line(l, b, right, st, l->left + lw + l->body_size,
		    l->text_w - lw - l->body_size, hy - lh, 'r');
	} else {
		lw = text_width(l, name, st);
		text_line(l, b, name, st, l->left, lw + 1, hy, 'l');
		text_line(l, b, right, st, l->left + lw, l->text_w - lw, hy,
		    'r');
	}
	buf_free(&full);
	buf_free(&mark);
	free(company);
	page_rule(b, l->left, hy + st.size * 0.5f, l->left + l->text_w,
	    hy + st.size * 0.5f, 0.4f);
}

/* n (1-3999) in lower-case roman numerals, as front matter is numbered. */
static void
roman(char *out, size_t size, int n)
{
	static const struct { int v; const char *s; } digits[] = {
		{ 1000, "m" }, { 900, "cm" }, { 500, "d" }, { 400, "cd" },
		{ 100, "c" }, { 90, "xc" }, { 50, "l" }, { 40, "xl" },
		{ 10, "x" }, { 9, "ix" }, { 5, "v" }, { 4, "iv" }, { 1, "i" } };
	size_t k, len = 0;

	out[0] = '\0';
	for (k = 0; k < sizeof(digits) / sizeof(digits[0]); k++)
		for (; n >= digits[k].v && len + 3 < size; n -= digits[k].v)
			len += (size_t)snprintf(out + len, size - len, "%s",
			    digits[k].s);
}

/*
 * The running head and the folio: "3 / 28" on a page of the body (its
 * number among the body's pages), "ii" on a page of front matter.
 */
static void
decorate_page(struct lctx *l, struct dl_page *p, const struct dl_page *hdr,
    int index, int front, int total)
{
	struct istyle st = { FONT_MINCHO, l->body_size * 0.8f, 0.2f, 0, -1 };
	size_t first = p->n, k;
	char buf[64];

	for (k = 0; k < hdr->n; k++)
		copy_item(p, &hdr->items[k], 0);
	if (index < front)
		roman(buf, sizeof(buf), index + 1);
	else
		snprintf(buf, sizeof(buf), "%d / %d", index - front + 1,
		    total - front);
	text_line(l, p, buf, st, l->left, l->text_w, l->folio_y, 'c');
	for (k = first; k < p->n; k++)
		p->items[k].furniture = 1;
}

/* ---- the document ---- */

static void
set_geometry(struct lctx *l)
{
	if (l->doc->paper == PAPER_A4_LANDSCAPE) {
		/* A4 on its side: two columns of about 31 characters. */
		l->page_w = 841.89f;
		l->page_h = 595.28f;
		l->body_size = 10.5f;
		l->text_w = 70 * l->body_size;
		l->top = 62;
		l->text_h = l->page_h - l->top - 58;
	} else if (l->doc->paper == PAPER_A3_LANDSCAPE) {
		/* A3 on its side: ledgers with many columns. */
		l->page_w = 1190.55f;
		l->page_h = 841.89f;
		l->body_size = 10.5f;
		l->text_w = l->page_w - 2 * 56;
		l->top = 62;
		l->text_h = l->page_h - l->top - 58;
	} else if (l->doc->paper == PAPER_A5) {
		l->page_w = 419.53f;
		l->page_h = 595.28f;
		l->body_size = 9.0f;
		l->text_w = 36 * l->body_size;
		l->top = 56;
		l->text_h = l->page_h - l->top - 56;
	} else {
		l->page_w = 595.28f;
		l->page_h = 841.89f;
		l->body_size = 10.5f;
		l->text_w = 42 * l->body_size;
		l->top = 76;
		l->text_h = l->page_h - l->top - 72;
	}
	if (l->doc->line_chars > 0)
		l->text_w = (float)l->doc->line_chars * l->body_size;
	l->left = (l->page_w - l->text_w) / 2;
	l->folio_y = l->top + l->text_h + l->body_size * 3.0f;
	/*
	 * Text documents are set on a grid of body lines (jlreq 2.4): the
	 * page holds a whole number of them, and every page full of text
	 * ends on the same baseline.  Forms align their own lines.
	 */
	if (l->doc->indent) {
		l->grid = l->body_size * BODY_PITCH;
		l->grid_h = floorf(l->text_h / l->grid + 0.001f) * l->grid;
	}
}

/* The title block a document without a cover opens with. */
static void
title_block(struct lctx *l)
{
	struct para_opts o = { { FONT_GOTHIC, l->body_size * 1.7f, 0, 0, -1 },
	    0, 1.6f, 0, 'c', 1, 1, 0 };
	ichar_vec chars = {0};
	size_t start = l->nflow;

	if (l->grid > 0)
		flow_glue(l, 0);	/* grid_block's pad */
	inline_push_text(&chars, l->doc->title, o.st);
	/* Broken between words, in lines of about equal length. */
	mark_phrases(chars.v, chars.n);
	flow_lines(l, &chars, l->left, l->text_w, &o);
	VEC_FREE(chars);
	struct_tag(l, start, struct_new(l, "P", l->sparent));
	flow_glue(l, l->body_size * 1.5f);
	/* The title opens the page: its lines' space all goes below. */
	if (l->grid > 0)
		grid_block(l, start, 0);
}

/* Closing lines set flush right (date, company, representative). */
static void
signature_block(struct lctx *l)
{
	struct para_opts o = { body_style(l), 0, BODY_PITCH, 0, 'r', 1, 0, 0 };
	size_t k;

	/* One blank line on the grid. */
	flow_glue(l, l->grid > 0 ? l->grid : l->body_size * 1.5f);
	for (k = 0; k < l->doc->nsignature; k++) {
		ichar_vec chars = {0};
		size_t start = l->nflow;

		inline_push_text(&chars, l->doc->signature[k], o.st);
		/* The name and title lines break only between words. */
		mark_phrases(chars.v, chars.n);
		o.keep = k + 1 < l->doc->nsignature;
		flow_lines(l, &chars, l->left, l->text_w, &o);
		VEC_FREE(chars);
		struct_tag(l, start, struct_new(l, "P", l->sparent));
	}
}

struct dlist *
layout_document(const struct document *doc, struct font *fonts[FONT__COUNT],
    struct diags *d)
{
	return layout_document_refs(doc, fonts, NULL, d);
}

struct dlist *
layout_document_refs(const struct document *doc,
    struct font *fonts[FONT__COUNT], const struct layout_refs *refs,
    struct diags *d)
{
	struct lctx l;
	struct dlist *dl = xcalloc(1, sizeof(*dl));
	page_vec body = {0}, front = {0};
	size_t nh = doc->body.nheadings, i;
	int *dest_page = xcalloc(nh + 1, sizeof(int));
	float *dest_y = xcalloc(nh + 1, sizeof(float));
	int first = 1, total;

	memset(&l, 0, sizeof(l));
	l.doc = doc;
	l.fonts = fonts;
	l.diags = d;
	l.dl = dl;
	l.refs = refs;
	set_geometry(&l);
	l.sparent = struct_new(&l, "Document", -1);
	dl->width = l.page_w;
	dl->height = l.page_h;

	/* The body first: its page numbers feed the contents. */
	if (doc->show_title)
		title_block(&l);
	layout_blocks(&l, doc->body.root, l.left, l.text_w, 1, &first);
	if (doc->nsignature)
		signature_block(&l);
	flow_to_pages(&l, &body, dest_page, dest_y);

	/* Front matter: cover, revision history, contents. */
	if (doc->cover) {
		struct dl_page p = { 0 };

		VEC_PUSH(front, p);
		cover_page(&l, &front.v[0]);
		/* Each line of the cover is a paragraph of its own. */
		for (i = 0; i < front.v[0].n; i++)
			if (front.v[0].items[i].kind == DL_TEXT)
				front.v[0].items[i].sid = 1 + struct_new(&l, "P",
				    l.sparent);
	}
	if (doc->front.root != NULL || doc->toc)
		front_matter(&l, &front, dest_page);

	/* Put it together. */
	total = (int)(front.n + body.n);
	dl->npages = (size_t)total;
	dl->front = front.n;
	dl->pages = xcalloc(dl->npages + 1, sizeof(*dl->pages));
	for (i = 0; i < front.n; i++)
		dl->pages[i] = front.v[i];
	for (i = 0; i < body.n; i++)
		dl->pages[front.n + i] = body.v[i];
	{
		struct dl_page hdr = { 0 };

		/*
		 * A one-page document needs neither "1 / 1" nor a running
		 * head repeating the title it opens with.
		 */
		if (total > 1)
			running_header(&l, &hdr);
		for (i = (doc->cover ? 1 : 0); total > 1 && i < (size_t)total;
		    i++)
			decorate_page(&l, &dl->pages[i], &hdr, (int)i,
			    (int)front.n, total);
		pages_truncate_one(&hdr);
	}
	dl->ndests = nh;
	dl->dests = xcalloc(nh + 1, sizeof(*dl->dests));
	for (i = 0; i < nh; i++) {
		dl->dests[i].level = doc->body.headings[i].level;
		dl->dests[i].title = doc->body.headings[i].text;
		dl->dests[i].page = dest_page[i] + (int)front.n;
		dl->dests[i].y = dest_y[i];
		dl->dests[i].outline = doc->body.headings[i].level <= 3;
	}
	dl->title = doc->title;
	dl->author = doc->company;
	dl->subject = doc->company ? "情報セキュリティ関連文書" : NULL;
	dl->epoch = doc->epoch;
	VEC_FREE(front);
	VEC_FREE(body);
	free(dest_page);
	free(dest_y);
	VEC_FREE(l.links);
	if (l.failed) {
		dlist_free(dl);
		return NULL;
	}
	return dl;
}

void
dlist_free(struct dlist *dl)
{
	size_t i, k;

	if (dl == NULL)
		return;
	for (i = 0; i < dl->npages; i++) {
		for (k = 0; k < dl->pages[i].n; k++)
			free(dl->pages[i].items[k].glyphs);
		free(dl->pages[i].items);
	}
	free(dl->pages);
	free(dl->dests);
	for (i = 0; i < dl->nuris; i++)
		free(dl->uris[i]);
	free(dl->uris);
	free(dl->structs);
	free(dl);
}
