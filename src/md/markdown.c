/*
 * markdown.c: cmark-gfm parsing plus kitei's passes over the tree.  Only
 * this file and the two back ends (layout, html) walk cmark nodes.
 *
 * The numbering pass rewrites heading text so that both back ends print
 * the same numbers: "1." / "1.1" for sections, or 第1章 and 第1条（…） for
 * articles, where the paragraphs after the first in an article are 項
 * numbered ２, ３ … and numbered lists in an article are 号 (一、二 …).
 */
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include "md/markdown.h"
#include "md/md_block.h"
#include "base/source.h"
#include "base/srcmap.h"
#include "base/util.h"

/* cmark-gfm aborts when memory runs out; kitei's allocator exits 1.
 * Every node of a tree must come from the same allocator. */
static void *
md_calloc(size_t n, size_t size)
{
	return xcalloc(n, size);
}

static void *
md_realloc(void *p, size_t n)
{
	return xrealloc(p, n);
}

static cmark_mem md_mem = { md_calloc, md_realloc, free };

/* The extensions' names, as cmark-gfm registers them. */
static const char *const ext_names[MD_EXT__COUNT] = {
	[MD_EXT_TABLE] = "table",
	[MD_EXT_STRIKETHROUGH] = "strikethrough",
	[MD_EXT_AUTOLINK] = "autolink",
};

enum md_ext
md_ext(cmark_node *node)
{
	const char *type = cmark_node_get_type_string(node);
	int i;

	for (i = 0; type != NULL && i < MD_EXT__COUNT; i++)
		if (strcmp(type, ext_names[i]) == 0)
			return (enum md_ext)i;
	return MD_EXT_NONE;
}

void
md_kanji_number(int n, char *out, size_t size)
{
	static const char *digit[] = { "", "一", "二", "三", "四", "五", "六",
	    "七", "八", "九" };

	if (n < 10)
		snprintf(out, size, "%s", digit[n % 10]);
	else
		snprintf(out, size, "%s十%s", n / 10 == 1 ? "" :
		    digit[(n / 10) % 10], digit[n % 10]);
}

void
md_fullwidth_number(int n, char *out, size_t size)
{
	char ascii[16], *p;
	struct buf b = {0};

	snprintf(ascii, sizeof(ascii), "%d", n);
	for (p = ascii; *p; p++)
		buf_add_utf8(&b, 0xFF10 + (uint32_t)(*p - '0'));
	snprintf(out, size, "%s", b.p);
	buf_free(&b);
}

void
md_plain_text(cmark_node *node, struct buf *b)
{
	cmark_node *c;
	const char *lit;

	for (c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(c);
			buf_adds(b, lit ? lit : "");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			buf_addc(b, ' ');
			break;
		default:
			md_plain_text(c, b);
			break;
		}
	}
}

static void
prepend_text(cmark_node *heading, const char *text)
{
	cmark_node *t = cmark_node_new_with_mem(CMARK_NODE_TEXT, &md_mem);

	cmark_node_set_literal(t, text);
	if (cmark_node_first_child(heading))
		cmark_node_insert_before(cmark_node_first_child(heading), t);
	else
		cmark_node_append_child(heading, t);
}

static void
append_text(cmark_node *heading, const char *text)
{
	cmark_node *t = cmark_node_new_with_mem(CMARK_NODE_TEXT, &md_mem);

	cmark_node_set_literal(t, text);
	cmark_node_append_child(heading, t);
}

/*
 * A heading written "見出し {-}" stays unnumbered (pandoc's spelling).
 * Removes the marker; returns whether it was there.
 */
