/*
 * jtext.c: Japanese character classes (jtext.h).
 */
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
