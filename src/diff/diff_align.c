/*
 * diff_align.c: a document cut into units, and two versions aligned.
 *
 * A unit is a chapter heading (# …), an article or section (## … and what
 * follows up to the next # or ##), or the text before a chapter's first
 * article.  Its identity is the template file its heading came from, the
 * chapter's heading text and its own, all without numbers (parsed once
 * without numbering): inserting an article renumbers those after it, but
 * they keep their identity and compare equal.  Where a loop in a template
 * makes two headings alike, an occurrence count tells them apart.
 *
 * Blocks: a paragraph, each list item (with its mark), each table row
 * (cells joined by ｜), each line of a code block, a deeper heading.  The
 * numbered parse gives each block's printed number; the compared text is
 * the unnumbered one, so a paragraph number shifted by an insertion is
 * not a change either.
 */
#include <stdlib.h>
#include <string.h>
#include <cmark-gfm-core-extensions.h>

#include "diff/diff.h"
#include "text/jtext.h"
#include "tmpl/tmpl.h"

typedef VEC(struct dblock) dblock_vec;

/* The plain text of an inline container, soft breaks as the PDF sets them. */
static void
flat_text(cmark_node *node, struct buf *b)
{
	cmark_node *c;
	const char *lit;

	for (c = cmark_node_first_child(node); c; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(c);
			buf_adds(b, lit ? lit : "");
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK: {
			struct buf next = {0};
			size_t i = 0, j = 0;
			uint32_t before = 0, after = 0;
			cmark_node *n;

			while (i < b->n)
				before = utf8_next(b->p, b->n, &i);
			for (n = cmark_node_next(c); n && next.n == 0;
			    n = cmark_node_next(n))
				if (cmark_node_get_type(n) == CMARK_NODE_TEXT)
					buf_adds(&next, cmark_node_get_literal(n));
			if (next.n)
				after = utf8_next(next.p, next.n, &j);
			if (jt_softbreak_is_space(before, after))
				buf_addc(b, ' ');
			buf_free(&next);
			break;
		}
		default:
			flat_text(c, b);
			break;
		}
	}
}

static char *
node_text(cmark_node *n)
{
	struct buf b = {0};

	flat_text(n, &b);
	return b.p ? buf_take(&b) : xstrdup("");
}

/* Splits numbered text around plain: number before, the rest after. */
static void
split_number(const char *numbered, const char *plain, char **num, char **tail)
{
	const char *at = *plain ? strstr(numbered, plain) : NULL;

	if (at == NULL) {
		*num = xstrdup("");
		*tail = xstrdup("");
		return;
	}
	*num = xstrndup(numbered, (size_t)(at - numbered));
	*tail = xstrdup(at + strlen(plain));
}

static void
push_block(dblock_vec *v, char *num, char *text)
{
	struct dblock b = { num, text };

	VEC_PUSH(*v, b);
}

/* A block of text whose numbered and plain versions are both at hand. */
static void
text_block(cmark_node *num, cmark_node *plain, dblock_vec *v)
{
	char *nt = node_text(num), *pt = node_text(plain), *n, *t;

	split_number(nt, pt, &n, &t);
	free(t);
	free(nt);
	push_block(v, n, pt);
}

static void blocks_of(cmark_node *num, cmark_node *plain, const char *indent,
    dblock_vec *v);

