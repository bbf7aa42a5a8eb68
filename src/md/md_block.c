/*
 * md_block.c: parsing kitei's typed blocks (md_block.h).  Each line of a
 * block is "key: value" (or "- item" for a chart's bars and a grid's
 * rows); fields within a value are separated by "|".  The parse happens
 * once, in the Markdown stage, so both back ends draw the same data.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "md/md_block.h"
#include "base/srcmap.h"

typedef VEC(struct kb_bar) bar_vec;
typedef VEC(int) int_vec;
typedef VEC(struct kb_field) field_vec;

struct parse {
	struct kblock		*b;
	const struct expansion	*e;
	struct diags		*d;
	int			 line;		/* in the expanded text */
	int			 failed;
};

static const struct {
	const char	*name;
	enum kb_kind	 kind;
} kinds[] = {
	{ "kitei-pagebreak", KB_PAGEBREAK },
	{ "kitei-chart", KB_CHART },
	{ "kitei-grid", KB_GRID },
	{ "kitei-form", KB_FORM },
};

static struct pos
line_pos(const struct parse *p)
{
	struct pos at = { "(markdown)", p->line, 1 };

	if (p->e != NULL)
		at = expansion_pos(p->e, p->line, 0);
	return at;
}

static void
bad_line(struct parse *p, const char *what, const char *line)
{
	diag(p->d, E_BLOCK_LINE, line_pos(p), line, what);
	p->failed = 1;
}

/* s without leading and trailing blanks, copied into the block. */
static char *
trimmed(struct parse *p, const char *s, size_t n)
{
	while (n > 0 && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' ||
	    s[n - 1] == '\r'))
		n--;
	return arena_strndup(p->b->arena, s, n);
}

/* Splits s at sep into at most max trimmed fields; returns the count. */
static size_t
split(struct parse *p, const char *s, int sep, char **out, size_t max)
{
	const char *at;
	size_t n = 0;

	while (n < max) {
		at = strchr(s, sep);
		out[n++] = trimmed(p, s, at ? (size_t)(at - s) : strlen(s));
		if (at == NULL)
			break;
		s = at + 1;
	}
	return n;
}

/* "- 基本的対策: 18 / 24" */
static void
chart_line(struct parse *p, const char *line, bar_vec *bars)
{
	const char *colon = strrchr(line, ':');
	struct kb_bar bar;
	char *nums[2];
	char *end;

	if (line[0] != '-' || colon == NULL) {
		bad_line(p, "「- 項目: 値 / 最大」", line);
		return;
	}
	bar.label = trimmed(p, line + 1, (size_t)(colon - line - 1));
	bar.text = trimmed(p, colon + 1, strlen(colon + 1));
	if (split(p, colon + 1, '/', nums, 2) != 2) {
		bad_line(p, "「- 項目: 値 / 最大」", line);
		return;
	}
	bar.value = strtod(nums[0], &end);
	if (*end != '\0' || nums[0][0] == '\0') {
		bad_line(p, "値は数で書きます", line);
		return;
	}
	bar.max = strtod(nums[1], &end);
	if (*end != '\0' || bar.max <= 0 || bar.value > bar.max) {
		bad_line(p, "最大は値以上の正の数で書きます", line);
		return;
	}
	VEC_PUSH(*bars, bar);
}

/* "rows: 重要度 3, 2, 1": a title, then labels. */
static void
grid_axis(struct parse *p, const char *v, const char **title,
    const char ***labels, size_t *n)
{
	const char *sp = strchr(v, ' ');
	char *items[32];
	size_t i;

	if (sp == NULL) {
		bad_line(p, "「見出し ラベル, ラベル, …」", v);
		return;
	}
	*title = trimmed(p, v, (size_t)(sp - v));
	*n = split(p, sp + 1, ',', items, 32);
	*labels = arena_alloc(p->b->arena, *n * sizeof(**labels));
	for (i = 0; i < *n; i++)
		(*labels)[i] = items[i];
}

