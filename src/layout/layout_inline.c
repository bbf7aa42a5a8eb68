/*
 * layout_inline.c: inline content to lines.  Collects the characters of a
 * paragraph with their styles, measures them from the font, finds break
 * opportunities (linebreak.c), fills lines greedily as Japanese typesetting
 * does (first fit; for kinsoku a line is squeezed to pull a character in
 * before characters are pushed out), and emits each line justified: the
 * slack goes into spaces and 和欧間 first, then between Japanese
 * characters, never inside a Latin word.
 */
#include <stdio.h>
#include <string.h>

#include "text/jtext.h"
#include "layout/layout_int.h"
#include "text/linebreak.h"
#include "md/markdown.h"

#define SOFTBREAK	0xE000	/* private-use marker, resolved in measure */
#define GETA		0x3013	/* 〓: the traditional mark for a missing glyph */

/*
 * The page of the heading a link "other.html#id" points at, when other is
 * a document of the same set laid out before this one; 0 otherwise (the
 * link keeps its text only, as before).  Its PDF's name goes to *pdf,
 * the number printed on that page (after its front matter) to *label.
 */
static int
target_page(const struct lctx *l, const char *url, const char **pdf,
    int *label)
{
	const char *hash = strchr(url, '#');
	size_t i, k, len;

	if (l->refs == NULL || hash == NULL || hash[1] == '\0')
		return 0;
	len = (size_t)(hash - url);
	for (i = 0; i < l->refs->n; i++) {
		const struct layout_target *t = &l->refs->v[i];
		const struct mdoc *md = &t->doc->body;

		if (strlen(t->html) != len || strncmp(t->html, url, len) != 0)
			continue;
		for (k = 0; k < md->nheadings; k++)
			if (strcmp(md->headings[k].id, hash + 1) == 0) {
				*pdf = t->pdf;
				*label = t->pages[k] - t->front;
				return t->pages[k];
			}
	}
	return 0;
}

