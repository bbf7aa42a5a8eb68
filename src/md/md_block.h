/*
 * md_block.h: kitei's typed blocks.  A fenced code block whose info string
 * is kitei-<kind> is not code: the Markdown stage parses its lines once
 * into a struct kblock, and each back end has one renderer for it
 * (layout_kblock.c for the PDF, html_kblock.c for HTML).  Kinds:
 *
 *   kitei-pagebreak   a page break (PDF and print)
 *   kitei-chart       horizontal bars:   "- label: value / max"
 *   kitei-grid        a shaded count grid: "rows: title a, b, c",
 *                     "cols: title x, y, z", one "- n n n" per row,
 *                     optional "shade: 大 6-9, 中 4, 小 1-3" on the
 *                     product of the row and column labels
 *   kitei-form        fill-in fields, one a line: "line: label | em |
 *                     value", "date: label", "sign: label", "seal: label",
 *                     "box: label | value"
 *
 * A line that does not fit its kind is an error at its place in the
 * template (docs/templates.md).
 */
#ifndef KITEI_MD_BLOCK_H
#define KITEI_MD_BLOCK_H

#include <stddef.h>
#include <cmark-gfm.h>

#include "base/diag.h"

struct expansion;

enum kb_kind { KB_PAGEBREAK, KB_CHART, KB_GRID, KB_FORM };

struct kb_bar {
	const char	*label;
	double		 value, max;
	const char	*text;		/* the value as written, e.g. "18 / 24" */
};

struct kb_shade {
	const char	*label;		/* 大 */
	int		 lo, hi;	/* product range, inclusive */
	int		 level;		/* 0 darkest … */
};

enum kf_kind { KF_LINE, KF_DATE, KF_SIGN, KF_SEAL, KF_BOX };

struct kb_field {
	enum kf_kind	 kind;
	const char	*label;
	const char	*value;		/* pre-filled, or NULL */
	float		 em;		/* line length in body ems, 0: default */
};

struct kblock {
	enum kb_kind	 kind;
	struct pos	 pos;
	/* KB_CHART */
	struct kb_bar	*bars;
	size_t		 nbars;
	/* KB_GRID */
	const char	*row_title, *col_title;
	const char	**rows, **cols;	/* labels */
	size_t		 nrows, ncols;
	int		*counts;	/* nrows × ncols, row-major */
	struct kb_shade	*shades;
	size_t		 nshades;
	/* KB_FORM */
	struct kb_field	*fields;
	size_t		 nfields;
	struct arena	*arena;		/* owns everything above */
};

/*
 * Parses every kitei-* code block under root, reporting bad lines at
 * their template position (e maps lines back; may be NULL).  Each block
 * hangs on its node and is freed with the tree.
 */
void	md_blocks_parse(cmark_node *root, const struct expansion *e,
	    struct diags *d);
/* The typed block of a code block node, or NULL for plain code. */
const struct kblock *md_block(cmark_node *node);
/* The shade level of a grid cell (its row × column label product), -1. */
int	kb_grid_shade(const struct kblock *b, size_t row, size_t col);

#endif
