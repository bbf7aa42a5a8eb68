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
};

/* text (len bytes) of file path, each line mapped to itself. */
void		expansion_identity(struct expansion *e, const char *path,
		    const char *text, size_t len);
void		expansion_free(struct expansion *e);
/*
 * The origin of expanded line (from 1) at byte column bytecol (from 1;
 * 0: the line's origin as it is), with the column counted in characters
 * of the expanded line.
 */
struct pos	expansion_pos(const struct expansion *e, int line, int bytecol);

#endif