static void
list_blocks(cmark_node *num, cmark_node *plain, const char *indent,
    dblock_vec *v)
{
	int ordered = cmark_node_get_list_type(num) == CMARK_ORDERED_LIST;
	int kanji = md_list_kanji(num);
	int k = cmark_node_get_list_start(num);
	cmark_node *a, *b;
	struct buf deeper = {0};

	if (!ordered)
		k = 0;
	buf_adds(&deeper, indent);
	buf_adds(&deeper, "　");
	for (a = cmark_node_first_child(num), b = cmark_node_first_child(plain);
	    a && b; a = cmark_node_next(a), b = cmark_node_next(b), k++) {
		struct buf mark = {0}, text = {0};
		cmark_node *x, *y;
		char label[32];

		buf_adds(&mark, indent);
		if (!ordered)	/* the body's bullet, not 「・」 (kinsoku) */
			buf_adds(&mark, "• ");
		else if (kanji) {
			md_kanji_number(k, label, sizeof(label));
			buf_addf(&mark, "%s　", label);
		} else
			buf_addf(&mark, "%d.　", k);
		/* The item's own paragraphs, then its nested lists. */
		for (x = cmark_node_first_child(a), y = cmark_node_first_child(b);
		    x && y; x = cmark_node_next(x), y = cmark_node_next(y))
			if (cmark_node_get_type(y) == CMARK_NODE_PARAGRAPH) {
				char *t = node_text(y);

				buf_adds(&text, t);
				free(t);
			}
		push_block(v, buf_take(&mark), text.p ? buf_take(&text) :
		    xstrdup(""));
		for (x = cmark_node_first_child(a), y = cmark_node_first_child(b);
		    x && y; x = cmark_node_next(x), y = cmark_node_next(y))
			if (cmark_node_get_type(y) != CMARK_NODE_PARAGRAPH)
				blocks_of(x, y, deeper.p, v);
	}
	buf_free(&deeper);
}

static void
table_blocks(cmark_node *plain, dblock_vec *v)
{
	cmark_node *row, *cell;

	for (row = cmark_node_first_child(plain); row;
	    row = cmark_node_next(row)) {
		struct buf b = {0};

		for (cell = cmark_node_first_child(row); cell;
		    cell = cmark_node_next(cell)) {
			char *t = node_text(cell);

			if (cell != cmark_node_first_child(row))
				buf_adds(&b, "｜");
			buf_adds(&b, t);
			free(t);
		}
		push_block(v, xstrdup(""), b.p ? buf_take(&b) : xstrdup(""));
	}
}

static void
code_blocks(cmark_node *plain, dblock_vec *v)
{
	const char *s = cmark_node_get_literal(plain), *nl;

	for (; s && *s; s = nl + 1) {
		if ((nl = strchr(s, '\n')) == NULL)
			nl = s + strlen(s);
		push_block(v, xstrdup(""), xstrndup(s, (size_t)(nl - s)));
		if (*nl == '\0')
			break;
	}
}

/* The blocks of one body node (num and plain are the same node). */
static void
blocks_of(cmark_node *num, cmark_node *plain, const char *indent,
    dblock_vec *v)
{
	cmark_node *a, *b;

	switch (cmark_node_get_type(plain)) {
	case CMARK_NODE_PARAGRAPH:
	case CMARK_NODE_HEADING:
		text_block(num, plain, v);
		break;
	case CMARK_NODE_LIST:
		list_blocks(num, plain, indent, v);
		break;
	case CMARK_NODE_CODE_BLOCK:
		code_blocks(plain, v);
		break;
	case CMARK_NODE_BLOCK_QUOTE:
	case CMARK_NODE_ITEM:
		for (a = cmark_node_first_child(num),
		    b = cmark_node_first_child(plain); a && b;
		    a = cmark_node_next(a), b = cmark_node_next(b))
			blocks_of(a, b, indent, v);
		break;
	default:
		if (md_ext(plain) == MD_EXT_TABLE)
			table_blocks(plain, v);
		break;	/* thematic breaks, raw HTML */
	}
}

static const char *
base_name(const char *path)
{
	const char *s = path ? strrchr(path, '/') : NULL;

	return s ? s + 1 : path ? path : "";
}

/* The template file a node's first line was expanded from. */
static const char *
origin_file(cmark_node *n, const struct expansion *e)
{
	int line = cmark_node_get_start_line(n);

	if (e == NULL || line < 1 || (size_t)line > e->nlines)
		return "";
	return base_name(e->lines[line - 1].file);
}