static int
link_index(struct lctx *l, const char *url)
{
	struct link lk = { -1, NULL, 0, 0 };
	const char *pdf = NULL;
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
	} else if ((lk.rpage = target_page(l, url, &pdf, &lk.rlabel)) > 0) {
		struct dlist *dl = l->dl;

		dl->uris = xrealloc(dl->uris, (dl->nuris + 1) * sizeof(char *));
		dl->uris[dl->nuris] = xstrdup(pdf);
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

/*
 * Records where the characters v[from..] of text node c were written, for
 * messages about one character (a glyph no font has).  Exact where the
 * literal is the source text as written (no escapes or entities).
 */
static void
mark_source(ichar_vec *v, size_t from, cmark_node *c)
{
	const char *lit = cmark_node_get_literal(c);
	int line = cmark_node_get_start_line(c);
	int col = cmark_node_get_start_column(c);
	size_t i, off = 0, len = lit ? strlen(lit) : 0;

	for (i = from; i < v->n && line > 0 && col > 0; i++) {
		v->v[i].line = line;
		v->v[i].bcol = col + (int)off;
		if (off < len)
			utf8_next(lit, len, &off);
	}
}

/*
 * "（p. 12）" after the text of a link into another document of the set:
 * on paper the reader cannot click, so the page says where to turn.
 * Part of the link, so on screen the reference is clickable too.  The
 * reference from its first character (v[from]) is kept on one line, like
 * a word: "第8章（p. 24）" broken after 第 reads as two things.
 */
static void
push_page_ref(ichar_vec *v, size_t from, int page, struct istyle st)
{
	char s[32];
	size_t i;

	snprintf(s, sizeof(s), "（p. %d）", page);
	inline_push_text(v, s, st);
	for (i = from; i + 1 < v->n; i++)
		v->v[i].nobreak = 1;
}

void
inline_collect(struct lctx *l, cmark_node *node, struct istyle st, void *vec)
{
	ichar_vec *v = vec;
	cmark_node *c;
	struct istyle s;
	struct ichar ch;
	size_t n0;
	unsigned mark = 0;	/* inside <ins> or <del> */

	memset(&ch, 0, sizeof(ch));
	for (c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		s = st;
		s.deco |= mark;
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
			n0 = v->n;
			inline_push_text(v, cmark_node_get_literal(c), s);
			mark_source(v, n0, c);
			break;
		case CMARK_NODE_CODE:
			s.face = FONT_MONO;
			s.size = st.size * 0.92f;
			s.deco |= DECO_CODE;
			n0 = v->n;
			inline_push_text(v, cmark_node_get_literal(c), s);
			mark_source(v, n0, c);
			break;
		case CMARK_NODE_SOFTBREAK:
			ch.cp = SOFTBREAK;
			ch.st = s;
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
			/* Printed like the text: no colour, no underline. */
			s.link = link_index(l, cmark_node_get_url(c));
			n0 = v->n;
			inline_collect(l, c, s, vec);
			if (s.link >= 0 && l->links.v[s.link].rpage > 0)
				push_page_ref(v, n0, l->links.v[s.link].rlabel,
				    s);
			break;
		case CMARK_NODE_HTML_INLINE:
			/* Change marks: 傍線, which survives grey printing. */
			switch (md_change_tag(c)) {
			case MD_INS_OPEN:
			case MD_DEL_OPEN:
				mark = DECO_UNDERLINE;
				break;
			case MD_INS_CLOSE:
			case MD_DEL_CLOSE:
				mark = 0;
				break;
			case MD_BR:
				ch.cp = '\n';
				ch.st = st;
				VEC_PUSH(*v, ch);
				break;
			}
			break;	/* others: warned about by the Markdown stage */
		default:
			if (md_ext(c) == MD_EXT_STRIKETHROUGH)
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
	struct pos at = c->line > 0 ? expansion_pos(&l->doc->exp, c->line,
	    c->bcol) : l->origin;
	size_t k;

	if (at.file == NULL)
		at = l->origin;
	if (c->cp == '\t' || (c->cp < 0x20 && c->cp != '\n'))
		c->cp = ' ';
	if (c->cp > 0xFFFF && !font_has(l->fonts[FONT_MINCHO], c->cp) &&
	    !font_has(l->fonts[FONT_GOTHIC], c->cp)) {
		/*
		 * Beyond the BMP (emoji, most of CJK extension B) a missing
		 * character stays a warning, as it was when no character
		 * there could be written: such text is often pasted in, and
		 * 〓 marks the place.  Those the fonts have (𠀋, 𠂉 … in
		 * IPAex) are drawn like any other.
		 */
		buf_add_utf8(&ch, c->cp);
		if (font_note_reported(l->fonts[FONT_MINCHO], c->cp))
			diag(l->diags, W_GLYPH_SUBST, at, ch.p, c->cp,
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
		diag(l->diags, E_GLYPH, at, ch.p, c->cp,
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

/*
 * Latin letters and digits, the other side of 和欧間アキ, and the % of a
 * number, which belongs to it as a unit does: 80%␣以上 like 100km␣以上.
 */
static int
is_latin(uint32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') ||
	    (cp >= '0' && cp <= '9') || (cp >= 0xC0 && cp <= 0x24F) ||
	    cp == '%';
}

/* A fullwidth bracket or stop whose glyph fills half its em box. */
static int
half_blank(struct lctx *l, const struct ichar *c)
{
	return (lb_is_closing(c->cp) || lb_is_opening(c->cp)) &&
	    c->cp > 0x2FFF &&
	    font_advance(l->fonts[c->st.face], c->cp) == 1000;
}

/*
 * What a character may give up when a line is squeezed to pull in a
 * character that may not start the next line (追い込み, JIS X 4051 and
 * jlreq 3.8): the half-em blank after 、。」） (not already taken off
 * between two of them), the quarter-em blanks on both sides of ・, and a
 * third of a word space.
 */
static float
squeezable(struct lctx *l, const struct ichar *c)
{
	if (c->cp == 0x30FB &&
	    font_advance(l->fonts[c->st.face], c->cp) == 1000)
		return c->st.size / 2;
	if (half_blank(l, c) && lb_is_closing(c->cp) &&
	    c->w > c->st.size * 0.99f)
		return c->st.size / 2;
	if (c->cp == ' ')
		return c->w / 3;
	return 0;
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
			if (!jt_softbreak_is_space(a, b))
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
	for (i = 0; i < n; i++)
		c[i].shrink = squeezable(l, &c[i]);
	return n;
}

/*
 * How much the line [start, end) can be squeezed: its characters' shrink
 * and half of each 和欧間 quarter em (down to an eighth).
 */
static float
span_shrink(const struct ichar *c, size_t start, size_t end)
{
	float s = 0;

	while (end > start && (c[end - 1].space || c[end - 1].cp == '\n'))
		end--;
	for (; start < end; start++)
		s += c[start].shrink + (start + 1 < end ? c[start].gap / 2 : 0);
	return s;
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
avoid_runt(const struct ichar *c, void *vec)
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

/* Marks each character's break opportunity after it (c[i].brk). */
void
inline_opportunities(struct ichar *c, size_t n)
{
	uint32_t *cps = xmalloc((n ? n : 1) * sizeof(*cps));
	char *brk = xmalloc(n ? n : 1);
	size_t i;

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
}

/*
 * A fullwidth space is a gap, not text, where a line starts after a
 * break: 「第１条　目的」 wrapped before the space must not open the next
 * line with an empty em.
 */
static int
vanishes_at_start(const struct ichar *c)
{
	return c->space || c->cp == 0x3000;
}

/*
 * The line from start overflows at character i, and its last break
 * opportunity would push characters out to the next line (追い出し).
 * JIS X 4051 tries pulling in first (追い込み): if the line up to the
 * next opportunity at or after i fits once its blanks are squeezed, it
 * ends there.  Returns the line's end: that, or pushed (push-out).
 */
static size_t
squeeze_in(const struct ichar *c, size_t n, size_t start, size_t i,
    float avail, size_t pushed)
{
	size_t j;

	for (j = i; j < n && c[j].brk == LB_NONE && c[j].cp != '\n'; j++)
		;
	if (j == n || c[j].cp == '\n')
		return pushed;
	if (span_width(c, start, j + 1) - span_shrink(c, start, j + 1) <=
	    avail + 0.01f)
		return j + 1;
	return pushed;
}

/* One line as filled from start: where it ends, and whether it ends hard. */
struct fill {
	size_t	 end;
	int	 hard;
};

/*
 * Fills one line from start into avail, first fit.  With pull, a line
 * that could end right before the character that overflows also tries
 * pulling the word up to the next opportunity in by squeezing
 * (追い込み), as a line that has to push out does always.
 */
static struct fill
fill_line(const struct ichar *c, size_t n, size_t start, float avail,
    int pull)
{
	struct fill f = { n, 1 };
	size_t i, last_ok = (size_t)-1;
	float w = 0;

	for (i = start; i < n; i++) {
		if (c[i].cp == '\n') {
			f.end = i + 1;
			break;
		}
		if (i > start)
			w += c[i - 1].gap;
		if (w + c[i].w > avail + 0.01f && i > start && !c[i].space) {
			/*
			 * No opportunity: an emergency break, which still
			 * keeps 。 and the like off the start.
			 */
			f.end = last_ok != (size_t)-1 ? last_ok + 1 : i;
			if (f.end < i || (pull && last_ok != (size_t)-1))
				f.end = squeeze_in(c, n, start, i, avail, f.end);
			if (last_ok == (size_t)-1 && f.end > start + 1 &&
			    f.end < n && lb_no_start(c[f.end].cp) &&
			    !lb_no_start(c[f.end - 1].cp))
				f.end--;
			f.hard = 0;
			break;
		}
		w += c[i].w;
		if (c[i].brk != LB_NONE)
			last_ok = i;
	}
	return f;
}

/* Where the next line starts after f: spaces vanish after a break. */
static size_t
next_start(const struct ichar *c, size_t n, struct fill f)
{
	size_t s = f.end;

	if (!f.hard)
		while (s < n && vanishes_at_start(&c[s]))
			s++;
	return s;
}

/* The best way found to a line start: fewest lines, then fewest pulls. */
struct reach {
	size_t	 lines, pulls;
	size_t	 from;		/* where the line ending here started */
	struct fill line;
};

/* Takes line f from start s, pulled in or not, if it reaches further
 * best: in fewer lines, or as many with fewer pulls. */
static void
reach_by(struct reach *r, const struct ichar *c, size_t n, size_t s,
    struct fill f, int pull)
{
	size_t to = next_start(c, n, f), nl = r[s].lines + 1,
	    np = r[s].pulls + (size_t)pull;

	if (nl < r[to].lines || (nl == r[to].lines && np < r[to].pulls)) {
		r[to].lines = nl;
		r[to].pulls = np;
		r[to].from = s;
		r[to].line = f;
	}
}

/*
 * Fills the lines first fit, pulling a word in by squeezing only where
 * that saves the paragraph a line (LuaTeX-ja does the same through its
 * whole-paragraph breaking).  Each line start reached is a node; from
 * each, the first-fit line and the pulled-in one lead on.  The nodes are
 * visited in order, so the paragraph costs at most two fills a node.
 * When no pull saves a line, the lines are exactly first fit.
 */
void
inline_fill(const struct ichar *c, size_t n, float width, float first_indent,
    void *vec)
{
	iline_vec *lines = vec;
	struct iline none = { 0, 0, 0, 0 };
	struct reach *r;
	size_t s, k;

	if (n == 0)
		return;
	r = xcalloc(n + 1, sizeof(*r));
	for (s = 1; s <= n; s++)
		r[s].lines = (size_t)-1;
	for (s = 0; s < n; s++) {
		float avail = width - (s == 0 ? first_indent : 0);
		struct fill fit, pulled;

		if (r[s].lines == (size_t)-1)
			continue;
		fit = fill_line(c, n, s, avail, 0);
		reach_by(r, c, n, s, fit, 0);
		pulled = fill_line(c, n, s, avail, 1);
		if (pulled.end != fit.end)
			reach_by(r, c, n, s, pulled, 1);
	}
	/* The lines, last to first, along the way to the end. */
	for (k = 0; k < r[n].lines; k++)
		VEC_PUSH(*lines, none);
	for (s = n, k = lines->n; s > 0; s = r[s].from) {
		struct iline ln = { r[s].from, r[s].line.end,
		    span_width(c, r[s].from, r[s].line.end), r[s].line.hard };

		lines->v[--k] = ln;
	}
	free(r);
	/* Only in running text: a narrow column is read differently. */
	if (width >= c[0].st.size * 20)
		avoid_runt(c, lines);
}

void
inline_break(struct lctx *l, struct ichar *c, size_t n, float width,
    float first_indent, void *vec)
{
	(void)l;
	inline_opportunities(c, n);
	inline_fill(c, n, width, first_indent, vec);
}

/* Whether every line ends where a break is allowed in a title. */
static int
phrase_ends(const struct ichar *c, size_t n, const iline_vec *lines)
{
	size_t i;

	for (i = 0; i < lines->n; i++)
		if (lines->v[i].end < n && lines->v[i].end > 0 &&
		    c[lines->v[i].end - 1].nobreak)
			return 0;
	return 1;
}

/*
 * The narrowest measure (to 1/4096 of width) at which c still fills want
 * lines, each ending at a phrase boundary; lines is the search's scratch.
 */
static float
narrowest(const struct ichar *c, size_t n, float width, float first_indent,
    size_t want, iline_vec *lines)
{
	float lo = 0, hi = width;
	int k;

	for (k = 0; k < 12; k++) {
		float mid = (lo + hi) / 2;

		lines->n = 0;
		inline_fill(c, n, mid, first_indent, lines);
		if (lines->n == want && phrase_ends(c, n, lines))
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* Where the line after a break at e starts: its leading blanks go. */
static size_t
line_start_after(const struct ichar *c, size_t n, size_t e)
{
	while (e < n && vanishes_at_start(&c[e]))
		e++;
	return e;
}

/* Whether a line may end at e (after c[e-1]): an opportunity, or the end. */
static int
may_end(const struct ichar *c, size_t n, size_t e)
{
	return e == n || (e > 0 && c[e - 1].brk != LB_NONE);
}

/*
 * Sets c in want lines no wider than cap, as even as they can be: the
 * least sum of squared shortfalls from cap, over the break opportunities
 * already marked (a small dynamic programme: titles are short).  Greedy
 * filling at the narrowest measure leaves a short middle line where one
 * exists; this does not.  Returns 0, or -1 (lines untouched) for text
 * with a hard line end or with no such setting.
 */
static int
even_lines(const struct ichar *c, size_t n, float cap, float first_indent,
    size_t want, iline_vec *lines)
{
	size_t cells = want * (n + 1), k, p, e, i, *prev, *ends;
	float *cost;
	int rc = -1;

	for (i = 0; i + 1 < n; i++)
		if (c[i].brk == LB_MUST || c[i].cp == '\n')
			return -1;
	/* cost[k(n+1)+e]: lines 0..k set, line k ending at e; -1 if none */
	cost = xmalloc(cells * sizeof(*cost));
	prev = xmalloc(cells * sizeof(*prev));
	for (i = 0; i < cells; i++)
		cost[i] = -1;
	for (k = 0; k < want; k++)
		for (p = 0; p <= n; p++) {
			float base = 0, avail = cap - (k == 0 ? first_indent : 0);
			size_t start;

			if (k == 0 ? p != 0 : cost[(k - 1) * (n + 1) + p] < 0)
				continue;
			if (k > 0)
				base = cost[(k - 1) * (n + 1) + p];
			start = k == 0 ? 0 : line_start_after(c, n, p);
			for (e = start + 1; e <= n; e++) {
				float w, d, *to = &cost[k * (n + 1) + e];

				if (!may_end(c, n, e))
					continue;
				/* As inline_fill: a line may squeeze to fit. */
				w = span_width(c, start, e);
				if (w - span_shrink(c, start, e) > avail + 0.01f)
					break;
				d = w < avail ? avail - w : 0;
				if (*to < 0 || base + d * d < *to) {
					*to = base + d * d;
					prev[k * (n + 1) + e] = p;
				}
			}
		}
	if (cost[(want - 1) * (n + 1) + n] >= 0) {
		ends = xmalloc(want * sizeof(*ends));
		for (e = n, k = want; k-- > 0; e = prev[k * (n + 1) + e])
			ends[k] = e;
		lines->n = 0;
		for (k = 0; k < want; k++) {
			size_t st = k == 0 ? 0 : line_start_after(c, n,
			    ends[k - 1]);
			struct iline ln = { st, ends[k],
			    span_width(c, st, ends[k]), k + 1 == want };

			VEC_PUSH(*lines, ln);
		}
		free(ends);
		rc = 0;
	}
	free(cost);
	free(prev);
	return rc;
}

/* Forbids (on) or allows again the weak breaks of mark_phrases. */
static void
weak_breaks_off(struct ichar *c, size_t n, int on)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].weak)
			c[i].nobreak = (char)on;
	inline_opportunities(c, n);
}

void
inline_break_balanced(struct lctx *l, struct ichar *c, size_t n,
    float width, float first_indent, void *vec)
{
	iline_vec *lines = vec;
	size_t want;
	float all, cap = 0;
	int strong;

	inline_break(l, c, n, width, first_indent, lines);
	want = lines->n;
	if (want < 2 || !phrase_ends(c, n, lines))
		return;
	all = narrowest(c, n, width, first_indent, want, lines);
	/*
	 * The same with breaks only after particles, spaces and ・: kept
	 * unless the lines are more than 15 % longer than with the weak
	 * breaks too (then the weak break is a real boundary, as in
	 * インシデント｜対応, more often than not).
	 */
	weak_breaks_off(c, n, 1);
	lines->n = 0;
	inline_fill(c, n, width, first_indent, lines);
	if (lines->n == want && phrase_ends(c, n, lines))
		cap = narrowest(c, n, width, first_indent, want, lines);
	strong = cap > 0 && cap <= all * 1.15f;
	if (!strong) {
		weak_breaks_off(c, n, 0);
		cap = all;
	}
	/* The lines at that measure, made even (or filled, if they cannot). */
	if (even_lines(c, n, cap, first_indent, want, lines) != 0) {
		lines->n = 0;
		inline_fill(c, n, cap, first_indent, lines);
	}
	if (strong)
		weak_breaks_off(c, n, 0);
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
	return jt_is_cjk(a->cp) || jt_is_cjk(b->cp);
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
		it->rpage = l->links.v[c->st.link].rpage;
	}
}

/*
 * What a gap may take first when a line is stretched (JIS X 4051, jlreq
 * 3.8.3): a word space and the 和欧間 quarter em each grow by up to a
 * quarter em before any space goes between Japanese characters.
 */
static float
stretch_cap(const struct ichar *c)
{
	if (c->space)
		return c->st.size / 4;
	return c->gap;
}

/*
 * Shares slack (of a line with gaps stretchable gaps) in JIS order: the
 * spaces and 和欧間 gaps first, each a fraction *first of its cap, and
 * what is left equally over every stretchable gap (the return value).
 */
static float
stretch_first(const struct ichar *c, size_t start, size_t end, float slack,
    size_t gaps, float *first)
{
	float cap = 0;
	size_t i;

	for (i = start; i + 1 < end; i++)
		cap += stretch_cap(&c[i]);
	if (cap <= 0) {
		*first = 0;
		return slack / (float)gaps;
	}
	if (slack <= cap) {
		*first = slack / cap;
		return 0;
	}
	*first = 1;
	return (slack - cap) / (float)gaps;
}

/*
 * A tightened pair (。） or 」「) puts the second glyph half an em after
 * the first.  Text extractors (poppler) measure the first at its full em
 * and start a new line of text where the next overlaps it by half an em
 * or more, which rounding can reach: the second glyph goes a
 * two-hundredth of a point further, which nothing else notices.
 */
static void
keep_apart(struct lctx *l, const struct ichar *c, float *xs, size_t n)
{
	size_t i;

	for (i = 1; i < n; i++) {
		float least = xs[i - 1] + c[i - 1].st.size / 2 + 0.005f;

		if (half_blank(l, &c[i - 1]) && xs[i] < least)
			xs[i] = least;
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
	float extra = 0, slack = width - ln->width, squeeze = 0, first = 0;
	struct dl_item *it = NULL;
	VEC(struct dl_glyph) g = {0};
	float *xs;

	if (align == 'L')
		align = 'l';
	while (end > ln->start && (c[end - 1].space || c[end - 1].cp == '\n'))
		end--;
	/* A squeezed line (追い込み) gives its blanks back in proportion. */
	if (slack < -0.01f) {
		float sh = span_shrink(c, ln->start, ln->end);

		squeeze = sh > 0 ? -slack / sh : 0;
		if (squeeze > 1)
			squeeze = 1;
	}
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
	if (extra > 0)
		extra = stretch_first(c, ln->start, end, extra * (float)gaps,
		    gaps, &first);
	if (align == 'c' && slack > 0)
		x += slack / 2;
	else if (align == 'r' && slack > 0)
		x += slack;
	xs = xmalloc((end - ln->start + 1) * sizeof(*xs));
	for (i = ln->start; i < end; i++) {
		/* ・ gives up the blanks on both of its sides alike. */
		xs[i - ln->start] = x - (c[i].cp == 0x30FB ?
		    squeeze * c[i].shrink / 2 : 0);
		x += c[i].w - squeeze * c[i].shrink;
		if (i + 1 < end)
			x += c[i].gap * (1 - squeeze / 2);
		if (i + 1 < end && stretchable(&c[i], &c[i + 1]))
			x += extra;
		if (i + 1 < end)
			x += first * stretch_cap(&c[i]);
	}
	xs[end - ln->start] = x;
	keep_apart(l, c + ln->start, xs, end - ln->start);
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
