/*
 * markdown.h: the Markdown stage.  Parses expanded Markdown with cmark-gfm
 * (GFM tables, strikethrough, autolinks), applies the document's numbering
 * style, and lists the headings both back ends need for the table of
 * contents, bookmarks and anchors.
 */
#ifndef KITEI_MARKDOWN_H
#define KITEI_MARKDOWN_H

#include <stddef.h>
#include <cmark-gfm.h>

#include "base/diag.h"

struct expansion;

enum numbering { NUM_NONE, NUM_SECTIONS, NUM_ARTICLES };

/* How a list marks its items (set on list nodes by the numbering pass). */
enum list_style { LIST_PLAIN = 0, LIST_KANJI = 1 };

struct heading {
	int		 level;
	cmark_node	*node;
	char		*text;		/* plain text, numbering included */
	char		*id;		/* stable anchor (md/anchor.c) */
};

struct mdoc {
	cmark_node	*root;
	struct heading	*headings;
	size_t		 nheadings;
};

/*
 * Parses md (len bytes).  e (may be NULL) maps lines back to templates for
 * warnings such as raw HTML.  Returns 0; the caller frees with mdoc_free.
 */
int	mdoc_parse(struct mdoc *doc, const char *md, size_t len,
	    enum numbering num, const struct expansion *e, struct diags *d);
void	mdoc_free(struct mdoc *doc);
/* Frees cmark-gfm's extension registry (at exit, for leak checkers). */
void	md_release(void);
/* Appends the plain text of node's inline content to b. */
struct buf;
void	md_plain_text(cmark_node *node, struct buf *b);
/* The node's type name, e.g. "table", "table_row", "strikethrough". */
const char *md_type(cmark_node *node);
/* Whether a soft line break between these two characters is a space. */
int	md_softbreak_is_space(uint32_t before, uint32_t after);
/*
 * The stable anchors of root's top-level headings, in document order
 * (rules in md/anchor.c); takes explicit "{#name}" markers off the
 * headings.  Call before numbering.  Returns an array ending in NULL;
 * the caller owns it and each string.
 */
char  **md_anchors(cmark_node *root);
/* Kanji numeral for n (1..99) into out: 一, 十二, … */
void	md_kanji_number(int n, char *out, size_t size);
/* Full-width digits for n into out: ２, １２, … */
void	md_fullwidth_number(int n, char *out, size_t size);

#endif