/* "shade: 大 6-9, 中 4, 小 1-3" */
static void
grid_shades(struct parse *p, const char *v)
{
	char *items[8];
	size_t n = split(p, v, ',', items, 8), i;

	p->b->shades = arena_alloc(p->b->arena, n * sizeof(*p->b->shades));
	for (i = 0; i < n; i++) {
		struct kb_shade *s = &p->b->shades[i];
		char *sp = strchr(items[i], ' ');

		if (sp == NULL || sscanf(sp + 1, "%d-%d", &s->lo, &s->hi) < 1) {
			bad_line(p, "「区分 下限-上限, …」", v);
			return;
		}
		if (strchr(sp + 1, '-') == NULL)
			s->hi = s->lo;
		*sp = '\0';
		s->label = items[i];
		s->level = (int)i;
	}
	p->b->nshades = n;
}

static void
grid_row(struct parse *p, const char *line, int_vec *counts)
{
	const char *s = line + 1;
	size_t k = 0;
	char *end;
	long v;

	for (;;) {
		while (*s == ' ')
			s++;
		if (*s == '\0')
			break;
		v = strtol(s, &end, 10);
		if (end == s || v < 0) {
			bad_line(p, "件数は 0 以上の整数で書きます", line);
			return;
		}
		VEC_PUSH(*counts, (int)v);
		k++;
		s = end;
	}
	if (k != p->b->ncols)
		bad_line(p, "行の件数の数が cols: の数と違います", line);
}

static void
form_line(struct parse *p, const char *key, const char *v,
    field_vec *fields)
{
	static const struct { const char *name; enum kf_kind kind; } fk[] = {
		{ "line", KF_LINE }, { "date", KF_DATE }, { "sign", KF_SIGN },
		{ "seal", KF_SEAL }, { "box", KF_BOX },
	};
	struct kb_field f;
	char *parts[3];
	size_t i, n;

	for (i = 0; i < sizeof(fk) / sizeof(fk[0]); i++)
		if (strcmp(key, fk[i].name) == 0)
			break;
	if (i == sizeof(fk) / sizeof(fk[0])) {
		bad_line(p, "line, date, sign, seal, box のどれか", key);
		return;
	}
	memset(&f, 0, sizeof(f));
	f.kind = fk[i].kind;
	n = split(p, v, '|', parts, 3);
	f.label = parts[0];
	if (f.kind == KF_LINE && n >= 2 && parts[1][0] != '\0')
		f.em = strtof(parts[1], NULL);
	if (f.kind == KF_LINE && n >= 3 && parts[2][0] != '\0')
		f.value = parts[2];
	if ((f.kind == KF_BOX || f.kind == KF_DATE) && n >= 2 &&
	    parts[1][0] != '\0')
		f.value = parts[1];	/* the boxed value; a date's era */
	if (f.em < 0 || f.em > 60) {
		bad_line(p, "線の長さは 0 から 60 字です", v);
		return;
	}
	VEC_PUSH(*fields, f);
}

static void
parse_line(struct parse *p, const char *line, bar_vec *bars,
    int_vec *counts, field_vec *fields)
{
	struct kblock *b = p->b;
	const char *colon = strchr(line, ':');
	char *key = colon ? trimmed(p, line, (size_t)(colon - line)) : NULL;
	const char *v = colon ? colon + 1 : "";

	while (*v == ' ')
		v++;
	switch (b->kind) {
	case KB_PAGEBREAK:
		bad_line(p, "kitei-pagebreak の中には何も書きません", line);
		break;
	case KB_CHART:
		chart_line(p, line, bars);
		break;
	case KB_GRID:
		if (line[0] == '-')
			grid_row(p, line, counts);
		else if (key && strcmp(key, "rows") == 0)
			grid_axis(p, v, &b->row_title, &b->rows, &b->nrows);
		else if (key && strcmp(key, "cols") == 0)
			grid_axis(p, v, &b->col_title, &b->cols, &b->ncols);
		else if (key && strcmp(key, "shade") == 0)
			grid_shades(p, v);
		else
			bad_line(p, "rows:, cols:, shade: か「- 件数 …」", line);
		break;
	case KB_FORM:
		if (key == NULL)
			bad_line(p, "「種類: 見出し | …」", line);
		else
			form_line(p, key, v, fields);
		break;
	}
}

