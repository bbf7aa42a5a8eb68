/*
 * html.c: the HTML back end.  Walks the same parsed document as the PDF
 * layout and writes one self-contained HTML5 page per document: the cover
 * data (classification mark, title, version, dates, company, approval
 * box), the revision history, a table of contents whose links point at
 * the headings' stable ids (the PDF's bookmarks use the same numbering),
 * then the body as semantic HTML: headings, lists, tables wrapped in a box
 * that scrolls on its own.  The style sheet (templates/style.css) is
 * inlined; html.c adds only the per-document print page rules (paper size,
 * running head with the classification mark), and pins the style element
 * in the Content-Security-Policy by its SHA-256 (kitei writes no style
 * attribute, so nothing else may style the page).
 *
 * Getting around without script: a header bar links the document list and
 * the document's PDF; a skip link leads to the text; every heading has a
 * permalink to its stable id (md/anchor.c); the table of contents folds
 * each chapter into a <details> (a sidebar on wide screens, style.css);
 * a fixed 「▲目次」 link and 「目次へ戻る」 at each chapter's end lead back.
 *
 * Escaping: every text is escaped, in element content, attribute values
 * and CSS strings alike; raw HTML in Markdown is dropped (the Markdown
 * stage warns, and the PDF drops it too); a link is kept only when its
 * target is http(s), mailto, an in-document anchor or a relative path,
 * otherwise its text is kept without the link.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "text/jtext.h"
#include "doc/doc.h"
#include "html/html.h"
#include "html/sha256.h"
#include "html/woff2.h"
#include "base/source.h"
#include "md/markdown.h"
#include "md/md_block.h"
#include "base/util.h"

void
html_escape(struct buf *out, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '&':
			buf_adds(out, "&amp;");
			break;
		case '<':
			buf_adds(out, "&lt;");
			break;
		case '>':
			buf_adds(out, "&gt;");
			break;
		case '"':
			buf_adds(out, "&quot;");
			break;
		case '\'':
			buf_adds(out, "&#39;");
			break;
		default:
			buf_addc(out, *s);
		}
	}
}

/*
 * s as a quoted CSS string: every ASCII character but letters, digits and
 * the space is written as a hex escape, so that no quote, backslash or
 * "</style" can end the string or the style element.
 */
static void
css_string(struct buf *out, const char *s)
{
	buf_addc(out, '"');
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 0x80 || isalnum(c) || c == ' ')
			buf_addc(out, c);
		else
			buf_addf(out, "\\%x ", c);
	}
	buf_addc(out, '"');
}

static int
prefix_ci(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++)
		if (tolower((unsigned char)*s) != *prefix)
			return 0;
	return 1;
}

/*
 * Whether a link target may be written: http(s), mailto, "#anchor" or a
 * relative path.  Spaces, control characters and backslashes are refused
 * outright: browsers strip or reinterpret them ("\\host" is "//host").
 */