static struct dunit *
unit_new(struct dunits *u, enum dunit_kind kind)
{
	if (u->n == u->cap) {
		u->cap = u->cap ? u->cap * 2 : 32;
		u->v = xrealloc(u->v, u->cap * sizeof(*u->v));
	}
	memset(&u->v[u->n], 0, sizeof(u->v[0]));
	u->v[u->n].kind = kind;
	return &u->v[u->n++];
}

/* Makes keys unique: the second "…|目的" becomes "…|目的#2". */
static const struct dunits *sort_units;

static int
by_key(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	int c = strcmp(sort_units->v[x].key, sort_units->v[y].key);

	return c ? c : x < y ? -1 : x > y;
}

static void
number_duplicates(struct dunits *u)
{
	size_t *ix = xcalloc(u->n + 1, sizeof(*ix));
	size_t i, k;

	for (i = 0; i < u->n; i++)
		ix[i] = i;
	sort_units = u;		/* qsort has no context argument */
	qsort(ix, u->n, sizeof(*ix), by_key);
	sort_units = NULL;
	for (i = 0; i < u->n; i = k) {
		for (k = i + 1; k < u->n &&
		    strcmp(u->v[ix[k]].key, u->v[ix[i]].key) == 0; k++) {
			struct buf key = {0};

			buf_addf(&key, "%s#%zu", u->v[ix[k]].key, k - i + 1);
			free(u->v[ix[k]].key);
			u->v[ix[k]].key = buf_take(&key);
		}
	}
	free(ix);
}

void
diff_units(const struct mdoc *numbered, const struct mdoc *plain,
    const struct expansion *e, struct dunits *out)
{
	cmark_node *a = cmark_node_first_child(numbered->root);
	cmark_node *b = cmark_node_first_child(plain->root);
	struct dunit *cur = NULL;
	dblock_vec blocks = {0};
	char *chapter = xstrdup("");

	memset(out, 0, sizeof(*out));
	for (; a && b; a = cmark_node_next(a), b = cmark_node_next(b)) {
		int level = cmark_node_get_type(b) == CMARK_NODE_HEADING ?
		    cmark_node_get_heading_level(b) : 0;

		if (level == 1 || level == 2 || cur == NULL) {
			struct buf key = {0};
			char *nt, *pt;

			if (cur != NULL) {
				cur->blocks = blocks.v;
				cur->nblocks = blocks.n;
				memset(&blocks, 0, sizeof(blocks));
			}
			cur = unit_new(out, level == 1 ? DU_CHAPTER :
			    level == 2 ? DU_ARTICLE : DU_PREAMBLE);
			nt = level ? node_text(a) : xstrdup("");
			pt = level ? node_text(b) : xstrdup("");
			split_number(nt, pt, &cur->num, &cur->tail);
			free(nt);
			cur->title = pt;
			if (level == 1) {
				free(chapter);
				chapter = xstrdup(pt);
			}
			buf_addf(&key, "%d|%s|%s|%s", (int)cur->kind,
			    level ? origin_file(b, e) : "", chapter,
			    level == 2 ? pt : "");
			cur->key = buf_take(&key);
			if (level == 1 || level == 2)
				continue;
		}
		if (level == 1 || level == 2)
			continue;
		if (cur->kind == DU_CHAPTER) {
			/* Text under a chapter heading, before its articles. */
			struct buf key = {0};

			cur->blocks = blocks.v;
			cur->nblocks = blocks.n;
			memset(&blocks, 0, sizeof(blocks));
			cur = unit_new(out, DU_PREAMBLE);
			cur->num = xstrdup("");
			cur->tail = xstrdup("");
			cur->title = xstrdup("");
			buf_addf(&key, "%d|%s|%s|", (int)DU_PREAMBLE,
			    origin_file(b, e), chapter);
			cur->key = buf_take(&key);
		}
		blocks_of(a, b, "", &blocks);
	}
	if (cur != NULL) {
		cur->blocks = blocks.v;
		cur->nblocks = blocks.n;
	} else
		VEC_FREE(blocks);
	free(chapter);
	number_duplicates(out);
}

