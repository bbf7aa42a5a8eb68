/*
 * linebreak.c: libunibreak plus the kinsoku fixes that Japanese readers
 * expect.  What libunibreak 1.1 gets wrong for strict Japanese line
 * breaking (see the project's libharu/libunibreak notes):
 *  - it allows a break before small kana and ー (class CJ as ID);
 *  - it treats “ ” ‘ ’ as ambiguous quotes, not as brackets;
 *  - it allows a break before ～ (U+FF5E) and inside ――;
 *  - it treats halfwidth katakana as one unbreakable word.
 */
#include <linebreak.h>
#include <string.h>

#include "text/jtext.h"
#include "text/linebreak.h"

/* The sets are short; a linear scan is fast enough and easy to read. */
static int
in_list(uint32_t cp, const uint32_t *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == cp)
			return 1;
	return 0;
}

int
lb_is_closing(uint32_t cp)
{
	static const uint32_t set[] = { 0x3001, 0x3002, 0xFF0C, 0xFF0E,
	    0xFF09, 0x3015, 0xFF3D, 0xFF5D, 0x3009, 0x300B, 0x300D, 0x300F,
	    0x3011, 0x3019, 0x3017, 0x301F, 0x2019, 0x201D, 0xFF60 };

	return in_list(cp, set, sizeof(set) / sizeof(set[0]));
}

int
lb_is_opening(uint32_t cp)
{
	static const uint32_t set[] = { 0xFF08, 0x3014, 0xFF3B, 0xFF5B,
	    0x3008, 0x300A, 0x300C, 0x300E, 0x3010, 0x3018, 0x3016, 0x301D,
	    0x2018, 0x201C, 0xFF5F };

	return in_list(cp, set, sizeof(set) / sizeof(set[0]));
}

static int
is_small_kana(uint32_t cp)
{
	static const uint32_t set[] = { 0x3041, 0x3043, 0x3045, 0x3047,
	    0x3049, 0x3063, 0x3083, 0x3085, 0x3087, 0x308E, 0x3095, 0x3096,
	    0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30C3, 0x30E3, 0x30E5,
	    0x30E7, 0x30EE, 0x30F5, 0x30F6 };

	return in_list(cp, set, sizeof(set) / sizeof(set[0])) ||
	    (cp >= 0x31F0 && cp <= 0x31FF) ||	/* small katakana ext. */
	    (cp >= 0xFF67 && cp <= 0xFF70);	/* halfwidth ｧ … ｰ */
}

int
lb_no_start(uint32_t cp)
{
	static const uint32_t set[] = {
	    0x30FC, 0x30FB, 0xFF1A, 0xFF1B, 0xFF1F, 0xFF01, 0x203C, 0x2047,
	    0x2048, 0x2049, 0x3005, 0x303B, 0x309D, 0x309E, 0x30FD, 0x30FE,
	    0x301C, 0xFF5E, 0x2010, 0x30A0, 0x2013, 0xFF64, 0xFF61, 0xFF9E,
	    0xFF9F, 0x0029, 0x005D, 0x007D, 0x002C, 0x002E, 0x003A, 0x003B,
	    0x0021, 0x003F, 0x00BB, 0x2030, 0x2032, 0x2033, 0x2103, 0xFF05,
	    0x0025 };

	return lb_is_closing(cp) || is_small_kana(cp) ||
	    in_list(cp, set, sizeof(set) / sizeof(set[0]));
}

int
lb_no_end(uint32_t cp)
{
	static const uint32_t set[] = { 0x0028, 0x005B, 0x007B, 0x00AB,
	    0xFFE5, 0xFF04, 0x00A5, 0x0024, 0xFFE1, 0x00A3, 0x3012, 0x0023,
	    0xFF03 };

	return lb_is_opening(cp) || in_list(cp, set, sizeof(set) / sizeof(set[0]));
}

static int
is_halfwidth_kana(uint32_t cp)
{
	return cp >= 0xFF66 && cp <= 0xFF9F;
}


void
lb_init(void)
{
	/* Without it libunibreak searches its tables slowly for every
	 * character (30 times slower on a whole document). */
	init_linebreak();
}

