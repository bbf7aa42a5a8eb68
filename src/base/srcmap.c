/*
 * srcmap.c: expanded text and its line map (srcmap.h).
 */
#include <string.h>

#include "base/srcmap.h"
#include "base/util.h"

void
expansion_identity(struct expansion *e, const char *path, const char *text,
    size_t len)
{
	size_t i, n = 1, line;

	memset(e, 0, sizeof(*e));
	e->md = xstrndup(text, len);
	e->len = len;
	for (i = 0; i < len; i++)
		n += text[i] == '\n';
	e->lines = xcalloc(n + 1, sizeof(*e->lines));
	e->starts = xcalloc(n + 1, sizeof(*e->starts));
	e->verbatim = xcalloc(n + 1, 1);
	for (i = 0; i < n; i++) {
		e->lines[i] = (struct pos){ path, (int)i + 1, 1 };
		e->verbatim[i] = 1;
	}
	for (i = 0, line = 1; i < len; i++)
		if (text[i] == '\n')
			e->starts[line++] = i + 1;
	e->nlines = n;
}

void
expansion_free(struct expansion *e)
{
	free(e->md);
	free(e->lines);
	free(e->starts);
	free(e->verbatim);
	memset(e, 0, sizeof(*e));
}

struct pos
expansion_pos(const struct expansion *e, int line, int col)
{
	struct pos p = { NULL, 0, 0 };

	if (line >= 1 && (size_t)line <= e->nlines) {
		p = e->lines[line - 1];
		if (col > 0 && e->verbatim != NULL && e->verbatim[line - 1] &&
		    e->starts != NULL && e->starts[line - 1] + (size_t)col - 1 <=
		    e->len)
			p.col = 1 + (int)utf8_count(e->md + e->starts[line - 1],
			    (size_t)col - 1);
	}
	return p;
}