static int
take_unnumbered_mark(cmark_node *heading)
{
	cmark_node *t = cmark_node_last_child(heading);
	const char *s;
	size_t n;

	if (t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return 0;
	s = cmark_node_get_literal(t);
	n = s ? strlen(s) : 0;
	if (n < 3 || strcmp(s + n - 3, "{-}") != 0)
		return 0;
	char *trimmed = xstrndup(s, n - 3);

	while (*trimmed && trimmed[strlen(trimmed) - 1] == ' ')
		trimmed[strlen(trimmed) - 1] = '\0';
	cmark_node_set_literal(t, trimmed);
	free(trimmed);
	return 1;
}

static intptr_t
flags_of(cmark_node *n)
{
	return (intptr_t)cmark_node_get_user_data(n);
}

static void
add_flag(cmark_node *n, enum md_flag f)
{
	cmark_node_set_user_data(n, (void *)(flags_of(n) | f));
}

/* Numbers the top-level headings, paragraphs and lists of the document. */
static void
number_document(cmark_node *root, enum numbering num)
{
	int chapter = 0, section = 0, sub = 0, article = 0, para = 0;
	int in_article = 0;
	char label[64], n1[32];
	cmark_node *c;

	for (c = cmark_node_first_child(root); c; c = cmark_node_next(c)) {
		cmark_node_type t = cmark_node_get_type(c);

		if (t == CMARK_NODE_HEADING) {
			int level = cmark_node_get_heading_level(c);

			if (take_unnumbered_mark(c)) {
				in_article = 0;
				continue;
			}
			if (level == 1) {
				chapter++;
				section = sub = 0;
				in_article = 0;
				if (num == NUM_SECTIONS)
					snprintf(label, sizeof(label), "%d.　",
					    chapter);
				else
					snprintf(label, sizeof(label),
					    "第%d章　", chapter);
				prepend_text(c, label);
			} else if (level == 2) {
				section++;
				sub = 0;
				if (num == NUM_SECTIONS) {
					snprintf(label, sizeof(label),
					    "%d.%d　", chapter, section);
					prepend_text(c, label);
				} else {
					snprintf(label, sizeof(label),
					    "第%d条（", ++article);
					prepend_text(c, label);
					append_text(c, "）");
					in_article = 1;
					para = 0;
				}
			} else if (level == 3 && num == NUM_SECTIONS) {
				snprintf(label, sizeof(label), "%d.%d.%d　",
				    chapter, section, ++sub);
				prepend_text(c, label);
			}
			continue;
		}
		if (!in_article)
			continue;
		if (t == CMARK_NODE_PARAGRAPH) {
			add_flag(c, MD_ARTICLE);
			if (++para >= 2) {
				md_fullwidth_number(para, n1, sizeof(n1));
				snprintf(label, sizeof(label), "%s　", n1);
				prepend_text(c, label);
			}
		} else if (t == CMARK_NODE_LIST &&
		    cmark_node_get_list_type(c) == CMARK_ORDERED_LIST)
			add_flag(c, MD_KANJI | MD_ARTICLE);
		else if (t == CMARK_NODE_LIST)
			add_flag(c, MD_ARTICLE);
	}
}

/* Fullwidth digits ０-９: EF BC 90-99. */
static const char *
skip_fullwidth_digits(const char *s)
{
	while ((unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBC &&
	    (unsigned char)s[2] >= 0x90 && (unsigned char)s[2] <= 0x99)
		s += 3;
	return s;
}

/*
 * Whether paragraph text starts with an item label followed by an
 * ideographic space: a 項 number (２　), or a short label in fullwidth
 * parentheses (（注）　, （１）　).  Such paragraphs hang: no first-line
 * indent in the PDF, class "item" in HTML.
 */
static int
starts_with_label(const char *s)
{
	const char *p = skip_fullwidth_digits(s), *close;

	if (p == s && strncmp(s, "（", 3) == 0 &&
	    (close = strstr(s, "）")) != NULL && close - s <= 3 + 4 * 3)
		p = close + 3;
	return p != s && strncmp(p, "　", 3) == 0;
}

static void
mark_hanging(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it), *t;
		const char *s;

		if (ev != CMARK_EVENT_ENTER ||
		    cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH)
			continue;
		t = cmark_node_first_child(n);
		if (t != NULL && cmark_node_get_type(t) == CMARK_NODE_TEXT &&
		    (s = cmark_node_get_literal(t)) != NULL &&
		    starts_with_label(s))
			add_flag(n, MD_HANGS);
	}
	cmark_iter_free(it);
}

int
md_paragraph_hangs(cmark_node *para)
{
	return cmark_node_get_type(para) == CMARK_NODE_PARAGRAPH &&
	    (flags_of(para) & MD_HANGS);
}