static int
safe_url(const char *u)
{
	const char *p;

	if (*u == '\0')
		return 0;
	for (p = u; *p; p++)
		if ((unsigned char)*p <= ' ' || *p == 0x7f || *p == '\\')
			return 0;
	if (prefix_ci(u, "http://") || prefix_ci(u, "https://") ||
	    prefix_ci(u, "mailto:") || u[0] == '#')
		return 1;
	if (u[0] == '/' && u[1] == '/')
		return 0;
	/* Relative: no scheme before the first / ? or #. */
	for (p = u; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return 0;
	return 1;
}

static void render_inlines(struct buf *out, cmark_node *node);

static int
inside_link(cmark_node *n)
{
	for (n = cmark_node_parent(n); n; n = cmark_node_parent(n))
		if (cmark_node_get_type(n) == CMARK_NODE_LINK)
			return 1;
	return 0;
}

/*
 * The length of a Japanese phone number at s ("03-5978-7509",
 * "090-0000-3302", "0120-000-000"): a 0, three groups of digits joined by
 * hyphens, 10 or 11 digits in all; 0 when there is none.
 */
static size_t
phone_number(const char *s)
{
	size_t i = 0, digits = 0;
	int groups = 0;

	if (s[0] != '0')
		return 0;
	for (;;) {
		size_t start = i;

		while (isdigit((unsigned char)s[i]))
			i++;
		if (i == start)
			return 0;
		digits += i - start;
		if (++groups == 3)
			break;
		if (s[i] != '-')
			return 0;
		i++;
	}
	if (digits < 10 || digits > 11 || s[i] == '-' ||
	    isalnum((unsigned char)s[i]))
		return 0;
	return i;
}

/*
 * Text, with each phone number made a tel: link, so that a phone dials
 * the contacts of an incident with one tap.
 */
static void
render_text(struct buf *out, const char *s, int linkable)
{
	const char *p = s, *run = s;
	size_t n, k;

	for (; linkable && *p; p++) {
		if (p > s && (isalnum((unsigned char)p[-1]) || p[-1] == '-'))
			continue;
		if ((n = phone_number(p)) == 0)
			continue;
		{
			char *before = xstrndup(run, (size_t)(p - run));

			html_escape(out, before);
			free(before);
		}
		buf_adds(out, "<a href=\"tel:");
		for (k = 0; k < n; k++)
			if (p[k] != '-')
				buf_addc(out, p[k]);
		buf_adds(out, "\">");
		buf_add(out, p, n);
		buf_adds(out, "</a>");
		p += n - 1;
		run = p + 1;
	}
	html_escape(out, run);
}

static uint32_t
last_cp(const struct buf *out)
{
	size_t i, j;

	if (out->n == 0)
		return ' ';
	i = out->n - 1;
	while (i > 0 && ((unsigned char)out->p[i] & 0xC0) == 0x80)
		i--;
	j = i;
	return utf8_next(out->p, out->n, &j);
}

static uint32_t
first_cp_after(cmark_node *n)
{
	cmark_node *c = cmark_node_next(n);
	const char *s;
	size_t i = 0;

	while (c && cmark_node_get_type(c) != CMARK_NODE_TEXT &&
	    cmark_node_first_child(c))
		c = cmark_node_first_child(c);
	if (c == NULL || (s = cmark_node_get_literal(c)) == NULL || !*s)
		return ' ';
	return utf8_next(s, strlen(s), &i);
}

static void
render_inline(struct buf *out, cmark_node *c)
{
	const char *url;

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_TEXT:
		render_text(out, cmark_node_get_literal(c), !inside_link(c));
		break;
	case CMARK_NODE_CODE:
		buf_adds(out, "<code>");
		html_escape(out, cmark_node_get_literal(c));
		buf_adds(out, "</code>");
		break;
	case CMARK_NODE_SOFTBREAK:
		/* Japanese lines join without a space, as in the PDF. */
		if (jt_softbreak_is_space(last_cp(out), first_cp_after(c)))
			buf_addc(out, ' ');
		break;
	case CMARK_NODE_LINEBREAK:
		buf_adds(out, "<br>");
		break;
	case CMARK_NODE_EMPH:
		buf_adds(out, "<em>");
		render_inlines(out, c);
		buf_adds(out, "</em>");
		break;
	case CMARK_NODE_STRONG:
		buf_adds(out, "<strong>");
		render_inlines(out, c);
		buf_adds(out, "</strong>");
		break;
	case CMARK_NODE_LINK:
		url = cmark_node_get_url(c);
		if (url == NULL || !safe_url(url)) {
			render_inlines(out, c);
			break;
		}
		buf_adds(out, "<a href=\"");
		html_escape(out, url);
		buf_adds(out, "\">");
		render_inlines(out, c);
		buf_adds(out, "</a>");
		break;
	case CMARK_NODE_IMAGE:
		render_inlines(out, c);	/* the alt text */
		break;
	case CMARK_NODE_HTML_INLINE:
		/* Change marks (underlined by style.css); others warned about. */
		switch (md_change_tag(c)) {
		case MD_INS_OPEN:
			buf_adds(out, "<ins>");
			break;
		case MD_INS_CLOSE:
			buf_adds(out, "</ins>");
			break;
		case MD_DEL_OPEN:
			buf_adds(out, "<del class=\"change\">");
			break;
		case MD_DEL_CLOSE:
			buf_adds(out, "</del>");
			break;
		case MD_BR:
			buf_adds(out, "<br>");
			break;
		}
		break;
	default:
		if (md_ext(c) == MD_EXT_STRIKETHROUGH) {
			buf_adds(out, "<del>");
			render_inlines(out, c);
			buf_adds(out, "</del>");
		} else
			render_inlines(out, c);
	}
}

static void
render_inlines(struct buf *out, cmark_node *node)
{
	cmark_node *c;

	for (c = cmark_node_first_child(node); c; c = cmark_node_next(c))
		render_inline(out, c);
}

/*
 * How one Markdown tree is written: its headings (for their ids), the
 * prefix of those ids (the revision history's tree numbers its headings
 * from s1 too) and how many levels its headings move down (by one below
 * the document's title, so that the page has a single h1).
 */
struct ctx {
	const struct mdoc	*md;
	const char		*idprefix;
	int			 shift;
};

static const char *
heading_id(const struct mdoc *md, cmark_node *n)
{
	size_t i;

	for (i = 0; i < md->nheadings; i++)
		if (md->headings[i].node == n)
			return md->headings[i].id;
	return NULL;
}

static int
html_level(const struct ctx *x, int md_level)
{
	int h = md_level + x->shift;

	return h > 6 ? 6 : h;
}

static void render_blocks(struct buf *out, const struct ctx *x,
    cmark_node *parent);

