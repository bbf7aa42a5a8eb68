/*
 * layout_inline.c: inline content to lines.  Collects the characters of a
 * paragraph with their styles, measures them from the font, finds break
 * opportunities (linebreak.c), fills lines greedily as Japanese typesetting
 * does (first fit, kinsoku by pushing characters out), and emits each line
 * justified: the slack goes between Japanese characters and into spaces,
 * never inside a Latin word.
 */
#include <string.h>

#include "layout/layout_int.h"
#include "text/linebreak.h"
#include "md/markdown.h"

#define SOFTBREAK	0xE000	/* private-use marker, resolved in measure */
#define GETA		0x3013	/* 〓: the traditional mark for a missing glyph */

static int
link_index(struct lctx *l, const char *url)
{
	struct link lk = { -1, NULL };
	size_t i;

	if (url == NULL)
		return -1;
	if (url[0] == '#') {
		const struct mdoc *md = &l->doc->body;

		for (i = 0; i < md->nheadings; i++)
			if (strcmp(md->headings[i].id, url + 1) == 0)
				lk.dest = (int)i;
		if (lk.dest < 0)
			return -1;
	} else if (strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "https://", 8) == 0 ||
	    strncmp(url, "mailto:", 7) == 0) {
		struct dlist *dl = l->dl;

		dl->uris = xrealloc(dl->uris, (dl->nuris + 1) * sizeof(char *));
		dl->uris[dl->nuris] = xstrdup(url);
		lk.uri = dl->uris[dl->nuris++];
	} else
		return -1;	/* javascript: and the like are not links */
	VEC_PUSH(l->links, lk);
	return (int)l->links.n - 1;
}

void
inline_push_text(void *vec, const char *s, struct istyle st)
{
	ichar_vec *v = vec;
	size_t i = 0, len = strlen(s);
	struct ichar c;

	memset(&c, 0, sizeof(c));
	c.st = st;
	c.st.link = st.link;
	while (i < len) {
		c.cp = utf8_next(s, len, &i);
		VEC_PUSH(*v, c);
	}
}

void
inline_collect(struct lctx *l, cmark_node *node, struct istyle st, void *vec)
{
	ichar_vec *v = vec;
	cmark_node *c;
	struct istyle s;
	struct ichar ch;
	const char *type;

	memset(&ch, 0, sizeof(ch));
	for (c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		s = st;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			inline_push_text(v, cmark_node_get_literal(c), st);
			break;
		case CMARK_NODE_CODE:
			s.face = FONT_MONO;
			s.size = st.size * 0.92f;
			s.deco |= DECO_CODE;
			inline_push_text(v, cmark_node_get_literal(c), s);
			break;
		case CMARK_NODE_SOFTBREAK:
			ch.cp = SOFTBREAK;
			ch.st = st;
			VEC_PUSH(*v, ch);
			break;
		case CMARK_NODE_LINEBREAK:
			ch.cp = '\n';
			ch.st = st;
			VEC_PUSH(*v, ch);
			break;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
			if (s.face == FONT_MINCHO)
				s.face = FONT_GOTHIC;
			inline_collect(l, c, s, vec);
			break;
		case CMARK_NODE_LINK:
			s.link = link_index(l, cmark_node_get_url(c));
			if (s.link >= 0)
				s.deco |= DECO_UNDERLINE;
			inline_collect(l, c, s, vec);
			break;
		case CMARK_NODE_HTML_INLINE:
			break;	/* warned about by the Markdown stage */
		default:
			type = md_type(c);
			if (type && strcmp(type, "strikethrough") == 0)
				s.deco |= DECO_STRIKE;
			inline_collect(l, c, s, vec);
			break;
		}
	}
}