int
md_list_kanji(cmark_node *list)
{
	return cmark_node_get_type(list) == CMARK_NODE_LIST &&
	    (flags_of(list) & MD_KANJI);
}

int
md_in_article(cmark_node *block)
{
	cmark_node_type t = cmark_node_get_type(block);

	return (t == CMARK_NODE_PARAGRAPH || t == CMARK_NODE_LIST) &&
	    (flags_of(block) & MD_ARTICLE);
}


/* ids: the headings' anchors from md_anchors, taken over one by one. */
static void
collect_headings(struct mdoc *doc, char **ids)
{
	VEC(struct heading) hs = {0};
	cmark_node *c;

	for (c = cmark_node_first_child(doc->root); c; c = cmark_node_next(c)) {
		struct heading h;
		struct buf b = {0};

		if (cmark_node_get_type(c) != CMARK_NODE_HEADING)
			continue;
		memset(&h, 0, sizeof(h));
		h.level = cmark_node_get_heading_level(c);
		h.node = c;
		md_plain_text(c, &b);
		h.text = buf_take(&b);
		h.id = ids[hs.n];
		VEC_PUSH(hs, h);
	}
	doc->headings = hs.v;
	doc->nheadings = hs.n;
}

/*
 * GFM's autolink takes a bare URL up to the next space, and Japanese text
 * has none: "https://example.jp/aを参照" would link the whole phrase.  A
 * bare URL ends at its first non-ASCII character; the rest is text again.
 */
static int
autolink_text(const char *url, const char *lit)
{
	size_t nu = strlen(url), nl = strlen(lit);

	if (nl > nu || strcmp(url + nu - nl, lit) != 0)
		return 0;
	return nu == nl || (nu - nl == 7 && (strncmp(url, "http://", 7) == 0 ||
	    strncmp(url, "mailto:", 7) == 0));
}

static void
trim_autolinks(cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	VEC(cmark_node *) links = {0};
	size_t i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_LINK)
			VEC_PUSH(links, n);
	}
	cmark_iter_free(it);
	for (i = 0; i < links.n; i++) {
		cmark_node *link = links.v[i], *text = cmark_node_first_child(link);
		const char *url = cmark_node_get_url(link), *lit, *p;
		size_t cut;

		if (text == NULL || cmark_node_next(text) != NULL ||
		    cmark_node_get_type(text) != CMARK_NODE_TEXT || url == NULL)
			continue;
		lit = cmark_node_get_literal(text);
		/*
		 * An autolink's text is its URL (www. links gain http://,
		 * addresses mailto:); a written link whose text merely
		 * occurs in its URL ([IT機器利用](regulations.html#IT機器利用))
		 * is not one.
		 */
		if (lit == NULL || !autolink_text(url, lit))
			continue;
		/*
		 * The host may be an internationalised name
		 * (https://日本語.jp): the cut comes after it, at the first
		 * non-ASCII character that follows ASCII.
		 */
		p = strstr(lit, "://");
		p = p ? p + 3 : lit;
		while (*p && (unsigned char)*p >= 0x80)
			p++;
		for (; *p && (unsigned char)*p < 0x80; p++)
			;
		if (*p == '\0' || p == lit)
			continue;
		cut = (size_t)(p - lit);
		char *head = xstrndup(lit, cut), *tail = xstrdup(p);
		char *newurl = xstrndup(url, strlen(url) - strlen(lit) + cut);
		cmark_node *rest = cmark_node_new_with_mem(CMARK_NODE_TEXT, &md_mem);

		cmark_node_set_literal(text, head);
		cmark_node_set_url(link, newurl);
		cmark_node_set_literal(rest, tail);
		cmark_node_insert_after(link, rest);
		free(head);
		free(tail);
		free(newurl);
	}
	VEC_FREE(links);
}

static void
warn_raw_html(cmark_node *root, const struct expansion *e, struct diags *d)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);

		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_HTML_BLOCK &&
		    t != CMARK_NODE_HTML_INLINE) || md_change_tag(n) != 0)
			continue;
		struct pos p = { "(markdown)", cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n) };

		if (e != NULL)	/* the template or file line, in characters */
			p = expansion_pos(e, p.line, p.col);
		diag(d, W_RAW_HTML, p);
	}
	cmark_iter_free(it);
}

