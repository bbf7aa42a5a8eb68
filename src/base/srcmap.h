/*
 * srcmap.h: expanded text with a map from each of its lines back to where
 * it came from (a template line, company Markdown, or a file given as it
 * is), so that the Markdown stage, layout and HTML report problems where
 * the author can fix them.  The template stage makes these; kitei render
 * makes an identity map of the file it reads.
 */
#ifndef KITEI_SRCMAP_H
#define KITEI_SRCMAP_H

#include <stddef.h>

#include "base/diag.h"

/* The expanded text and its line map.  The owner frees both arrays. */
struct expansion {
	char		*md;
	size_t		 len;
	struct pos	*lines;		/* lines[i]: origin of line i + 1 */
	size_t		 nlines;
	size_t		*starts;	/* starts[i]: byte offset of line i + 1 */
	char		*verbatim;	/* verbatim[i]: line i + 1 is a file's
					 * line as written (company Markdown) */
};

/* text (len bytes) of file path, each line mapped to itself. */
void		expansion_identity(struct expansion *e, const char *path,
		    const char *text, size_t len);
void		expansion_free(struct expansion *e);
/*
 * The origin of line (from 1) of the expansion; col, a byte column of
 * that line (from 1, 0 for none), becomes a character column where the
 * line was copied as written (a template line's columns shift with the
 * values inserted into it, so there the origin's column stands).
 */
struct pos	expansion_pos(const struct expansion *e, int line, int col);

#endif