/* Replaces characters no font can draw; reports them once each. */
static void
check_glyph(struct lctx *l, struct ichar *c)
{
	static const enum font_face order[] = { FONT_MINCHO, FONT_GOTHIC,
	    FONT_MONO };
	struct buf ch = {0};
	size_t k;

	if (c->cp == '\t' || (c->cp < 0x20 && c->cp != '\n'))
		c->cp = ' ';
	if (c->cp > 0xFFFF) {
		/* libharu's UTF-8 encoder has no way to write these. */
		buf_add_utf8(&ch, c->cp);
		if (font_note_reported(l->fonts[FONT_MINCHO], c->cp))
			diag(l->diags, W_GLYPH_SUBST, l->origin, ch.p, c->cp,
			    "〓");
		buf_free(&ch);
		c->cp = GETA;
	}
	if (c->cp == '\n' || font_has(l->fonts[c->st.face], c->cp))
		return;
	for (k = 0; k < sizeof(order) / sizeof(order[0]); k++)
		if (font_has(l->fonts[order[k]], c->cp)) {
			c->st.face = order[k];
			return;
		}
	buf_add_utf8(&ch, c->cp);
	if (font_note_reported(l->fonts[FONT_MINCHO], c->cp))
		diag(l->diags, E_GLYPH, l->origin, ch.p, c->cp,
		    font_display_name(l->fonts[c->st.face]));
	buf_free(&ch);
	l->failed = 1;
	c->cp = GETA;
}

/* Japanese letters: kana and kanji, not punctuation or brackets. */
static int
is_kana_kanji(uint32_t cp)
{
	return (cp >= 0x3041 && cp <= 0x30FA) || cp == 0x30FC ||
	    (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    cp == 0x3005;
}

/* Latin letters and digits, the other side of 和欧間アキ. */
static int
is_latin(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= '0' && cp <= '9') || (cp >= 0xC0 && cp <= 0x24F);
}

/* A fullwidth bracket or stop whose glyph fills half its em box. */
static int
half_blank(struct lctx *l, const struct ichar *c)
{
	return (lb_is_closing(c->cp) || lb_is_opening(c->cp)) &&
	    c->cp > 0x2FFF &&
	    font_advance(l->fonts[c->st.face], c->cp) == 1000;
}

size_t
inline_measure(struct lctx *l, struct ichar *c, size_t n)
{
	size_t i, out = 0;

	for (i = 0; i < n; i++) {
		/*
		 * U+2060 WORD JOINER (put between the characters of a
		 * personal name by the template filter "name") is not
		 * drawn; it forbids a break at its place.
		 */
		if (c[i].cp == 0x2060) {
			if (out > 0)
				c[out - 1].nobreak = 1;
			continue;
		}
		if (c[i].cp == SOFTBREAK) {
			uint32_t a = out > 0 ? c[out - 1].cp : ' ';
			uint32_t b = i + 1 < n ? c[i + 1].cp : ' ';

			/*
			 * Japanese joins across source lines without a
			 * trace (no space, no extra break opportunity);
			 * Latin words get a space.
			 */
			if (!md_softbreak_is_space(a, b))
				continue;
			c[i].cp = ' ';
		}
		c[out] = c[i];
		check_glyph(l, &c[out]);
		/* A fullwidth space after ？ or ！ is a gap, not text. */
		c[out].space = c[out].cp == ' ' || (c[out].cp == 0x3000 &&
		    out > 0 && (c[out - 1].cp == 0xFF1F || c[out - 1].cp == 0xFF01));
		c[out].w = c[out].cp == '\n' ? 0 :
		    font_advance(l->fonts[c[out].st.face], c[out].cp) *
		    c[out].st.size / 1000.0f;
		out++;
	}
	n = out;
	/*
	 * Consecutive brackets and stops (」。 or ）「) lose the half-em blank
	 * between them, as JIS X 4051 sets them: never a visible double gap.
	 */
	for (i = 0; i + 1 < n; i++) {
		uint32_t a = c[i].cp, b = c[i + 1].cp;

		if (!half_blank(l, &c[i]) || !half_blank(l, &c[i + 1]))
			continue;
		if ((lb_is_closing(a) && (lb_is_closing(b) || lb_is_opening(b))) ||
		    (lb_is_opening(a) && lb_is_opening(b)))
			c[i].w -= c[i].st.size / 2;
	}
	/*
	 * JIS X 4051 sets a quarter em between Japanese and Latin letters or
	 * digits (和欧間アキ): 「Windows 11のパソコン」 would look cramped.
	 */
	for (i = 0; i + 1 < n; i++) {
		c[i].gap = 0;
		if ((is_kana_kanji(c[i].cp) && is_latin(c[i + 1].cp)) ||
		    (is_latin(c[i].cp) && is_kana_kanji(c[i + 1].cp)))
			c[i].gap = (c[i].st.size < c[i + 1].st.size ?
			    c[i].st.size : c[i + 1].st.size) / 4;
	}
	if (n > 0)
		c[n - 1].gap = 0;
	return n;
}