static void
kblock_free(cmark_mem *mem, void *data)
{
	struct kblock *b = data;

	(void)mem;
	arena_free(b->arena);
	free(b);
}

static void
parse_block(cmark_node *node, enum kb_kind kind, const struct expansion *e,
    struct diags *d)
{
	struct kblock *b = xcalloc(1, sizeof(*b));
	struct parse p = { b, e, d, 0, 0 };
	const char *s = cmark_node_get_literal(node), *nl;
	bar_vec bars = {0};
	int_vec counts = {0};
	field_vec fields = {0};

	b->kind = kind;
	b->arena = arena_new();
	p.line = cmark_node_get_start_line(node);
	b->pos = line_pos(&p);
	for (; s != NULL && *s != '\0'; s = nl ? nl + 1 : s + strlen(s)) {
		char *line;

		nl = strchr(s, '\n');
		p.line++;
		line = trimmed(&p, s, nl ? (size_t)(nl - s) : strlen(s));
		if (line[0] != '\0' && line[0] != '#')
			parse_line(&p, line, &bars, &counts, &fields);
		if (nl == NULL)
			break;
	}
	if (kind == KB_GRID && counts.n != b->nrows * b->ncols && !p.failed) {
		p.line = cmark_node_get_start_line(node);
		bad_line(&p, "rows: の数だけ「- 件数 …」の行を書きます", "kitei-grid");
	}
	b->nbars = bars.n;
	b->bars = arena_alloc(b->arena, bars.n * sizeof(*b->bars) + 1);
	if (bars.n)
		memcpy(b->bars, bars.v, bars.n * sizeof(*b->bars));
	b->counts = arena_alloc(b->arena, counts.n * sizeof(int) + 1);
	if (counts.n)
		memcpy(b->counts, counts.v, counts.n * sizeof(int));
	b->nfields = fields.n;
	b->fields = arena_alloc(b->arena, fields.n * sizeof(*b->fields) + 1);
	if (fields.n)
		memcpy(b->fields, fields.v, fields.n * sizeof(*b->fields));
	VEC_FREE(bars);
	VEC_FREE(counts);
	VEC_FREE(fields);
	if (p.failed) {		/* drawn as nothing, not as wrong data */
		kblock_free(NULL, b);
		return;
	}
	cmark_node_set_user_data(node, b);
	cmark_node_set_user_data_free_func(node, kblock_free);
}

/* The kind named by a code block's info string; -1 for plain code. */
static int
block_kind(cmark_node *node, struct diags *d, const struct expansion *e)
{
	const char *info = cmark_node_get_fence_info(node);
	char word[64];
	size_t i, n;

	if (info == NULL || strncmp(info, "kitei-", 6) != 0)
		return -1;
	n = strcspn(info, " \t");
	snprintf(word, sizeof(word), "%.*s", (int)(n < 63 ? n : 63), info);
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strcmp(word, kinds[i].name) == 0)
			return (int)kinds[i].kind;
	{
		struct parse p = { NULL, e, d, cmark_node_get_start_line(node),
		    0 };

		diag(d, E_BLOCK_KIND, line_pos(&p), word);
	}
	return -1;
}

void
md_blocks_parse(cmark_node *root, const struct expansion *e, struct diags *d)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	int kind;

	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);

		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_CODE_BLOCK &&
		    (kind = block_kind(n, d, e)) >= 0)
			parse_block(n, (enum kb_kind)kind, e, d);
	}
	cmark_iter_free(it);
}

const struct kblock *
md_block(cmark_node *node)
{
	if (cmark_node_get_type(node) != CMARK_NODE_CODE_BLOCK)
		return NULL;
	return cmark_node_get_user_data(node);
}

int
kb_grid_shade(const struct kblock *b, size_t row, size_t col)
{
	long product = strtol(b->rows[row], NULL, 10) *
	    strtol(b->cols[col], NULL, 10);
	size_t i;

	for (i = 0; i < b->nshades; i++)
		if (product >= b->shades[i].lo && product <= b->shades[i].hi)
			return b->shades[i].level;
	return -1;
}
