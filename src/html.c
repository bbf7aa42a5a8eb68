/*
 * html.c: the HTML back end.  Walks the same parsed document as the PDF
 * layout and writes semantic HTML: headings with stable ids (the PDF's
 * bookmarks use the same numbering), lists, tables wrapped in a scrolling
 * box, the cover data, revision history and approval box.
 *
 * Escaping: every text is escaped; raw HTML in Markdown is dropped (the
 * Markdown stage warns); a link is kept only when its target is http(s),
 * mailto, an in-document anchor or a relative path.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "doc.h"
#include "html.h"
#include "markdown.h"
#include "util.h"

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

static int
safe_url(const char *u)
{
	const char *p;

	if (strncmp(u, "http://", 7) == 0 || strncmp(u, "https://", 8) == 0 ||
	    strncmp(u, "mailto:", 7) == 0 || u[0] == '#')
		return 1;
	if (u[0] == '/' && u[1] == '/')
		return 0;
	/* Relative: no scheme before the first / ? or #. */
	for (p = u; *p && *p != '/' && *p != '?' && *p != '#'; p++)
		if (*p == ':')
			return 0;
	return *u != '\0';
}

static void render_inlines(struct buf *out, cmark_node *node);

static uint32_t
last_cp(const struct buf *out)
{
	size_t i;

	if (out->n == 0)
		return ' ';
	i = out->n - 1;
	while (i > 0 && ((unsigned char)out->p[i] & 0xC0) == 0x80)
		i--;
	size_t j = i;

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
	const char *type, *url;

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_TEXT:
		html_escape(out, cmark_node_get_literal(c));
		break;
	case CMARK_NODE_CODE:
		buf_adds(out, "<code>");
		html_escape(out, cmark_node_get_literal(c));
		buf_adds(out, "</code>");
		break;
	case CMARK_NODE_SOFTBREAK:
		/* Japanese lines join without a space, as in the PDF. */
		if (md_softbreak_is_space(last_cp(out), first_cp_after(c)))
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
		break;
	default:
		type = md_type(c);
		if (type && strcmp(type, "strikethrough") == 0) {
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

static const char *
heading_id(const struct mdoc *md, cmark_node *n)
{
	size_t i;

	for (i = 0; i < md->nheadings; i++)
		if (md->headings[i].node == n)
			return md->headings[i].id;
	return NULL;
}

static void render_blocks(struct buf *out, const struct mdoc *md,
    cmark_node *parent);

static void
render_table(struct buf *out, cmark_node *table)
{
	uint8_t *align = cmark_gfm_extensions_get_table_alignments(table);
	int ncols = cmark_gfm_extensions_get_table_columns(table), k;
	cmark_node *row, *cell;
	int in_body = 0;

	buf_adds(out, "<div class=\"table-wrap\"><table>\n");
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

			buf_addf(out, "<%s%s>", tag, a == 'c' ?
			    " class=\"c\"" : a == 'r' ? " class=\"r\"" : "");
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

static void
render_block(struct buf *out, const struct mdoc *md, cmark_node *c)
{
	const char *type, *id;
	int level;

	switch (cmark_node_get_type(c)) {
	case CMARK_NODE_HEADING:
		level = cmark_node_get_heading_level(c);
		id = heading_id(md, c);
		if (id)
			buf_addf(out, "<h%d id=\"%s\">", level, id);
		else
			buf_addf(out, "<h%d>", level);
		render_inlines(out, c);
		buf_addf(out, "</h%d>\n", level);
		break;
	case CMARK_NODE_PARAGRAPH:
		buf_adds(out, "<p>");
		render_inlines(out, c);
		buf_adds(out, "</p>\n");
		break;
	case CMARK_NODE_LIST:
		if (cmark_node_get_list_type(c) == CMARK_ORDERED_LIST) {
			int start = cmark_node_get_list_start(c);
			int kanji = (long)(intptr_t)cmark_node_get_user_data(c) ==
			    LIST_KANJI;

			buf_addf(out, "<ol%s", kanji ? " class=\"kanji\"" : "");
			if (start != 1)
				buf_addf(out, " start=\"%d\"", start);
			buf_adds(out, ">\n");
			render_blocks(out, md, c);
			buf_adds(out, "</ol>\n");
		} else {
			buf_adds(out, "<ul>\n");
			render_blocks(out, md, c);
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
					render_block(out, md, k);
		} else
			render_blocks(out, md, c);
		buf_adds(out, "</li>\n");
		break;
	case CMARK_NODE_BLOCK_QUOTE:
		buf_adds(out, "<blockquote>\n");
		render_blocks(out, md, c);
		buf_adds(out, "</blockquote>\n");
		break;
	case CMARK_NODE_CODE_BLOCK:
		buf_adds(out, "<pre><code>");
		html_escape(out, cmark_node_get_literal(c));
		buf_adds(out, "</code></pre>\n");
		break;
	case CMARK_NODE_THEMATIC_BREAK:
		buf_adds(out, "<hr>\n");
		break;
	case CMARK_NODE_HTML_BLOCK:
		break;
	default:
		type = md_type(c);
		if (type && strcmp(type, "table") == 0)
			render_table(out, c);
		else
			render_blocks(out, md, c);
	}
}

static void
render_blocks(struct buf *out, const struct mdoc *md, cmark_node *parent)
{
	cmark_node *c;

	for (c = cmark_node_first_child(parent); c; c = cmark_node_next(c))
		render_block(out, md, c);
}

static void
render_toc(struct buf *out, const struct mdoc *md)
{
	size_t i;
	int open2 = 0;

	buf_adds(out, "<nav class=\"toc\" aria-labelledby=\"toc-title\">"
	    "<h2 id=\"toc-title\">目次</h2>\n<ol>\n");
	for (i = 0; i < md->nheadings; i++) {
		const struct heading *h = &md->headings[i];

		if (h->level > 2)
			continue;
		if (h->level == 1 && open2) {
			buf_adds(out, "</ol></li>\n");
			open2 = 0;
		} else if (h->level == 1 && i > 0)
			buf_adds(out, "</li>\n");
		if (h->level == 2 && !open2) {
			buf_adds(out, "<ol>\n");
			open2 = 1;
		}
		buf_addf(out, "<li><a href=\"#%s\">", h->id);
		html_escape(out, h->text);
		buf_adds(out, "</a>");
		if (h->level == 2)
			buf_adds(out, "</li>\n");
	}
	if (open2)
		buf_adds(out, "</ol></li>\n");
	else if (md->nheadings)
		buf_adds(out, "</li>\n");
	buf_adds(out, "</ol></nav>\n");
}

static void
render_cover(struct buf *out, const struct document *doc)
{
	static const char *labels[] = { "承認", "確認", "作成" };
	int k;

	buf_adds(out, "<header class=\"cover\">\n");
	if (doc->classification) {
		buf_adds(out, "<p class=\"mark\">");
		html_escape(out, doc->classification);
		buf_adds(out, "</p>\n");
	}
	buf_adds(out, "<h1 class=\"title\">");
	html_escape(out, doc->title);
	buf_adds(out, "</h1>\n<dl class=\"meta\">");
	if (doc->company) {
		buf_adds(out, "<dt>会社名</dt><dd>");
		html_escape(out, doc->company);
		buf_adds(out, "</dd>");
	}
	if (doc->version) {
		buf_adds(out, "<dt>版</dt><dd>第");
		html_escape(out, doc->version);
		buf_adds(out, "版</dd>");
	}
	if (doc->date_text) {
		buf_adds(out, "<dt>日付</dt><dd>");
		html_escape(out, doc->date_text);
		buf_adds(out, "</dd>");
	}
	buf_adds(out, "</dl>\n");
	if (doc->cover) {
		buf_adds(out, "<table class=\"approval\"><tr>");
		for (k = 0; k < 3; k++)
			buf_addf(out, "<th>%s</th>", labels[k]);
		buf_adds(out, "</tr><tr>");
		for (k = 0; k < 3; k++) {
			buf_adds(out, "<td>");
			if (doc->approvals[k])
				html_escape(out, doc->approvals[k]);
			buf_adds(out, "</td>");
		}
		buf_adds(out, "</tr></table>\n");
	}
	buf_adds(out, "</header>\n");
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

/* Fills the layout: {{title}}, {{style}}, {{header}} and {{main}}. */
static void
fill_layout(struct buf *out, const struct html_theme *t, const char *title,
    const char *header, const char *main)
{
	const char *p = t->layout, *tag;
	struct { const char *name; const char *value; int esc; } slots[] = {
		{ "{{title}}", title, 1 }, { "{{style}}", t->css, 0 },
		{ "{{header}}", header, 0 }, { "{{main}}", main, 0 },
	};
	size_t k;

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
		if (slots[k].esc)
			html_escape(out, slots[k].value);
		else
			buf_adds(out, slots[k].value);
		p = tag + strlen(slots[k].name);
	}
	buf_adds(out, p);
}

static void
running_header(struct buf *out, const struct document *doc)
{
	buf_adds(out, "<div class=\"running\"><span>");
	if (doc->company)
		html_escape(out, doc->company);
	buf_adds(out, "</span><span>");
	html_escape(out, doc->title);
	if (doc->classification) {
		buf_adds(out, " <b class=\"mark-small\">");
		html_escape(out, doc->classification);
		buf_adds(out, "</b>");
	}
	buf_adds(out, "</span></div>\n");
}

void
html_write(const struct document *doc, const struct html_theme *t,
    struct buf *out)
{
	struct buf header = {0}, main = {0}, title = {0};

	running_header(&header, doc);
	buf_addf(&main, "<article class=\"doc doc-%s\">\n", doc->id);
	render_cover(&main, doc);
	if (doc->front.root)
		render_blocks(&main, &doc->front, doc->front.root);
	if (doc->toc)
		render_toc(&main, &doc->body);
	buf_adds(&main, "<div class=\"body\">\n");
	render_blocks(&main, &doc->body, doc->body.root);
	render_signature(&main, doc);
	buf_adds(&main, "</div>\n</article>\n");
	buf_adds(&title, doc->title);
	if (doc->company)
		buf_addf(&title, "｜%s", doc->company);
	fill_layout(out, t, title.p, header.p, main.p);
	buf_free(&header);
	buf_free(&main);
	buf_free(&title);
}

void
html_write_index(const struct document *meta,
    const struct html_index_entry *docs, size_t ndocs,
    const struct html_chapter *chapters, size_t nchapters,
    const struct html_theme *t, struct buf *out)
{
	struct buf main = {0}, title = {0}, header = {0};
	size_t i;

	buf_adds(&main, "<article class=\"doc index\">\n<h1 class=\"title\">");
	html_escape(&main, meta->company);
	buf_adds(&main, "<br><small>情報セキュリティ関連文書</small></h1>\n");
	buf_adds(&main, "<dl class=\"meta\"><dt>版</dt><dd>第");
	html_escape(&main, meta->version);
	buf_adds(&main, "版</dd><dt>日付</dt><dd>");
	html_escape(&main, meta->date_text);
	buf_adds(&main, "</dd></dl>\n<div class=\"table-wrap\"><table>"
	    "<thead><tr><th>文書</th><th>HTML</th><th>PDF</th>"
	    "<th class=\"r\">ページ数</th></tr></thead><tbody>\n");
	for (i = 0; i < ndocs; i++) {
		buf_adds(&main, "<tr><td>");
		html_escape(&main, docs[i].title);
		buf_adds(&main, "</td><td><a href=\"");
		html_escape(&main, docs[i].html);
		buf_adds(&main, "\">HTML で読む</a></td><td><a href=\"");
		html_escape(&main, docs[i].pdf);
		buf_addf(&main, "\">PDF</a></td><td class=\"r\">%d</td></tr>\n",
		    docs[i].pages);
	}
	buf_adds(&main, "</tbody></table></div>\n");
	if (nchapters > 0) {
		buf_adds(&main, "<h2>関連規程の整備状況</h2>\n"
		    "<div class=\"table-wrap\"><table><thead><tr><th>章</th>"
		    "<th>状況</th></tr></thead><tbody>\n");
		for (i = 0; i < nchapters; i++) {
			buf_adds(&main, "<tr><td>");
			html_escape(&main, chapters[i].name);
			buf_adds(&main, "</td><td>");
			html_escape(&main, chapters[i].status);
			buf_adds(&main, "</td></tr>\n");
		}
		buf_adds(&main, "</tbody></table></div>\n");
	}
	buf_adds(&main, "</article>\n");
	buf_adds(&title, "情報セキュリティ関連文書｜");
	buf_adds(&title, meta->company);
	buf_adds(&header, "<div class=\"running\"><span>");
	html_escape(&header, meta->company);
	buf_adds(&header, "</span><span>文書一覧</span></div>\n");
	fill_layout(out, t, title.p, header.p, main.p);
	buf_free(&main);
	buf_free(&title);
	buf_free(&header);
}

int
html_theme_load(struct html_theme *t, const char *templates_dir,
    struct diags *d)
{
	struct buf path = {0};
	size_t len;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	buf_addf(&path, "%s/layout.html", templates_dir);
	if ((t->layout = read_file(path.p, &len)) == NULL) {
		diag(d, E_OPEN, (struct pos){ path.p, 0, 0 }, strerror(errno));
		rc = -1;
	}
	path.n = 0;
	buf_addf(&path, "%s/style.css", templates_dir);
	if ((t->css = read_file(path.p, &len)) == NULL) {
		diag(d, E_OPEN, (struct pos){ path.p, 0, 0 }, strerror(errno));
		rc = -1;
	}
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
