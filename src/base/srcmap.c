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
	size_t i, n = 1;

	memset(e, 0, sizeof(*e));
	e->md = xstrndup(text, len);
	e->len = len;
	for (i = 0; i < len; i++)
		n += text[i] == '\n';
	e->lines = xcalloc(n + 1, sizeof(*e->lines));
	for (i = 0; i < n; i++)
		e->lines[i] = (struct pos){ path, (int)i + 1, 1 };
	e->nlines = n;
}

void
expansion_free(struct expansion *e)
{
	free(e->md);
	free(e->lines);
	memset(e, 0, sizeof(*e));
}

/* The byte offset of line (from 1) in e->md, or (size_t)-1. */
static size_t
line_start(const struct expansion *e, int line)
{
	size_t off = 0;
	const char *nl;

	while (--line > 0) {
		nl = memchr(e->md + off, '\n', e->len - off);
		if (nl == NULL)
			return (size_t)-1;
		off = (size_t)(nl - e->md) + 1;
	}
	return off;
}

struct pos
expansion_pos(const struct expansion *e, int line, int bytecol)
{
	struct pos p = { NULL, 0, 0 };
	size_t start;

	if (line < 1 || (size_t)line > e->nlines)
		return p;
	p = e->lines[line - 1];
	if (bytecol > 0 && e->md != NULL &&
	    (start = line_start(e, line)) != (size_t)-1 &&
	    start + (size_t)bytecol - 1 <= e->len)
		p.col = (p.col > 0 ? p.col : 1) +
		    (int)utf8_count(e->md + start, (size_t)bytecol - 1);
	return p;
}