static int
is_ascii_alpha(uint32_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
is_digit(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/*
 * Inside a URL a line may break only after / ? & # (where a reader sees
 * the URL continue), never after a hyphen or dot, which would read as
 * hyphenation or an end of sentence.
 */
static void
protect_urls(const uint32_t *cps, size_t n, char *brk)
{
	size_t i, j, k;

	for (i = 0; i + 8 < n; i++) {
		if (!(cps[i] == 'h' && cps[i + 1] == 't' && cps[i + 2] == 't' &&
		    cps[i + 3] == 'p'))
			continue;
		for (j = i; j < n && cps[j] > ' ' && cps[j] < 0x7F; j++)
			;
		for (k = i; k + 1 < j; k++) {
			uint32_t c = cps[k];

			if (brk[k] == LB_MUST)
				continue;
			brk[k] = (c == '/' && cps[k + 1] != '/') || c == '?' ||
			    c == '&' || c == '#' ? LB_ALLOW : LB_NONE;
		}
		i = j;
	}
}

/* An e-mail address is one word: no break inside (emergency aside). */
static void
protect_emails(const uint32_t *cps, size_t n, char *brk)
{
	size_t i, a, z, k;

	for (i = 1; i + 1 < n; i++) {
		if (cps[i] != '@')
			continue;
		for (a = i; a > 0 && cps[a - 1] > ' ' && cps[a - 1] < 0x7F &&
		    cps[a - 1] != '(' && cps[a - 1] != '<'; a--)
			;
		for (z = i; z + 1 < n && cps[z + 1] > ' ' && cps[z + 1] < 0x7F &&
		    cps[z + 1] != ')' && cps[z + 1] != '>'; z++)
			;
		/* A final dot is the sentence's, not the address's. */
		while (z > i && cps[z] == '.')
			z--;
		for (k = a; k < z; k++)
			if (brk[k] != LB_MUST)
				brk[k] = LB_NONE;
		i = z;
	}
}

void
lb_opportunities(const uint32_t *cps, size_t n, char *brk)
{
	size_t i;

	if (n == 0)
		return;
	set_linebreaks_utf32((const utf32_t *)cps, n, "ja", brk);
	for (i = 0; i < n; i++)
		brk[i] = brk[i] == LINEBREAK_MUSTBREAK ? LB_MUST :
		    brk[i] == LINEBREAK_ALLOWBREAK ? LB_ALLOW : LB_NONE;
	for (i = 0; i + 1 < n; i++) {
		uint32_t a = cps[i], b = cps[i + 1];

		if (brk[i] == LB_MUST)
			continue;
		/* Curly quotes are brackets in Japanese text. */
		if ((b == 0x201C || b == 0x2018) && jt_is_cjk(a))
			brk[i] = LB_ALLOW;
		if ((a == 0x201D || a == 0x2019) && jt_is_cjk(b))
			brk[i] = LB_ALLOW;
		/* Halfwidth katakana breaks like kana. */
		if (is_halfwidth_kana(a) && is_halfwidth_kana(b))
			brk[i] = LB_ALLOW;
		/* The strict rules win over everything above. */
		if (lb_no_start(b) || lb_no_end(a))
			brk[i] = LB_NONE;
		/* ―― and …… (‥‥) never split, but may start a line. */
		if ((b == 0x2015 || b == 0x2026 || b == 0x2025) && a != b &&
		    jt_is_cjk(a) && !lb_no_end(a))
			brk[i] = LB_ALLOW;
		if ((a == 0x2015 || a == 0x2026 || a == 0x2025) && a == b)
			brk[i] = LB_NONE;
		/* A number and its unit stay together: "10 MB", "5 分". */
		if (a == ' ' && i > 0 && is_digit(cps[i - 1]) &&
		    (is_ascii_alpha(b) || b == '%' || jt_is_cjk(b)))
			brk[i] = LB_NONE;
	}
	protect_urls(cps, n, brk);
	protect_emails(cps, n, brk);
	brk[n - 1] = LB_MUST;
}
