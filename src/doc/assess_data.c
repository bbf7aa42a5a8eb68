/*
 * assess_data.c: loading kitei's self-assessment data file through the
 * same loader and schema checker as a profile, and checking that every
 * item names a regulations chapter of the registry and that the items are
 * 1 to 25, once each.
 */
#include <string.h>

#include "base/source.h"
#include "base/util.h"
#include "doc/assess_data.h"
#include "doc/docset.h"
#include "profile/keys.h"
#include "profile/schema.h"
#include "profile/value.h"

struct assess_data {
	struct source		 src;
	struct arena		*arena;
	struct schema_set	*schema;
	const struct value	*root;
};

static const struct key_row keys[A__COUNT] = {
#define AKEY_ROW(id, path, type) { path, type },
	ASSESS_DATA_KEYS(AKEY_ROW)
#undef AKEY_ROW
};

/* The four answers, in the order of the guideline's sheet. */
static const struct {
	const char	*answer;
	int		 points, level;
} answers[] = {
	{ "実施している", 4, 2 },
	{ "一部実施している", 2, 1 },
	{ "実施していない", 0, 0 },
	{ "わからない", -1, -1 },
};

int
assess_points(const char *answer)
{
	size_t i;

	for (i = 0; answer != NULL && i < 4; i++)
		if (strcmp(answer, answers[i].answer) == 0)
			return answers[i].points;
	return -9;
}

int
assess_level(const char *answer)
{
	size_t i;

	for (i = 0; answer != NULL && i < 4; i++)
		if (strcmp(answer, answers[i].answer) == 0)
			return answers[i].level;
	return -9;
}

const char *
assess_leaf(enum akey k)
{
	return key_leaf(keys[k].path);
}

const struct value *
assess_get(const struct value *map, enum akey k)
{
	return value_get(map, assess_leaf(k), NULL);
}

static void
check_items(const struct value *items, const struct docset *reg,
    struct diags *d)
{
	size_t i, k;

	for (i = 0; i < items->n; i++) {
		const struct value *no = assess_get(items->items[i], A_ITEM_NO);
		const struct value *ch = assess_get(items->items[i],
		    A_ITEM_CHAPTER);
		/* Readers index items by number - 1. */
		if (atoi(no->str) != (int)i + 1)
			diag(d, E_DATA_ITEM_ORDER, no->pos, no->str);
		for (k = 0; reg != NULL && k < reg->nchapters; k++)
			if (strcmp(reg->chapters[k].id, ch->str) == 0)
				break;
		if (reg != NULL && k == reg->nchapters)
			diag(d, E_DATA_CHAPTER, ch->pos, ch->str);
	}
	if (items->n != ASSESS_ITEMS)
		diag(d, E_DATA_ITEM_COUNT, items->pos, items->n);
}

struct assess_data *
assess_data_load(const char *templates_dir, const struct docset *registry,
    struct diags *d)
{
	struct assess_data *a = xcalloc(1, sizeof(*a));
	struct buf path = {0};
	struct value *raw;
	int errors = d->errors;

	buf_addf(&path, "%s/data/schema", templates_dir);
	if ((a->schema = schema_load_dir(path.p, d)) != NULL)
		key_rows_check(keys, A__COUNT, schema_root(a->schema), path.p,
		    "自社診断データ", "src/doc/assess_data.h", d);
	path.n = 0;
	buf_addf(&path, "%s/data/assessment-items.yaml", templates_dir);
	if (a->schema != NULL &&
	    source_load(&a->src, path.p, ENC_UTF8, d) == 0) {
		a->arena = arena_new();
		if ((raw = yaml_load(&a->src, a->arena, d)) != NULL)
			a->root = schema_check(schema_root(a->schema), raw,
			    a->arena, d);
		if (a->root != NULL)
			check_items(assess_get(a->root, A_ITEMS), registry,
			    d);
	}
	buf_free(&path);
	if (d->errors > errors) {
		assess_data_free(a);
		return NULL;
	}
	return a;
}

void
assess_data_free(struct assess_data *a)
{
	if (a == NULL)
		return;
	source_free(&a->src);
	arena_free(a->arena);
	schema_set_free(a->schema);
	free(a);
}

void
assess_data_list_files(const struct assess_data *a, struct buf *out)
{
	buf_addf(out, "%s ", a->src.path);
	schema_list_files(a->schema, out);
}

const struct value *
assess_data_root(const struct assess_data *a)
{
	return a->root;
}