/*
 * Whether a cell is short enough to keep on one line: at most ten
 * full-width characters (a Latin letter or digit counts half), like
 * 第10章, 令和7年6月1日 or 新規作成.  A phone would otherwise break
 * them inside a word (第／10／章); the table scrolls instead.
 */
static int
short_cell(cmark_node *cell)
{
	struct buf b = {0};
	size_t i = 0, half = 0;

	md_plain_text(cell, &b);
	while (i < b.n) {
		uint32_t cp = utf8_next(b.p, b.n, &i);

		half += cp < 0x80 || (cp >= 0xFF61 && cp <= 0xFF9F) ? 1 : 2;
	}
	buf_free(&b);
	return half > 0 && half <= 20;
}

/*
 * A table in a box that scrolls sideways when the table is wider than the
 * screen.  The box takes keyboard focus (tabindex), so that a reader
 * without a mouse can scroll it too; a shadow at its edge shows that
 * there is more (style.css).
 */
static void
render_table(struct buf *out, cmark_node *table)
{
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	int ncols = cmark_gfm_extensions_get_table_columns(table), k;
	cmark_node *row, *cell;
	int in_body = 0;

	buf_adds(out, "<div class=\"table-wrap\" tabindex=\"0\"><table>\n");
	for (row = cmark_node_first_child(table); row;
	    row = cmark_node_next(row)) {
		int header = cmark_gfm_extensions_get_table_row_is_header(row);

		if (header)
			buf_adds(out, "<thead>");
		else if (!in_body) {
			buf_adds(out, "<tbody>");
			in_body = 1;
		}
		buf_adds(out, "<tr>");
		for (cell = cmark_node_first_child(row), k = 0; cell && k < ncols;
		    cell = cmark_node_next(cell), k++) {
			const char *tag = header ? "th" : "td";
			char a = align ? (char)align[k] : 0;

			const char *nw = short_cell(cell) ? "nw" : "";
			const char *al = a == 'c' ? "c" : a == 'r' ? "r" : "";

			buf_addf(out, "<%s%s", tag, header ? " scope=\"col\"" :
			    "");
			if (*nw || *al)
				buf_addf(out, " class=\"%s%s%s\"", al,
				    *nw && *al ? " " : "", nw);
			buf_addc(out, '>');
			render_inlines(out, cell);
			buf_addf(out, "</%s>", tag);
		}
		buf_adds(out, "</tr>");
		if (header)
			buf_adds(out, "</thead>\n");
		else
			buf_addc(out, '\n');
	}
	if (in_body)
		buf_adds(out, "</tbody>");
	buf_adds(out, "</table></div>\n");
}

/*
 * Whether a paragraph starts with a 項 number (２　…): the PDF hangs it
 * at the margin instead of indenting the first line.
 */
static void
render_heading(struct buf *out, const struct ctx *x, cmark_node *c)
{
	int md_level = cmark_node_get_heading_level(c);
	int h = html_level(x, md_level);
	const char *id = heading_id(x->md, c);

	buf_addf(out, "<h%d", h);
	if (id) {
		buf_adds(out, " id=\"");
		html_escape(out, x->idprefix);
		html_escape(out, id);
		buf_adds(out, "\"");
	}
	buf_addf(out, " class=\"l%d\">", md_level);
	render_inlines(out, c);
	/* The permalink: a "#" shown on hover and focus (style.css). */
	if (id) {
		buf_adds(out, "<a class=\"permalink\" href=\"#");
		html_escape(out, x->idprefix);
		html_escape(out, id);
		buf_adds(out, "\"><span class=\"vh\">この見出しへのリンク</span></a>");
	}
	buf_addf(out, "</h%d>\n", h);
}

/* Opens <tag with the classes that apply (NULL: not this one), in order;
 * the caller closes it. */
static void
open_tag(struct buf *out, const char *tag, const char *a, const char *b)
{
	buf_addf(out, "<%s", tag);
	if (a != NULL || b != NULL)
		buf_addf(out, " class=\"%s%s%s\"", a ? a : "",
		    a && b ? " " : "", b ? b : "");
}