static float
span_width(const struct ichar *c, size_t start, size_t end)
{
	float w = 0;

	while (end > start && (c[end - 1].space || c[end - 1].cp == '\n'))
		end--;
	for (; start < end; start++)
		w += c[start].w + (start + 1 < end ? c[start].gap : 0);
	return w;
}

/* Characters of a line that are text, not punctuation or space. */
static size_t
letters(const struct ichar *c, const struct iline *ln)
{
	size_t i, k = 0;

	for (i = ln->start; i < ln->end; i++)
		if (!c[i].space && c[i].cp != '\n' && !lb_no_start(c[i].cp) &&
		    !lb_is_closing(c[i].cp))
			k++;
	return k;
}

/*
 * A paragraph should not end in a line of a single letter (「る。」):
 * in measures of 20 characters or more,
 * the line before it gives up its last break opportunity's worth, if that
 * still leaves it at least three quarters full.  The line then is
 * justified a little looser.
 */
static void
avoid_runt(struct ichar *c, void *vec)
{
	iline_vec *lines = vec;
	struct iline *prev, *last;
	size_t k;

	if (lines->n < 2)
		return;
	prev = &lines->v[lines->n - 2];
	last = &lines->v[lines->n - 1];
	if (prev->last || letters(c, last) > 1)
		return;
	for (k = prev->end - 1; k > prev->start + 1; k--) {
		if (c[k - 1].brk == LB_NONE || c[k - 1].cp == '\n')
			continue;
		float w = span_width(c, prev->start, k);

		if (w < prev->width * 0.75f)
			return;
		/* Move [k, prev->end) to the last line. */
		last->start = k;
		while (last->start < last->end && c[last->start].space)
			last->start++;
		last->width = span_width(c, last->start, last->end);
		prev->end = k;
		prev->width = w;
		return;
	}
}

