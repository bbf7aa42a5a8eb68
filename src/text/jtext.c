/*
 * jtext.c: Japanese character classes and name joining (jtext.h).
 */
#include <string.h>

#include "base/util.h"
#include "text/jtext.h"

int
jt_is_cjk(uint32_t cp)
{
	return (cp >= 0x2E80 && cp <= 0x9FFF) ||	/* radicals … ideographs */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||		/* compatibility ideographs */
	    (cp >= 0xFF01 && cp <= 0xFFEF) ||		/* full- and halfwidth forms */
	    (cp >= 0x20000 && cp <= 0x3FFFF) ||		/* ideographs beyond the BMP */
	    cp == 0x2015 || cp == 0x2025 || cp == 0x2026;	/* ― ‥ … */
}

int
jt_softbreak_is_space(uint32_t before, uint32_t after)
{
	return !jt_is_cjk(before) && !jt_is_cjk(after);
}

void
jt_join_name(struct buf *b, const char *s)
{
	size_t i = 0, len = strlen(s);
	uint32_t cp, prev = ' ';

	while (i < len) {
		cp = utf8_next(s, len, &i);
		if (prev != ' ' && prev != 0x3000 && cp != ' ' && cp != 0x3000)
			buf_add_utf8(b, 0x2060);
		buf_add_utf8(b, cp);
		prev = cp;
	}
}