static void
render_block(struct buf *out, const struct ctx *x, cmark_node *c)
{

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_HEADING:
		render_heading(out, x, c);
		break;
	case CMARK_NODE_PARAGRAPH:
		/* Classes as the PDF sets them: see layout_paragraph. */
		open_tag(out, "p", md_in_article(c) ? "art" : NULL,
		    md_paragraph_hangs(c) ? "item" : NULL);
		buf_adds(out, ">");
		render_inlines(out, c);
		buf_adds(out, "</p>\n");
		break;
	case CMARK_NODE_LIST:
		if (cmark_node_get_list_type(c) == CMARK_ORDERED_LIST) {
			int start = cmark_node_get_list_start(c);
			int kanji = md_list_kanji(c);
			int paren = cmark_node_get_list_delim(c) ==
			    CMARK_PAREN_DELIM;

			if (kanji)
				open_tag(out, "ol", "kanji",
				    md_in_article(c) ? "art" : NULL);
			else
				open_tag(out, "ol", paren ? "paren" : NULL,
				    NULL);
			if (start != 1)
				buf_addf(out, " start=\"%d\"", start);
			buf_adds(out, ">\n");
			render_blocks(out, x, c);
			buf_adds(out, "</ol>\n");
		} else {
			open_tag(out, "ul", md_in_article(c) ? "art" : NULL,
			    NULL);
			buf_adds(out, ">\n");
			render_blocks(out, x, c);
			buf_adds(out, "</ul>\n");
		}
		break;
	case CMARK_NODE_ITEM:
		buf_adds(out, "<li>");
		if (cmark_node_parent(c) && cmark_node_get_list_tight(
		    cmark_node_parent(c))) {
			cmark_node *k;

			for (k = cmark_node_first_child(c); k;
			    k = cmark_node_next(k))
				if (cmark_node_get_type(k) ==
				    CMARK_NODE_PARAGRAPH)
					render_inlines(out, k);
				else
					render_block(out, x, k);
		} else
			render_blocks(out, x, c);
		buf_adds(out, "</li>\n");
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		buf_adds(out, "<blockquote>\n");
		render_blocks(out, x, c);
		buf_adds(out, "</blockquote>\n");
		break;
	case CMARK_NODE_CODE_BLOCK:
		if (md_block(c) != NULL) {
			html_kblock(out, md_block(c));
			break;
		}
		buf_adds(out, "<pre><code>");
		html_escape(out, cmark_node_get_literal(c));
		buf_adds(out, "</code></pre>\n");
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_adds(out, "<hr>\n");
		break;
	case CMARK_NODE_HTML_BLOCK:
		break;	/* warned about by the Markdown stage */
	default:
		if (md_ext(c) == MD_EXT_TABLE)
			render_table(out, c);
		else
			render_blocks(out, x, c);
	}
}