/* How many ancestors n has, counting no further than limit + 1. */
static int
nesting_level(cmark_node *n, int limit)
{
	int level = 0;

	while ((n = cmark_node_parent(n)) != NULL && level <= limit)
		level++;
	return level;
}

/*
 * Cuts every node nested deeper than MD_MAX_NESTING out of the tree,
 * reporting each at its position, so that no later stage meets a tree
 * deeper than the limit.  One pass with cmark's iterator (no recursion);
 * each node looks at most MD_MAX_NESTING + 1 parents up.
 */
static void
limit_nesting(cmark_node *root, const struct expansion *e, struct diags *d)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	VEC(cmark_node *) cut = {0};
	size_t i;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev != CMARK_EVENT_ENTER ||
		    nesting_level(n, MD_MAX_NESTING) <= MD_MAX_NESTING)
			continue;
		struct pos p = { "(markdown)", cmark_node_get_start_line(n),
		    cmark_node_get_start_column(n) };

		if (e != NULL)
			p = expansion_pos(e, p.line, p.col);
		diag(d, E_MD_NESTING, p, MD_MAX_NESTING);
		VEC_PUSH(cut, n);
		/* Skip its contents: go on after it. */
		cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
	}
	cmark_iter_free(it);
	for (i = 0; i < cut.n; i++)
		cmark_node_free(cut.v[i]);
	VEC_FREE(cut);
}

static struct pos
node_pos(cmark_node *n, const struct expansion *e)
{
	struct pos p = { "(markdown)", cmark_node_get_start_line(n),
	    cmark_node_get_start_column(n) };

	return e != NULL ? expansion_pos(e, p.line, p.col) : p;
}

/*
 * Headings and link targets longer than MD_MAX_TEXT are errors, and so
 * are control characters that entities (&#27;) put into text.
 */
static void
check_lengths(const struct mdoc *doc, const struct expansion *e,
    struct diags *d)
{
	cmark_iter *it = cmark_iter_new(doc->root);
	cmark_event_type ev;
	size_t i, len;

	for (i = 0; i < doc->nheadings; i++) {
		char *text = doc->headings[i].text;
		size_t cut = MD_MAX_TEXT;

		if ((len = strlen(text)) <= MD_MAX_TEXT)
			continue;
		diag(d, E_MD_LONG_HEADING, node_pos(doc->headings[i].node, e),
		    len, MD_MAX_TEXT);
		/* Cut it (at a character) so later stages add no noise. */
		while (cut > 0 && ((unsigned char)text[cut] & 0xC0) == 0x80)
			cut--;
		text[cut] = '\0';
	}
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type t = cmark_node_get_type(n);
		const char *url, *lit;
		int c;

		/* &#27; and the like: no control character from entities. */
		if (ev == CMARK_EVENT_ENTER && (lit = cmark_node_get_literal(n))
		    != NULL && (c = source_control_char(lit, strlen(lit),
		    &len)) >= 0) {
			diag(d, E_CONTROL, node_pos(n, e), c);
			cmark_node_set_literal(n, "");
		}
		if (ev != CMARK_EVENT_ENTER || (t != CMARK_NODE_LINK &&
		    t != CMARK_NODE_IMAGE) || (url = cmark_node_get_url(n)) ==
		    NULL || (len = strlen(url)) <= MD_MAX_TEXT)
			continue;
		diag(d, E_MD_LONG_URL, node_pos(n, e), len, MD_MAX_TEXT);
		cmark_node_set_url(n, "");
	}
	cmark_iter_free(it);
}


/*
 * Whether md stays inside MD_MAX_BRACKETS and MD_MAX_PIPES (reported at
 * the first line past one of them).  One pass over the text.
 */
static int
within_parser_limits(const char *md, size_t len, const struct expansion *e,
    struct diags *d)
{
	size_t i, brackets = 0, pipes = 0;
	int line = 1, blank = 1;
	struct pos p;

