/*
 * diff_text.c: the character-level difference inside one pair of blocks.
 * Japanese has no spaces, so a word-level diff would mark whole sentences;
 * a character-level one is what a 新旧対照表 underlines.  A Latin word, a
 * number (with its decimal point or thousands separators) or a URL is one
 * token, so "v1.2" never shows as "v1.<u>3</u>"-style fragments.  After
 * the longest common subsequence, unchanged runs of at most DIFF_MERGE
 * characters between two changes join the change: "年<u>1</u>回" stays, but
 * "<u>会議</u>の<u>記録</u>" reads as one change.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"

struct tok {
	size_t	off, len;
	size_t	chars;		/* code points */
};

typedef VEC(struct tok) tok_vec;

/* Past this many comparisons the middle is marked changed as a whole. */
#define DIFF_MAX_CELLS	((size_t)16 << 20)

static int
is_word(uint32_t c)
{
	return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
	    (c >= 'a' && c <= 'z') || (c >= 0xFF10 && c <= 0xFF19) ||
	    (c >= 0xFF21 && c <= 0xFF3A) || (c >= 0xFF41 && c <= 0xFF5A);
}

/* Joins a word across . , - _ / : @ when a word character follows. */
static int
is_joiner(uint32_t c)
{
	return c == '.' || c == ',' || c == '-' || c == '_' || c == '/' ||
	    c == ':' || c == '@';
}

static void
tokenize(const char *s, tok_vec *out)
{
	size_t i = 0, len = strlen(s);

	while (i < len) {
		struct tok t = { i, 0, 1 };
		size_t j = i;
		uint32_t c = utf8_next(s, len, &j);

		if (is_word(c)) {
			for (;;) {
				size_t k = j, m;
				uint32_t d;

				if (k >= len)
					break;
				d = utf8_next(s, len, &k);
				if (is_word(d)) {
					j = k;
					t.chars++;
					continue;
				}
				m = k;
				if (!is_joiner(d) || m >= len ||
				    !is_word(utf8_next(s, len, &m)))
					break;
				j = m;
				t.chars += 2;
			}
		}
		t.len = j - i;
		VEC_PUSH(*out, t);
		i = j;
	}
}

static int
tok_eq(const char *a, const struct tok *x, const char *b, const struct tok *y)
{
	return x->len == y->len && memcmp(a + x->off, b + y->off, x->len) == 0;
}

/*
 * Marks the tokens of a[as, ae) and b[bs, be) that are not in their
 * longest common subsequence.
 */
static void
lcs_mark(const char *a, const tok_vec *ta, size_t as, size_t ae,
    const char *b, const tok_vec *tb, size_t bs, size_t be, char *ca,
    char *cb)
{
	size_t n = ae - as, m = be - bs, i, j;
	uint32_t *dp;

	if (n == 0 || m == 0 || (n + 1) * (m + 1) > DIFF_MAX_CELLS) {
		memset(ca + as, 1, n);
		memset(cb + bs, 1, m);
		return;
	}
	/* dp[i][j]: LCS length of the suffixes from i and j. */
	dp = xcalloc((n + 1) * (m + 1), sizeof(*dp));
	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			dp[i * (m + 1) + j] = tok_eq(a, &ta->v[as + i], b,
			    &tb->v[bs + j]) ? dp[(i + 1) * (m + 1) + j + 1] + 1 :
			    dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1] ?
			    dp[(i + 1) * (m + 1) + j] : dp[i * (m + 1) + j + 1];
	i = j = 0;
	while (i < n && j < m) {
		if (tok_eq(a, &ta->v[as + i], b, &tb->v[bs + j])) {
			i++, j++;
		} else if (dp[(i + 1) * (m + 1) + j] >=
		    dp[i * (m + 1) + j + 1]) {
			ca[as + i++] = 1;
		} else
			cb[bs + j++] = 1;
	}
	while (i < n)
		ca[as + i++] = 1;
	while (j < m)
		cb[bs + j++] = 1;
	free(dp);
}

/* Widens changes over short unchanged runs between two changes. */
static void
merge_short_runs(const char *s, const tok_vec *t, char *c)
{
	size_t i = 0, j, chars;
	int newline;

	while (i < t->n) {
		if (c[i]) {
			i++;
			continue;
		}
		chars = 0;
		newline = 0;
		for (j = i; j < t->n && !c[j]; j++) {
			chars += t->v[j].chars;
			newline |= s[t->v[j].off] == '\n';
		}
		if (i > 0 && j < t->n && chars <= DIFF_MERGE && !newline)
			memset(c + i, 1, j - i);
		i = j;
	}
}

static void
segments(const tok_vec *t, const char *c, dseg_vec *out)
{
	size_t i;

	for (i = 0; i < t->n; i++) {
		if (out->n > 0 && out->v[out->n - 1].changed == c[i] &&
		    out->v[out->n - 1].off + out->v[out->n - 1].len ==
		    t->v[i].off) {
			out->v[out->n - 1].len += t->v[i].len;
			continue;
		}
		struct dseg sg = { t->v[i].off, t->v[i].len, c[i] };

		VEC_PUSH(*out, sg);
	}
}

void
diff_text(const char *a, const char *b, dseg_vec *sa, dseg_vec *sb)
{
	tok_vec ta = {0}, tb = {0};
	size_t pre = 0, suf = 0;
	char *ca, *cb;

	tokenize(a, &ta);
	tokenize(b, &tb);
	ca = xcalloc(ta.n + 1, 1);
	cb = xcalloc(tb.n + 1, 1);
	/* The common ends need no table. */
	while (pre < ta.n && pre < tb.n &&
	    tok_eq(a, &ta.v[pre], b, &tb.v[pre]))
		pre++;
	while (suf < ta.n - pre && suf < tb.n - pre &&
	    tok_eq(a, &ta.v[ta.n - 1 - suf], b, &tb.v[tb.n - 1 - suf]))
		suf++;
	lcs_mark(a, &ta, pre, ta.n - suf, b, &tb, pre, tb.n - suf, ca, cb);
	merge_short_runs(a, &ta, ca);
	merge_short_runs(b, &tb, cb);
	segments(&ta, ca, sa);
	segments(&tb, cb, sb);
	free(ca);
	free(cb);
	VEC_FREE(ta);
	VEC_FREE(tb);
}
