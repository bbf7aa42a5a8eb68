/*
 * layout_int.h: what the layout files share (layout.c: blocks, pages and
 * the front matter; layout_inline.c: lines; layout_table.c: tables).
 * Not for other stages.
 */
#ifndef KITEI_LAYOUT_INT_H
#define KITEI_LAYOUT_INT_H

#include <cmark-gfm.h>

#include "doc/doc.h"
#include "layout/layout.h"
#include "base/util.h"

/* Text decorations. */
enum { DECO_UNDERLINE = 1, DECO_STRIKE = 2, DECO_CODE = 4 };

/* The style of a run of characters. */
struct istyle {
	enum font_face	 face;
	float		 size;
	float		 gray;
	unsigned	 deco;
	int		 link;		/* index into the link table, or -1 */
};

/* One character of a paragraph, measured. */
struct ichar {
	uint32_t	 cp;
	struct istyle	 st;
	float		 w;		/* advance in points, after tightening */
	float		 gap;		/* 和欧間: space after it, gone at a line end */
	float		 shrink;	/* of w, when a line is squeezed (追い込み) */
	char		 brk;		/* LB_* after this character */
	char		 space;		/* U+0020: stretches, vanishes at breaks */
	int		 line, bcol;	/* where the Markdown wrote it (line of
					 * the expansion, byte column), or 0 */
	char		 nobreak;	/* no break after it (a word joiner
					   followed it, e.g. inside a name) */
	char		 weak;		/* a title's break between a kanji
					   compound and a katakana word,
					   taken only when it evens the
					   lines markedly (mark_phrases) */
};

/* A line: characters [start, end) of a paragraph. */
struct iline {
	size_t		 start, end;
	float		 width;		/* natural width, trailing spaces out */
	int		 last;		/* ends the paragraph or a hard break */
};

/* A link target collected while laying out inline content. */
struct link {
	int		 dest;		/* heading index, or -1 */
	const char	*uri;		/* into dlist->uris, or NULL */
	int		 rpage;		/* uri is a PDF of the set: its page */
	int		 rlabel;	/* and that page's printed number */
};

/* One vertical piece of the flow that pagination places. */
struct vbox {
	float		 height;
	int		 glue;		/* vertical space: dropped at page top */
	int		 page_break;	/* force a new page here */
	struct dl_item	*items;		/* y relative to the box top */
	size_t		 n, cap;
	int		 keep_with_next;
	int		 soft_keep;	/* keep with next unless it leaves a hole */
	int		 line, lines;	/* paragraph line index / count */
	int		 table;		/* table id (0: none) */
	int		 header_row;
	int		 heading;	/* heading index placed here, or -1 */
	float		 baseline;	/* of its first text line, for list markers */
	int		 grid;		/* a body line: starts on the line grid */
	int		 heading_pad;	/* the space above a heading on the grid */
};

struct lctx {
	const struct document	*doc;
	struct font		**fonts;
	struct diags		*diags;
	struct dlist		*dl;
	const struct layout_refs *refs;	/* the set's other documents, or NULL */
	/* page geometry, points */
	float			 page_w, page_h;
	float			 left, top, text_w, text_h;
	float			 folio_y;	/* baseline of the page number */
	float			 body_size;	/* body text size */
	float			 grid;		/* line pitch of the page grid, or 0 */
	float			 grid_h;	/* its lines' height on a page */
	/* the run of off-grid blocks last rounded to the grid (layout.c) */
	size_t			 run_pad, run_end;
	float			 run_above;
	int			 run_lines;
	/* the flow being built */
	struct vbox		*flow;
	size_t			 nflow, capflow;
	VEC(struct link)	 links;
	int			 tables;
	struct pos		 origin;	/* of the block being laid out */
	int			 sparent;	/* structure element blocks go in */
	int			 failed;
};

/* layout.c */
struct vbox	*flow_push(struct lctx *l);
void		 flow_glue(struct lctx *l, float h);
void		 flow_page_break(struct lctx *l);
struct dl_item	*vbox_item(struct vbox *b);
float		 line_baseline(float height, float size);
void		 add_rule(struct vbox *b, float x0, float y0, float x1, float y1,
		    float w);
void		 add_rect(struct vbox *b, float x0, float y0, float x1,
		    float y1, float gray);

/* layout_struct.c */
int	struct_new(struct lctx *l, const char *type, int parent);
void	struct_tag_items(struct lctx *l, struct dl_item *items, size_t from,
	    size_t to, int elem);
void	struct_tag(struct lctx *l, size_t first, int elem);

/* layout_inline.c */
void	inline_push_text(void *chars_vec, const char *s, struct istyle st);
void	inline_collect(struct lctx *l, cmark_node *node, struct istyle st,
	    void *chars_vec);
/* Resolves soft breaks (removing some), checks and measures glyphs;
 * returns the new number of characters. */
size_t	inline_measure(struct lctx *l, struct ichar *c, size_t n);
void	inline_break(struct lctx *l, struct ichar *c, size_t n, float width,
	    float first_indent, void *lines_vec);
/*
 * inline_break for a heading or title: as many lines as width gives, each
 * as short as that number allows (balanced), so two lines come out about
 * equal instead of a full line and a short remainder.
 */
void	inline_break_balanced(struct lctx *l, struct ichar *c, size_t n,
	    float width, float first_indent, void *lines_vec);
/* inline_break's two steps: marking opportunities, then filling lines. */
void	inline_opportunities(struct ichar *c, size_t n);
void	inline_fill(const struct ichar *c, size_t n, float width,
	    float first_indent, void *lines_vec);
/* Emits line ln at x (left edge), baseline y, into b. align: 'l','c','r'. */
void	inline_emit(struct lctx *l, struct vbox *b, const struct ichar *c,
	    const struct iline *ln, float x, float width, float y, int justify,
	    int align);
float	inline_min_width(const struct ichar *c, size_t n);
/* Leaves breaks only between words and phrases (titles, headings). */
void	mark_phrases(struct ichar *c, size_t n);
float	inline_max_width(const struct ichar *c, size_t n);
float	line_height(const struct ichar *c, const struct iline *ln,
	    float fallback);

typedef VEC(struct ichar) ichar_vec;
typedef VEC(struct iline) iline_vec;

/* layout_kblock.c: kitei's typed blocks (md_block.h) */
struct kblock;
void	layout_kblock(struct lctx *l, const struct kblock *b, float x,
	    float width);

/* layout_table.c */
void	layout_table(struct lctx *l, cmark_node *table, float x, float width);

#endif