	for (i = 0; i < len; i++) {
		if (md[i] == '\n') {
			if (blank)
				brackets = 0;	/* a blank line ends a paragraph */
			line++;
			blank = 1;
			pipes = 0;
			continue;
		}
		if (md[i] != ' ' && md[i] != '\t' && md[i] != '\r')
			blank = 0;
		if (md[i] == '[' && ++brackets > MD_MAX_BRACKETS) {
			p = e ? expansion_pos(e, line, 0) :
			    (struct pos){ "(markdown)", line, 0 };
			diag(d, E_MD_BRACKETS, p, MD_MAX_BRACKETS);
			return 0;
		}
		if (md[i] == '|' && ++pipes > MD_MAX_PIPES) {
			p = e ? expansion_pos(e, line, 0) :
			    (struct pos){ "(markdown)", line, 0 };
			diag(d, E_MD_PIPES, p, MD_MAX_PIPES);
			return 0;
		}
	}
	return 1;
}

/*
 * Change marks, the one inline HTML kitei understands: <ins>…</ins> and
 * <del>…</del> within one paragraph or table cell (the comparison table
 * writes them) are underlined by both back ends, and <br> is a line break
 * (several paragraphs in one table cell).  They stay raw HTML nodes in the
 * tree, because GFM table cells may not hold other inline kinds; the back
 * ends ask md_change_tag() as they walk the siblings.  An unpaired tag, or
 * any other HTML, is warned about and dropped.
 */
static int
html_is(cmark_node *n, const char *tag)
{
	const char *s;

	return n != NULL && cmark_node_get_type(n) == CMARK_NODE_HTML_INLINE &&
	    (s = cmark_node_get_literal(n)) != NULL && strcmp(s, tag) == 0;
}

int
md_change_tag(cmark_node *n)
{
	static const struct { const char *open, *close; int o, c; } tags[] = {
		{ "<ins>", "</ins>", MD_INS_OPEN, MD_INS_CLOSE },
		{ "<del>", "</del>", MD_DEL_OPEN, MD_DEL_CLOSE },
	};
	cmark_node *c;
	size_t k;

	if (html_is(n, "<br>"))
		return MD_BR;
	for (k = 0; k < sizeof(tags) / sizeof(tags[0]); k++) {
		if (html_is(n, tags[k].open)) {
			for (c = cmark_node_next(n); c; c = cmark_node_next(c))
				if (html_is(c, tags[k].close))
					return tags[k].o;
				else if (html_is(c, tags[k].open))
					return 0;
		} else if (html_is(n, tags[k].close)) {
			for (c = cmark_node_previous(n); c;
			    c = cmark_node_previous(c))
				if (html_is(c, tags[k].open))
					return tags[k].c;
				else if (html_is(c, tags[k].close))
					return 0;
		}
	}
	return 0;
}

int
mdoc_parse(struct mdoc *doc, const char *md, size_t len, enum numbering num,
    const struct expansion *e, struct diags *d)
{
	cmark_parser *p;
	char **ids;
	size_t i;

	memset(doc, 0, sizeof(*doc));
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &md_mem);
	for (i = 0; i < MD_EXT__COUNT; i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(ext_names[i]));
	if (within_parser_limits(md, len, e, d))
		cmark_parser_feed(p, md, len);
	doc->root = cmark_parser_finish(p);
	cmark_parser_free(p);
	limit_nesting(doc->root, e, d);
	trim_autolinks(doc->root);
	ids = md_anchors(doc->root);
	if (num != NUM_NONE)
		number_document(doc->root, num);
	else
		for (cmark_node *c = cmark_node_first_child(doc->root); c;
		    c = cmark_node_next(c))
			if (cmark_node_get_type(c) == CMARK_NODE_HEADING)
				take_unnumbered_mark(c);
	collect_headings(doc, ids);
	free(ids);
	mark_hanging(doc->root);
	md_blocks_parse(doc->root, e, d);
	check_lengths(doc, e, d);
	warn_raw_html(doc->root, e, d);
	return 0;
}

void
mdoc_free(struct mdoc *doc)
{
	size_t i;

	for (i = 0; i < doc->nheadings; i++) {
		free(doc->headings[i].text);
		free(doc->headings[i].id);
	}
	free(doc->headings);
	if (doc->root)
		cmark_node_free(doc->root);
	memset(doc, 0, sizeof(*doc));
}

/* Exported by libcmark-gfm but declared only in a private header. */
void cmark_release_plugins(void);

void
md_release(void)
{
	cmark_release_plugins();
}
