/*
 * html.h: the HTML back end.  One self-contained HTML5 file per document
 * (inline CSS, no external request), and the company's index.html.
 */
#ifndef KITEI_HTML_H
#define KITEI_HTML_H

#include "base/diag.h"

struct document;
struct buf;

struct html_index_entry {
	const char	*title;
	const char	*html, *pdf, *xlsx;/* file names, NULL when not made */
	int		 pages;
	const char	*note;		/* a line of facts under it, or NULL */
	int		 form;		/* a form or ledger: listed under 様式 */
};

struct html_chapter {
	const char	*name;
	const char	*status;
};

/* The page layout (templates/layout.html) and style (style.css). */
struct html_theme {
	char	*layout;
	char	*css;
	/*
	 * Embedded fonts (kitei build --embed-fonts): @font-face rules from
	 * html_font_css, owned by the caller, or NULL.  When set, the style
	 * element carries them and the CSP allows fonts from data: URLs.
	 */
	const char *embed_css;
};

int	html_theme_load(struct html_theme *t, const char *templates_dir,
	    struct diags *d);
void	html_theme_free(struct html_theme *t);

/* Appends the HTML of doc to out. */
void	html_write(const struct document *doc, const struct html_theme *t,
	    struct buf *out);
/* Appends the company's index page to out. */
void	html_write_index(const struct document *meta,
	    const struct html_index_entry *docs, size_t ndocs,
	    const struct html_chapter *chapters, size_t nchapters,
	    const struct html_theme *t, struct buf *out);
/* Appends a typed block (md_block.h) as HTML: html_kblock.c. */
struct kblock;
void	html_kblock(struct buf *out, const struct kblock *b);
/* The faces html_font_css embeds, in the order of the CSS stacks. */
enum html_face { HTML_SERIF, HTML_SANS, HTML_MONO };
/*
 * Appends to css an @font-face rule with sfnt (a TrueType subset, len
 * bytes) packed as WOFF2 in a data: URL, and puts that family first in
 * the face's stack.  Returns 0, or -1 when the font cannot be packed.
 */
int	html_font_css(struct buf *css, enum html_face face,
	    const unsigned char *sfnt, size_t len);
/* The characters the HTML pages add to the document's text (navigation,
 * permalinks), to be kept in an embedded subset. */
const char *html_ui_text(void);
/* Appends s escaped for HTML text and attribute values. */
void	html_escape(struct buf *out, const char *s);

#endif