void
inline_break(struct lctx *l, struct ichar *c, size_t n, float width,
    float first_indent, void *vec)
{
	iline_vec *lines = vec;
	uint32_t *cps = xmalloc((n ? n : 1) * sizeof(*cps));
	char *brk = xmalloc(n ? n : 1);
	size_t i, start = 0, end, last_ok;
	float w, avail;
	int hard;

	(void)l;
	for (i = 0; i < n; i++)
		cps[i] = c[i].cp;
	lb_opportunities(cps, n, brk);
	for (i = 0; i < n; i++) {
		c[i].brk = brk[i];
		/* Code breaks only at its spaces ("--dry-run" stays whole). */
		if ((c[i].st.deco & DECO_CODE) && i + 1 < n &&
		    (c[i + 1].st.deco & DECO_CODE) && !c[i].space &&
		    c[i].brk == LB_ALLOW)
			c[i].brk = LB_NONE;
		/* A name (or a word kept whole) never breaks inside. */
		if (c[i].nobreak && c[i].brk == LB_ALLOW)
			c[i].brk = LB_NONE;
	}
	free(cps);
	free(brk);
	while (start < n) {
		/* Spaces vanish after a break, not after a hard line end. */
		if (lines->n > 0 && !lines->v[lines->n - 1].last)
			while (start < n && c[start].space)
				start++;
		if (start == n)
			break;
		avail = width - (lines->n == 0 ? first_indent : 0);
		w = 0;
		last_ok = (size_t)-1;
		end = n;
		hard = 1;
		for (i = start; i < n; i++) {
			if (c[i].cp == '\n') {
				end = i + 1;
				break;
			}
			if (i > start)
				w += c[i - 1].gap;
			if (w + c[i].w > avail + 0.01f && i > start &&
			    !c[i].space) {
				/*
				 * No opportunity: an emergency break, which
				 * still keeps 。 and the like off the start.
				 */
				end = last_ok != (size_t)-1 ? last_ok + 1 : i;
				if (last_ok == (size_t)-1 && end > start + 1 &&
				    lb_no_start(c[end].cp) &&
				    !lb_no_start(c[end - 1].cp))
					end--;
				hard = 0;
				break;
			}
			w += c[i].w;
			if (c[i].brk != LB_NONE)
				last_ok = i;
		}
		struct iline ln = { start, end, span_width(c, start, end), hard };

		VEC_PUSH(*lines, ln);
		start = end;
	}
	/* Only in running text: a narrow column is read differently. */
	if (n > 0 && width >= c[0].st.size * 20)
		avoid_runt(c, lines);
}

float
inline_min_width(const struct ichar *c, size_t n)
{
	float best = 0, w = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (!c[i].space && c[i].cp != '\n')
			w += c[i].w + (c[i].brk == LB_NONE ? c[i].gap : 0);
		if (c[i].brk != LB_NONE || i + 1 == n) {
			if (w > best)
				best = w;
			w = 0;
		}
	}
	return best;
}

float
inline_max_width(const struct ichar *c, size_t n)
{
	float best = 0, w = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if (c[i].cp == '\n' || i + 1 == n) {
			w += c[i].cp == '\n' ? 0 : c[i].w;
			if (w > best)
				best = w;
			w = 0;
			continue;
		}
		w += c[i].w + c[i].gap;
	}
	return best;
}

float
line_height(const struct ichar *c, const struct iline *ln, float fallback)
{
	float m = 0;
	size_t i;

	for (i = ln->start; i < ln->end; i++)
		if (c[i].st.size > m && !(c[i].st.deco & DECO_CODE))
			m = c[i].st.size;
	for (i = ln->start; m == 0 && i < ln->end; i++)
		if (c[i].st.size > m)
			m = c[i].st.size;
	return m > 0 ? m : fallback;
}

static int
stretchable(const struct ichar *a, const struct ichar *b)
{
	if (a->space)
		return 1;
	if (b->space)
		return 0;
	return lb_is_cjk(a->cp) || lb_is_cjk(b->cp);
}

static int
same_run(const struct dl_item *it, const struct ichar *c)
{
	return it->face == c->st.face && it->size == c->st.size &&
	    it->gray == c->st.gray && it->blue == (c->st.link >= 0);
}

/* Adds the decorations of characters [a, b) drawn from x0 to x1. */
static void
decorate(struct lctx *l, struct vbox *box, const struct ichar *c, float x0,
    float x1, float y)
{
	float s = c->st.size;
	struct dl_item *it;

	if (c->st.deco & DECO_UNDERLINE)
		add_rule(box, x0, y + s * 0.15f, x1, y + s * 0.15f, 0.4f);
	if (c->st.deco & DECO_STRIKE)
		add_rule(box, x0, y - s * 0.3f, x1, y - s * 0.3f, 0.5f);
	if (c->st.link >= 0) {
		it = vbox_item(box);
		it->kind = DL_LINK;
		it->x0 = x0;
		it->x1 = x1;
		it->y0 = y - s;
		it->y1 = y + s * 0.3f;
		it->dest = l->links.v[c->st.link].dest;
		it->uri = l->links.v[c->st.link].uri;
	}
}