void
dunits_free(struct dunits *u)
{
	size_t i, k;

	for (i = 0; i < u->n; i++) {
		struct dunit *x = &u->v[i];

		for (k = 0; k < x->nblocks; k++) {
			free(x->blocks[k].num);
			free(x->blocks[k].text);
		}
		free(x->blocks);
		free(x->key);
		free(x->num);
		free(x->title);
		free(x->tail);
	}
	free(u->v);
	memset(u, 0, sizeof(*u));
}

/* Past this many cells, only the equal ends of the two lists match. */
#define ALIGN_MAX_CELLS	((size_t)16 << 20)

static void
align_ends(const char *const *ok, size_t n, const char *const *nk, size_t m,
    dpair_vec *out)
{
	size_t pre = 0, suf = 0, i;
	struct dpair p;

	while (pre < n && pre < m && strcmp(ok[pre], nk[pre]) == 0)
		pre++;
	while (suf < n - pre && suf < m - pre &&
	    strcmp(ok[n - 1 - suf], nk[m - 1 - suf]) == 0)
		suf++;
	for (i = 0; i < pre; i++) {
		p.old = (long)i, p.new = (long)i;
		VEC_PUSH(*out, p);
	}
	for (i = pre; i < n - suf; i++) {
		p.old = (long)i, p.new = -1;
		VEC_PUSH(*out, p);
	}
	for (i = pre; i < m - suf; i++) {
		p.old = -1, p.new = (long)i;
		VEC_PUSH(*out, p);
	}
	for (i = 0; i < suf; i++) {
		p.old = (long)(n - suf + i), p.new = (long)(m - suf + i);
		VEC_PUSH(*out, p);
	}
}

void
diff_align(const char *const *ok, size_t n, const char *const *nk, size_t m,
    dpair_vec *out)
{
	uint32_t *dp;
	size_t i, j;

	if ((n + 1) * (m + 1) > ALIGN_MAX_CELLS) {
		align_ends(ok, n, nk, m, out);
		return;
	}
	dp = xcalloc((n + 1) * (m + 1), sizeof(*dp));

	for (i = n; i-- > 0;)
		for (j = m; j-- > 0;)
			dp[i * (m + 1) + j] = strcmp(ok[i], nk[j]) == 0 ?
			    dp[(i + 1) * (m + 1) + j + 1] + 1 :
			    dp[(i + 1) * (m + 1) + j] >= dp[i * (m + 1) + j + 1] ?
			    dp[(i + 1) * (m + 1) + j] : dp[i * (m + 1) + j + 1];
	i = j = 0;
	while (i < n || j < m) {
		struct dpair p = { -1, -1 };

		if (i < n && j < m && strcmp(ok[i], nk[j]) == 0)
			p.old = (long)i++, p.new = (long)j++;
		else if (j >= m || (i < n && dp[(i + 1) * (m + 1) + j] >=
		    dp[i * (m + 1) + j + 1]))
			p.old = (long)i++;
		else
			p.new = (long)j++;
		VEC_PUSH(*out, p);
	}
	free(dp);
}

void
diff_align_units(const struct dunits *old, const struct dunits *new,
    dpair_vec *out)
{
	const char **ok = xcalloc(old->n + 1, sizeof(*ok));
	const char **nk = xcalloc(new->n + 1, sizeof(*nk));
	size_t i;

	for (i = 0; i < old->n; i++)
		ok[i] = old->v[i].key;
	for (i = 0; i < new->n; i++)
		nk[i] = new->v[i].key;
	diff_align(ok, old->n, nk, new->n, out);
	free(ok);
	free(nk);
}
