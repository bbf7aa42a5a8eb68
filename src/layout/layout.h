/*
 * layout.h: the layout stage and the display list it produces.
 *
 * Layout turns a document into pages of positioned glyph runs, rules,
 * filled boxes and link areas.  Devices (pdf.c, dump.c) only draw what is
 * in the display list; they make no typesetting decisions.  Coordinates are
 * in points from the top-left corner of the page, y growing downwards; a
 * text item's y is its baseline.
 */
#ifndef KITEI_LAYOUT_H
#define KITEI_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"
#include "text/font.h"

struct document;

enum dl_kind { DL_TEXT, DL_RULE, DL_RECT, DL_LINK };

struct dl_glyph {
	uint32_t	 cp;
	float		 x;
};

struct dl_item {
	enum dl_kind	 kind;
	/* DL_TEXT */
	enum font_face	 face;
	float		 size;
	float		 gray;		/* 0 black … 1 white */
	int		 blue;		/* link text (printed black, as the text) */
	float		 y;
	struct dl_glyph	*glyphs;
	size_t		 nglyphs;
	/* DL_RULE: (x0,y0)-(x1,y1) of width w; DL_RECT, DL_LINK: box */
	float		 x0, y0, x1, y1, w;
	/* DL_LINK */
	int		 dest;		/* heading index, or -1 */
	const char	*uri;		/* external target, or NULL */
	int		 rpage;		/* > 0: uri is a PDF file of the set, this
					   its page (from 1) to open */
	int		 furniture;	/* running header or footer */
	int		 sid;		/* structure element + 1; 0, -1: artifact */
};

/*
 * A structure element for tagged PDF (Document, H1…, P, L, LI, Table, TR,
 * TD, Link …).  Its children are the elements naming it as parent and the
 * items carrying its sid; the PDF device orders them as they appear.
 */
struct dl_struct {
	const char	*type;		/* a standard structure type */
	int		 parent;	/* element index, -1 for the root */
};

struct dl_page {
	struct dl_item	*items;
	size_t		 n, cap;
};

/* A heading's place: for bookmarks, the table of contents and links. */
struct dl_dest {
	int		 level;
	const char	*title;
	int		 page;		/* from 0 */
	float		 y;
	int		 outline;	/* appears in the bookmarks */
};

struct dlist {
	float		 width, height;
	struct dl_page	*pages;
	size_t		 npages;
	struct dl_dest	*dests;		/* by heading index */
	size_t		 ndests;
	char		**uris;		/* owned strings links point to */
	size_t		 nuris;
	struct dl_struct *structs;	/* element 0 is the Document */
	size_t		 nstructs, capstructs;
	/*
	 * Pages of front matter (cover, revision history, contents): they
	 * are numbered i, ii …, and the body from 1 (labels and folios).
	 */
	size_t		 front;
	/* document information */
	const char	*title, *author, *subject;
	long long	 epoch;
};

/* Limits (docs/limits.md). */
#define LAYOUT_MAX_PAGES	2000
#define LAYOUT_MAX_TABLE_CELLS	200000

/*
 * Another document of the same set, already laid out: where its headings
 * are.  A link to "handbook.html#item-3" in a document laid out with it
 * becomes a jump to that page of handbook.pdf, and the page is printed
 * after the link text (docs/typesetting.md, Links).
 */
struct layout_target {
	const char		*html;		/* the name links use */
	const char		*pdf;		/* the file the jump opens */
	const struct document	*doc;		/* its headings' ids */
	const int		*pages;		/* page of each heading, from 1 */
	int			 front;		/* its pages before the body:
						 * page p is printed p - front */
};

struct layout_refs {
	const struct layout_target *v;
	size_t		 n;
};

/*
 * Lays out doc with the given fonts.  Returns a display list the caller
 * frees with dlist_free(), or NULL after reporting errors (a character no
 * font has, a limit exceeded).  Marks every character drawn as used in its
 * font, for subsetting.
 */
struct dlist	*layout_document(const struct document *doc,
		    struct font *fonts[FONT__COUNT], struct diags *d);
/* The same, resolving links into the documents of refs (may be NULL). */
struct dlist	*layout_document_refs(const struct document *doc,
		    struct font *fonts[FONT__COUNT],
		    const struct layout_refs *refs, struct diags *d);
void		 dlist_free(struct dlist *dl);

#endif