void
inline_emit(struct lctx *l, struct vbox *box, const struct ichar *c,
    const struct iline *ln, float x, float width, float y, int justify,
    int align)
{
	/* 'L' is 'l' on a line with no indent of its own. */
	int trim_open = align == 'L';

	size_t i, end = ln->end, gaps = 0, run_start;
	float extra = 0, slack = width - ln->width;
	struct dl_item *it = NULL;
	VEC(struct dl_glyph) g = {0};
	float *xs;

	if (align == 'L')
		align = 'l';
	while (end > ln->start && (c[end - 1].space || c[end - 1].cp == '\n'))
		end--;
	if (justify && !ln->last && slack > 0) {
		for (i = ln->start; i + 1 < end; i++)
			gaps += stretchable(&c[i], &c[i + 1]);
		/* A line with few gaps stays ragged rather than gappy. */
		if (gaps > 0 && slack / gaps <= c[ln->start].st.size * 0.5f)
			extra = slack / gaps;
	}
	/*
	 * An opening bracket that starts a line is set half-width (its empty
	 * left half dropped), as JIS X 4051 allows: otherwise the line looks
	 * indented.  Not on a first line that has its own indent.
	 */
	if (trim_open && end > ln->start && half_blank(l, &c[ln->start]) &&
	    lb_is_opening(c[ln->start].cp)) {
		x -= c[ln->start].st.size / 2;
		slack += c[ln->start].st.size / 2;
		if (justify && !ln->last && gaps > 0 &&
		    slack / gaps <= c[ln->start].st.size * 0.5f)
			extra = slack / gaps;
	}
	if (align == 'c' && slack > 0)
		x += slack / 2;
	else if (align == 'r' && slack > 0)
		x += slack;
	xs = xmalloc((end - ln->start + 1) * sizeof(*xs));
	for (i = ln->start; i < end; i++) {
		xs[i - ln->start] = x;
		x += c[i].w;
		if (i + 1 < end)
			x += c[i].gap;
		if (i + 1 < end && stretchable(&c[i], &c[i + 1]))
			x += extra;
	}
	xs[end - ln->start] = x;
	/* Code backgrounds go first, under the glyphs. */
	for (i = ln->start; i < end; i++)
		if (c[i].st.deco & DECO_CODE)
			add_rect(box, xs[i - ln->start] - 0.5f,
			    y - c[i].st.size * 0.9f, xs[i - ln->start + 1] + 0.5f,
			    y + c[i].st.size * 0.25f, 0.92f);
	for (i = ln->start; i < end; i++) {
		if (it == NULL || !same_run(it, &c[i])) {
			if (it != NULL) {
				it->glyphs = g.v;
				it->nglyphs = g.n;
				memset(&g, 0, sizeof(g));
			}
			it = vbox_item(box);
			it->kind = DL_TEXT;
			it->face = c[i].st.face;
			it->size = c[i].st.size;
			it->gray = c[i].st.gray;
			it->blue = c[i].st.link >= 0;
			it->y = y;
		}
		struct dl_glyph gl = { c[i].cp, xs[i - ln->start] };

		VEC_PUSH(g, gl);
		font_use(l->fonts[c[i].st.face], c[i].cp);
	}
	if (it != NULL) {
		it->glyphs = g.v;
		it->nglyphs = g.n;
	} else
		VEC_FREE(g);
	/* Underlines, strike-through and link areas, per styled run. */
	for (i = ln->start; i < end; i = run_start) {
		run_start = i + 1;
		if (!(c[i].st.deco & (DECO_UNDERLINE | DECO_STRIKE)) &&
		    c[i].st.link < 0)
			continue;
		while (run_start < end && c[run_start].st.deco == c[i].st.deco &&
		    c[run_start].st.link == c[i].st.link)
			run_start++;
		decorate(l, box, &c[i], xs[i - ln->start],
		    xs[run_start - 1 - ln->start] + c[run_start - 1].w, y);
	}
	free(xs);
}
