/*
 * md_escape.c: making a value print literally in Markdown.  The template
 * stage calls it for every profile value it inserts, so that a value can
 * never become markup; the document stage for the revision history.
 */
#include <ctype.h>
#include <string.h>

#include "base/util.h"
#include "md/markdown.h"
#include "text/jtext.h"

void
md_escape(struct buf *b, const char *s, int at_line_start)
{
	const char *special = "\\`*_{}[]<>|~&!#$^";
	const char *p;

	if (at_line_start) {
		/* What would open a list, quote or heading at line start. */
		const char *q = s;

		while (isdigit((unsigned char)*q))
			q++;
		if (*s == '-' || *s == '+' || *s == '=' || *s == '>' ||
		    (q > s && (*q == '.' || *q == ')'))) {
			if (q > s) {
				buf_add(b, s, (size_t)(q - s));
				s = q;
			}
			buf_addc(b, '\\');
			buf_addc(b, *s++);
		}
	}
	for (p = s; *p; p++) {
		if (*p == '\n') {
			/* Lines of a text value join as Markdown joins them. */
			size_t i = 0, back = b->n;
			uint32_t before = ' ', after;

			while (back > 0 && ((unsigned char)b->p[back - 1] & 0xC0)
			    == 0x80)
				back--;
			if (back > 0) {
				size_t k = back - 1;

				before = utf8_next(b->p, b->n, &k);
			}
			after = utf8_next(p + 1, strlen(p + 1), &i);
			if (jt_softbreak_is_space(before, after ? after : ' '))
				buf_addc(b, ' ');
			continue;
		}
		if (*p == '\r' || *p == '\t') {
			buf_addc(b, ' ');
			continue;
		}
		if (strchr(special, *p) != NULL)
			buf_addc(b, '\\');
		buf_addc(b, *p);
	}
}