static void
render_blocks(struct buf *out, const struct ctx *x, cmark_node *parent)
{
	cmark_node *c;

	for (c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
		render_block(out, x, c);
}

static void
toc_link(struct buf *out, const struct heading *h)
{
	buf_adds(out, "<a href=\"#");
	html_escape(out, h->id);
	buf_adds(out, "\">");
	html_escape(out, h->text);
	buf_adds(out, "</a>");
}

/*
 * The chapters and their sections, as nested lists of in-page links.  A
 * chapter with sections folds them into a <details>, so that on a phone
 * the list of chapters fits a screen and the text starts on the first
 * one; the chapter's own link comes first inside.  Wide screens show
 * every section in a sidebar (style.css).
 */
static void
render_toc(struct buf *out, const struct mdoc *md, int level)
{
	size_t i, j;

	buf_addf(out, "<nav class=\"toc\" id=\"_toc\" aria-labelledby="
	    "\"_toc-title\"><h%d id=\"_toc-title\" class=\"l1\">目次</h%d>\n"
	    "<ol>\n", level, level);
	for (i = 0; i < md->nheadings; i = j) {
		const struct heading *h = &md->headings[i];
		size_t nsections = 0, k;

		/* A chapter's sections run up to the next chapter. */
		for (j = i + 1; j < md->nheadings &&
		    md->headings[j].level > 1; j++)
			nsections += md->headings[j].level == 2;
		if (h->level > 1) {
			/* Sections before the first chapter: listed flat. */
			for (k = i; k < j; k++)
				if (md->headings[k].level == 2) {
					buf_adds(out, "<li>");
					toc_link(out, &md->headings[k]);
					buf_adds(out, "</li>\n");
				}
			continue;
		}
		if (nsections == 0) {
			buf_adds(out, "<li id=\"_toc-");
			html_escape(out, h->id);
			buf_adds(out, "\">");
			toc_link(out, h);
			buf_adds(out, "</li>\n");
			continue;
		}
		buf_adds(out, "<li id=\"_toc-");
		html_escape(out, h->id);
		buf_adds(out, "\"><details><summary>");
		html_escape(out, h->text);
		buf_adds(out, "</summary>\n<ol>\n<li class=\"ch\">");
		toc_link(out, h);
		buf_adds(out, "</li>\n");
		for (k = i + 1; k < j; k++)
			if (md->headings[k].level == 2) {
				buf_adds(out, "<li>");
				toc_link(out, &md->headings[k]);
				buf_adds(out, "</li>\n");
			}
		buf_adds(out, "</ol></details></li>\n");
	}
	buf_adds(out, "</ol></nav>\n");
}

/* One dated item, "制定　令和7年4月1日": label and date each kept whole. */
static void
render_date_item(struct buf *out, const char *s, size_t n)
{
	char *item = xstrndup(s, n), *gap = strstr(item, "　");
	const char *date = item;

	if (gap != NULL) {	/* a narrow screen may break after the label */
		*gap = '\0';
		buf_adds(out, "<span class=\"nw\">");
		html_escape(out, item);
		buf_adds(out, "</span>　");
		date = gap + strlen("　");
	}
	buf_adds(out, "<span class=\"nw\">");
	html_escape(out, date);
	buf_adds(out, "</span>");
	free(item);
}

/*
 * The document's dates, "制定　…　／　改定　…": each date kept on one line
 * (a narrow screen breaks between them, not inside one).
 */
static void
render_dates(struct buf *out, const char *s)
{
	static const char sep[] = "　／　";
	const char *p;

	for (;;) {
		p = strstr(s, sep);
		if (p == NULL) {
			render_date_item(out, s, strlen(s));
			return;
		}
		render_date_item(out, s, (size_t)(p - s));
		buf_adds(out, sep);
		s = p + strlen(sep);
	}
}

static void
render_mark(struct buf *out, const struct document *doc)
{
	if (doc->classification == NULL)
		return;
	buf_adds(out, "<p class=\"mark\"><span>");
	html_escape(out, doc->classification);
	buf_adds(out, "</span></p>\n");
}

/* A paragraph of the cover: <p class="cls">text</p>. */
static void
cover_para(struct buf *out, const char *cls, const char *text, int dates)
{
	buf_addf(out, "<p class=\"%s\">", cls);
	if (dates)
		render_dates(out, text);
	else
		html_escape(out, text);
	buf_adds(out, "</p>\n");
}

static void
render_approvals(struct buf *out, const struct cover *c)
{
	int k;

	buf_adds(out, "<table class=\"approval\" aria-label=\"承認欄\"><tr>");
	for (k = 0; k < APPROVAL_COUNT; k++)
		buf_addf(out, "<th scope=\"col\">%s</th>", c->labels[k]);
	buf_adds(out, "</tr><tr>");
	for (k = 0; k < APPROVAL_COUNT; k++) {
		buf_adds(out, "<td>");
		if (c->names[k])
			html_escape(out, c->names[k]);
		buf_adds(out, "</td>");
	}
	buf_adds(out, "</tr></table>\n");
}

/* The cover that doc.c describes, as the page's header. */
static void
render_cover(struct buf *out, const struct document *doc)
{
	struct cover c;
	size_t i;

	document_cover(doc, &c);
	buf_adds(out, "<header class=\"cover\">\n");
	for (i = 0; i < c.n; i++) {
		const char *t = c.items[i].text;

		switch (c.items[i].part) {
		case COVER_MARK:
			render_mark(out, doc);
			break;
		case COVER_TITLE:
			buf_adds(out, "<h1 class=\"title\">");
			html_escape(out, t);
			buf_adds(out, "</h1>\n");
			break;
		case COVER_VERSION:
			cover_para(out, "version", t, 0);
			break;
		case COVER_DATES:
			cover_para(out, "dates", t, 1);
			break;
		case COVER_REVIEW:
			cover_para(out, "dates review", t, 1);
			break;
		case COVER_COMPANY:
			cover_para(out, "company", t, 0);
			break;
		case COVER_APPROVALS:
			render_approvals(out, &c);
			break;
		case COVER__COUNT:
			break;
		}
	}
	buf_adds(out, "</header>\n");
}

/* A document without a cover, like the basic policy: its title on top. */
static void
render_title(struct buf *out, const struct document *doc)
{
	buf_adds(out, "<header class=\"doc-head\">\n");
	render_mark(out, doc);
	buf_adds(out, "<h1 class=\"title\">");
	html_escape(out, doc->title);
	buf_adds(out, "</h1>\n</header>\n");
}

static void
render_signature(struct buf *out, const struct document *doc)
{
	size_t k;

	if (doc->nsignature == 0)
		return;
	buf_adds(out, "<div class=\"signature\">\n");
	for (k = 0; k < doc->nsignature; k++) {
		buf_adds(out, "<p>");
		html_escape(out, doc->signature[k]);
		buf_adds(out, "</p>\n");
	}
	buf_adds(out, "</div>\n");
}

/*
 * The print page rules that depend on the document: its paper, and the
 * running head of the PDF (company left, title and mark right), which the
 * cover page does without.  Sizes and the page number are in style.css.
 */
static void
page_css(struct buf *out, const struct document *doc)
{
	struct buf right = {0};

	if (doc->paper == PAPER_A5)
		buf_adds(out, "@page { size: A5; margin: 15mm 13mm 14mm; }\n");
	else if (doc->paper == PAPER_A4_LANDSCAPE)
		buf_adds(out, "@page { size: A4 landscape; margin: 18mm 15mm; }\n");
	else if (doc->paper == PAPER_A3_LANDSCAPE)
		buf_adds(out, "@page { size: A3 landscape; margin: 20mm; }\n");
	if (doc->company == NULL)
		return;
	buf_adds(out, "@page {\n  @top-left { content: ");
	css_string(out, doc->company);
	buf_adds(out, "; }\n  @top-right { content: ");
	buf_adds(&right, doc->title);
	if (doc->classification)
		buf_addf(&right, "　［%s］", doc->classification);
	css_string(out, right.p ? right.p : "");
	buf_adds(out, "; }\n}\n");
	if (doc->cover)
		buf_adds(out, "@page :first {\n  @top-left { content: \"\"; }\n"
		    "  @top-right { content: \"\"; }\n"
		    "  @bottom-center { content: \"\"; }\n}\n");
	buf_free(&right);
}

/*
 * Fills the layout's slots: {{lang}} and {{title}} (escaped here),
 * {{style}} (the
 * style element holding css), {{style_hash}} (its CSP source),
 * {{header}} and {{main}} (already HTML).  The values are not scanned for
 * slots again.
 */
static void
fill_layout(struct buf *out, const struct html_theme *t, const char *lang,
    const char *title, const char *css, const char *header, const char *main)
{
	const char *p = t->layout, *tag;
	struct buf style = {0}, hash = {0};
	struct { const char *name; const char *value; int esc; } slots[] = {
		{ "{{title}}", title, 1 }, { "{{style}}", NULL, 0 },
		{ "{{style_hash}}", NULL, 0 },
		{ "{{header}}", header, 0 }, { "{{main}}", main, 0 },
		{ "{{lang}}", lang ? lang : "ja", 1 },
		{ "{{font_src}}", t->embed_css ? "; font-src data:" : "", 0 },
	};
	size_t k;

	/* The hash covers exactly the element's text, as the browser sees it. */
	buf_adds(&style, "<style>");
	buf_adds(&style, css);
	buf_adds(&style, "</style>");
	sha256_csp_source(&hash, css, strlen(css));
	buf_addc(&hash, '\0');
	slots[1].value = style.p;
	slots[2].value = hash.p;
	while ((tag = strstr(p, "{{")) != NULL) {
		buf_add(out, p, (size_t)(tag - p));
		for (k = 0; k < sizeof(slots) / sizeof(slots[0]); k++)
			if (strncmp(tag, slots[k].name,
			    strlen(slots[k].name)) == 0)
				break;
		if (k == sizeof(slots) / sizeof(slots[0])) {
			buf_add(out, tag, 2);
			p = tag + 2;
			continue;
		}
		if (slots[k].value && slots[k].esc)
			html_escape(out, slots[k].value);
		else if (slots[k].value)
			buf_adds(out, slots[k].value);
		p = tag + strlen(slots[k].name);
	}
	buf_adds(out, p);
	buf_free(&style);
	buf_free(&hash);
}

/* The line above the page: company, title and mark. */
static void
running_line(struct buf *out, const char *company, const char *title,
    const char *mark)
{
	buf_adds(out, "<p class=\"running\">");
	if (company) {
		buf_adds(out, "<span class=\"company\">");
		html_escape(out, company);
		buf_adds(out, "</span>");
	}
	buf_adds(out, "<span class=\"doc-title\">");
	html_escape(out, title);
	if (mark) {
		buf_adds(out, " <b class=\"mark-small\">");
		html_escape(out, mark);
		buf_adds(out, "</b>");
	}
	buf_adds(out, "</span></p>\n");
}

/*
 * The header bar of a company's document: links to the document list and
 * to this document's PDF (written beside it by the build), then the
 * running line.  Hidden in print.
 */
static void
header_bar(struct buf *out, const struct document *doc)
{
	buf_adds(out, "<nav class=\"bar-nav\" aria-label=\"文書の移動\">"
	    "<a href=\"index.html\">文書一覧</a><a href=\"");
	html_escape(out, doc->id);
	buf_adds(out, ".pdf\">PDF版</a></nav>\n");
	running_line(out, doc->company, doc->title, doc->classification);
}

/*
 * 「目次へ戻る」 at the end of a chapter: to the chapter's entry in the
 * table of contents, which then shows every section (style.css, :target),
 * so that the next article is one tap away.
 */
static void
back_to_toc(struct buf *out, const char *chapter)
{
	buf_adds(out, "<p class=\"back\"><a href=\"#_toc");
	if (chapter) {
		buf_addc(out, '-');
		html_escape(out, chapter);
	}
	buf_adds(out, "\">目次へ戻る</a></p>\n");
}

/*
 * The body, with 「目次へ戻る」 closing each chapter (before the next "#"
 * heading and at the end) when the document has a table of contents.
 */
static void
render_body(struct buf *out, const struct ctx *x, cmark_node *root, int toc)
{
	cmark_node *c;
	const char *chapter = NULL;
	int in_chapter = 0;

	for (c = cmark_node_first_child(root); c; c = cmark_node_next(c)) {
		if (toc && cmark_node_get_type(c) == CMARK_NODE_HEADING &&
		    cmark_node_get_heading_level(c) == 1) {
			if (in_chapter)
				back_to_toc(out, chapter);
			in_chapter = 1;
			chapter = heading_id(x->md, c);
		}
		render_block(out, x, c);
	}
	if (toc && in_chapter)
		back_to_toc(out, chapter);
}

void
html_write(const struct document *doc, const struct html_theme *t,
    struct buf *out)
{
	struct buf header = {0}, main = {0}, title = {0}, style = {0};
	struct ctx body = { &doc->body, "", 0 };
	struct ctx front = { &doc->front, "rev-", 0 };

	if (doc->company)
		header_bar(&header, doc);
	else
		running_line(&header, NULL, doc->title, NULL);
	buf_addf(&main, "<article class=\"doc doc-%s%s%s%s%s\">\n", doc->id,
	    doc->chapter_breaks ? " chapter-breaks" : "",
	    doc->paper == PAPER_A5 ? " a5" : "", doc->toc ? " has-toc" : "",
	    doc->indent ? "" : " flush");	/* forms: no first-line indent */
	if (doc->cover)
		render_cover(&main, doc);
	else if (doc->show_title)
		render_title(&main, doc);
	if (doc->cover || doc->show_title)
		body.shift = 1;	/* the title is the page's one h1 */
	if (doc->front.root) {
		buf_adds(&main, "<section class=\"history\">\n");
		render_blocks(&main, &front, doc->front.root);
		buf_adds(&main, "</section>\n");
	}
	if (doc->toc)
		render_toc(&main, &doc->body, 1 + body.shift);
	buf_adds(&main, "<div class=\"body\">\n");
	render_body(&main, &body, doc->body.root, doc->toc);
	render_signature(&main, doc);
	buf_adds(&main, "</div>\n</article>\n");
	if (doc->toc)
		buf_adds(&main, "<a class=\"to-toc\" href=\"#_toc\"><span "
		    "aria-hidden=\"true\">▲</span>目次</a>\n");
	buf_adds(&title, doc->title);
	if (doc->company)
		buf_addf(&title, "｜%s", doc->company);
	buf_adds(&style, t->css);
	if (t->embed_css)
		buf_adds(&style, t->embed_css);
	page_css(&style, doc);
	fill_layout(out, t, doc->lang, title.p, style.p, header.p, main.p);
	buf_free(&header);
	buf_free(&main);
	buf_free(&title);
	buf_free(&style);
}

/* One link of the index's document list; nothing when file is NULL. */
static void
index_link(struct buf *out, const char *file, const char *label, int pages,
    const char *title)
{
	if (file == NULL)
		return;
	buf_adds(out, "<a href=\"");
	html_escape(out, file);
	buf_addf(out, "\">%s", label);
	if (pages >= 0)
		buf_addf(out, "（%d ページ）", pages);
	buf_adds(out, "<span class=\"vh\">：");
	html_escape(out, title);
	buf_adds(out, "</span></a>");
}

void
html_write_index(const struct document *meta,
    const struct html_index_entry *docs, size_t ndocs,
    const struct html_chapter *chapters, size_t nchapters,
    const struct html_theme *t, struct buf *out)
{
	struct buf main = {0}, title = {0}, header = {0};
	size_t i;
	int in_forms = 0;
	const char *company = meta->company ? meta->company : "";

	buf_adds(&main, "<article class=\"doc index\">\n"
	    "<header class=\"doc-head\">\n<p class=\"company\">");
	html_escape(&main, company);
	buf_adds(&main, "</p>\n<h1 class=\"title\">情報セキュリティ関連文書"
	    "</h1>\n");
	if (meta->review_text) {	/* the whole set is reviewed together */
		buf_adds(&main, "<p class=\"dates review\">");
		render_dates(&main, meta->review_text);
		buf_adds(&main, "</p>\n");
	}
	buf_adds(&main, "</header>\n<section aria-labelledby=\"docs-title\">\n"
	    "<h2 id=\"docs-title\" class=\"l1\">文書</h2>\n"
	    "<ul class=\"docs\">\n");
	for (i = 0; i < ndocs; i++) {
		const char *first = docs[i].html ? docs[i].html :
		    docs[i].pdf ? docs[i].pdf : docs[i].xlsx;

		/* The forms follow the documents, under their own heading. */
		if (docs[i].form && !in_forms) {
			in_forms = 1;
			buf_adds(&main, "</ul>\n</section>\n"
			    "<section aria-labelledby=\"forms-title\">\n"
			    "<h2 id=\"forms-title\" class=\"l1\">様式と記録</h2>\n"
			    "<p>規程が使うとした様式です。印刷して手書きで記入します"
			    "（受領確認書と誓約書には、分かっている名前を印字してあります）。"
			    "</p>\n<ul class=\"docs\">\n");
		}
		buf_adds(&main, "<li>\n<h3><a href=\"");
		html_escape(&main, first);
		buf_adds(&main, "\">");
		html_escape(&main, docs[i].title);
		buf_adds(&main, "</a></h3>\n<p class=\"doc-meta\">");
		if (meta->version) {
			buf_adds(&main, "第");
			html_escape(&main, meta->version);
			buf_adds(&main, "版　");
		}
		if (meta->date_text)
			render_dates(&main, meta->date_text);
		buf_adds(&main, "</p>\n");
		if (docs[i].note) {
			buf_adds(&main, "<p class=\"doc-note\">");
			html_escape(&main, docs[i].note);
			buf_adds(&main, "</p>\n");
		}
		/* The document's title, unseen, tells the links apart. */
		buf_adds(&main, "<p class=\"doc-links\">");
		index_link(&main, docs[i].html, "HTML で読む", -1, docs[i].title);
		index_link(&main, docs[i].pdf, "PDF", docs[i].pages,
		    docs[i].title);
		index_link(&main, docs[i].xlsx, "Excel ブック", -1,
		    docs[i].title);
		buf_adds(&main, "</p>\n</li>\n");
	}
	buf_adds(&main, "</ul>\n</section>\n");
	if (nchapters > 0) {
		buf_adds(&main, "<section aria-labelledby=\"chapters-title\">\n"
		    "<h2 id=\"chapters-title\" class=\"l1\">関連規程の整備状況</h2>\n"
		    "<div class=\"table-wrap\"><table class=\"status\"><thead>"
		    "<tr><th scope=\"col\">章</th><th scope=\"col\">状況</th>"
		    "</tr></thead><tbody>\n");
		for (i = 0; i < nchapters; i++) {
			buf_adds(&main, "<tr><td>");
			html_escape(&main, chapters[i].name);
			buf_adds(&main, "</td><td>");
			html_escape(&main, chapters[i].status);
			buf_adds(&main, "</td></tr>\n");
		}
		buf_adds(&main, "</tbody></table></div>\n</section>\n");
	}
	buf_adds(&main, "</article>\n");
	buf_adds(&title, "情報セキュリティ関連文書｜");
	buf_adds(&title, company);
	running_line(&header, company, "文書一覧", NULL);
	fill_layout(out, t, meta->lang, title.p, t->css, header.p, main.p);
	buf_free(&main);
	buf_free(&title);
	buf_free(&header);
}

const char *
html_ui_text(void)
{
	return "本文へ移動文書一覧PDF版目次へ戻る▲この見出しへのリンク";
}

static void
base64(struct buf *out, const unsigned char *p, size_t n)
{
	static const char b64[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i;

	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)p[i] << 16 |
		    (i + 1 < n ? (uint32_t)p[i + 1] << 8 : 0) |
		    (i + 2 < n ? p[i + 2] : 0);

		buf_addc(out, b64[v >> 18 & 63]);
		buf_addc(out, b64[v >> 12 & 63]);
		buf_addc(out, i + 1 < n ? b64[v >> 6 & 63] : '=');
		buf_addc(out, i + 2 < n ? b64[v & 63] : '=');
	}
}

