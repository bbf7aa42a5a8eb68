/*
 * diff.h: the comparison stage (新旧対照表).  Two versions of one
 * document, each expanded and parsed as a build would, are cut into units
 * (diff_align.c): chapters, articles or sections with their paragraphs,
 * list items and table rows as plain-text blocks, each unit with an
 * identity taken from its template heading (the template file and the
 * heading's text without its number), so that an article renumbered by an
 * insertion is still the same article.  The units are aligned by identity,
 * the blocks of a pair by content, and a paired block's text is compared
 * character by character (diff_text.c).  diff_table.c writes the result
 * as Markdown (a two-column GFM table per chapter, changes inside
 * <ins>/<del>), which the ordinary layout and HTML back ends set.
 */
#ifndef KITEI_DIFF_H
#define KITEI_DIFF_H

#include <stddef.h>

#include "base/util.h"
#include "md/markdown.h"

struct expansion;

/* ---- diff_text.c: character-level differences ---- */

/* A run of one side's text, changed or not. */
struct dseg {
	size_t	off, len;	/* bytes of the side's text */
	int	changed;
};

typedef VEC(struct dseg) dseg_vec;

/*
 * Compares a and b as sequences of tokens (one character each, except
 * that a Latin word or a number is one token, so it is never split) by a
 * longest common subsequence, then widens changes over unchanged runs of
 * at most DIFF_MERGE characters between two changes, so that marks read
 * naturally.  Appends the segments of a to sa and of b to sb.
 */
#define DIFF_MERGE 2
void	diff_text(const char *a, const char *b, dseg_vec *sa, dseg_vec *sb);

/* ---- diff_align.c: units and their alignment ---- */

/* A paragraph, list item, table row or sub-heading, as plain text. */
struct dblock {
	char	*num;		/* its printed number, or "" (not compared) */
	char	*text;		/* the text compared */
};

enum dunit_kind { DU_PREAMBLE, DU_CHAPTER, DU_ARTICLE };

struct dunit {
	enum dunit_kind	 kind;
	char		*key;	/* identity: kind, template file, headings */
	char		*num;	/* heading's number part (第5条（, 1.2　) */
	char		*title;	/* heading text without its number */
	char		*tail;	/* what numbering adds after it (）) */
	struct dblock	*blocks;
	size_t		 nblocks;
};

struct dunits {
	struct dunit	*v;
	size_t		 n, cap;
};

/*
 * Cuts a document into units.  numbered and plain are the same expanded
 * Markdown parsed with and without the document's numbering; e maps its
 * lines to the templates (identity).  Free with dunits_free().
 */
void	diff_units(const struct mdoc *numbered, const struct mdoc *plain,
	    const struct expansion *e, struct dunits *out);
void	dunits_free(struct dunits *u);

/* One row of the alignment: indexes into old and new, -1 when absent. */
struct dpair {
	long	old, new;
};

typedef VEC(struct dpair) dpair_vec;

/*
 * Aligns two sequences by equal keys (longest common subsequence, so
 * order is kept; a key on one side only is an insertion or deletion).
 */
void	diff_align(const char *const *oldkeys, size_t nold,
	    const char *const *newkeys, size_t nnew, dpair_vec *out);
/* The same for the units of two versions. */
void	diff_align_units(const struct dunits *old, const struct dunits *new,
	    dpair_vec *out);

/* ---- diff_table.c: the comparison as Markdown ---- */

enum dunchanged { DU_ABBREVIATE, DU_OMIT, DU_SHOW };

struct dtable_opts {
	const char	*new_label, *old_label;	/* 改正後, 改正前 */
	int		 old_first;	/* columns 改正前 | 改正後 */
	enum dunchanged	 unchanged;
	int		 markers;	/* （新設） / （削る） opposite */
	int		 remarks;	/* a 備考 column */
	const char	*heading;	/* lines above the tables (Markdown) */
};

/* Appends the comparison of old and new to md; returns changed units. */
size_t	diff_table(const struct dunits *old, const struct dunits *new,
	    const struct dtable_opts *o, struct buf *md);

#endif
