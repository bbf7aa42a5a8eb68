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
struct buf;

/*
 * Deepest nesting of Markdown containers (block quotes, lists and their
 * items, emphasis, links …) counted from the document; deeper input is an
 * error at the first container past the limit (docs/limits.md).  Both back
 * ends walk the tree recursively, so this bounds their stack.
 */
#define MD_MAX_NESTING 128
/*
 * Longest heading text (it becomes a PDF bookmark) and link target, in
 * bytes: libharu refuses longer strings only when the PDF is written, so
 * they are errors at their position, found when parsing.
 */
#define MD_MAX_TEXT 65535
/*
 * Two inputs cost cmark-gfm time that grows with the square of their
 * size: many brackets in one paragraph ("![[]()" repeated) and table rows
 * of thousands of cells.  What reaches the parser is capped instead.
 */
#define MD_MAX_BRACKETS 10000	/* "[" in one paragraph */
#define MD_MAX_PIPES 1000	/* "|" on one line */

enum numbering { NUM_NONE, NUM_SECTIONS, NUM_ARTICLES };

/*
 * What the Markdown stage learns about a top-level block, kept as bits in
 * the node's user data (code blocks keep their kblock there instead).
 */
enum md_flag {
	MD_HANGS = 1,		/* a paragraph starting with an item label */
	MD_KANJI = 2,		/* an ordered list of 号: 一、二 … */
	MD_ARTICLE = 4,		/* a paragraph or list inside an article */
};

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
/*
 * Whether a paragraph starts with an item label (a 項 number such as
 * "２　", or "（注）　"): decided once here, so that the PDF (no first-line
 * indent) and the HTML (class "item") agree.
 */
int	md_paragraph_hangs(cmark_node *para);
/* Whether an ordered list is numbered 一、二 … (号 of an article). */
int	md_list_kanji(cmark_node *list);
/*
 * Whether a top-level paragraph or list belongs to an article (the text
 * under a 第n条 heading), which statutes set one character in, with the
 * 項 numbers hanging in that margin.
 */
int	md_in_article(cmark_node *block);
/*
 * Appends s to b escaped so that Markdown prints it literally (a profile
 * value never becomes markup); lines of s join as Markdown joins them.
 */
void	md_escape(struct buf *b, const char *s, int at_line_start);
/* Frees cmark-gfm's extension registry (at exit, for leak checkers). */
void	md_release(void);
/* Appends the plain text of node's inline content to b. */
struct buf;
void	md_plain_text(cmark_node *node, struct buf *b);
/* The GFM extensions kitei parses with, by what the back ends ask. */
enum md_ext { MD_EXT_NONE = -1, MD_EXT_TABLE, MD_EXT_STRIKETHROUGH,
    MD_EXT_AUTOLINK, MD_EXT__COUNT };
/* Which extension made node (a table, a strikethrough), or MD_EXT_NONE. */
enum md_ext md_ext(cmark_node *node);
/*
 * The change marks a comparison writes as inline HTML: <ins>…</ins>,
 * <del>…</del> (paired within one paragraph or cell: both back ends
 * underline what is between) and <br> (a line break).  Returns one of
 * these for such a node, 0 for any other (an unpaired tag included).
 */
enum { MD_INS_OPEN = 1, MD_INS_CLOSE, MD_DEL_OPEN, MD_DEL_CLOSE, MD_BR };
int	md_change_tag(cmark_node *n);
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