int
html_font_css(struct buf *css, enum html_face face, const unsigned char *sfnt,
    size_t len)
{
	static const char *family[] = { "kitei Mincho", "kitei Gothic",
	    "kitei Mono" };
	static const char *var[] = { "serif", "sans", "mono" };
	struct buf w = {0};

	if (woff2_encode(sfnt, len, &w) != 0)
		return -1;
	buf_addf(css, "@font-face {\n  font-family: \"%s\";\n"
	    "  src: url(data:font/woff2;base64,", family[face]);
	base64(css, (const unsigned char *)w.p, w.n);
	buf_addf(css, ") format(\"woff2\");\n}\n:root { --embed-%s: \"%s\",; }\n",
	    var[face], family[face]);
	buf_free(&w);
	return 0;
}

int
html_theme_load(struct html_theme *t, const char *templates_dir,
    struct diags *d)
{
	struct buf path = {0};
	struct source src;
	int rc = 0;

	/* Read as every input is: a regular file of bounded size. */
	memset(t, 0, sizeof(*t));
	buf_addf(&path, "%s/layout.html", templates_dir);
	if (source_load(&src, path.p, ENC_UTF8, d) == 0) {
		t->layout = src.text;
		src.text = NULL;
		source_free(&src);
	} else
		rc = -1;
	path.n = 0;
	buf_addf(&path, "%s/style.css", templates_dir);
	if (source_load(&src, path.p, ENC_UTF8, d) == 0) {
		t->css = src.text;
		src.text = NULL;
		source_free(&src);
	} else
		rc = -1;
	buf_free(&path);
	return rc;
}

void
html_theme_free(struct html_theme *t)
{
	free(t->layout);
	free(t->css);
	memset(t, 0, sizeof(*t));
}
