/*
 * derive.c: the derivers, in the order they run.  A deriver reads only the
 * resolved profile (and the registry) and writes only keys the schema
 * marks derived; it reports a problem at the input the value came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "doc/docset.h"
#include "profile/derive.h"
#include "profile/derive_assets.h"
#include "profile/derive_forms.h"
#include "profile/derive_review.h"
#include "profile/profile.h"
#include "profile/schema.h"

struct value *
derive_str(struct arena *a, const char *s, struct pos pos)
{
	struct value *v = arena_alloc(a, sizeof(*v));

	v->kind = V_STR;
	v->pos = pos;
	v->str = arena_strdup(a, s);
	v->plain = 1;
	return v;
}

struct value *
derive_list(struct arena *a, size_t cap, struct pos pos)
{
	struct value *v = arena_alloc(a, sizeof(*v));

	v->kind = V_LIST;
	v->pos = pos;
	v->items = arena_alloc(a, (cap + 1) * sizeof(*v->items));
	return v;
}

struct value *
derive_map(struct arena *a, const struct schema *s, struct pos pos)
{
	struct value *v = arena_alloc(a, sizeof(*v));

	v->kind = V_MAP;
	v->pos = pos;
	v->schema = s;
	v->keys = arena_alloc(a, (s->nkeys + 1) * sizeof(*v->keys));
	v->keypos = arena_alloc(a, (s->nkeys + 1) * sizeof(*v->keypos));
	v->items = arena_alloc(a, (s->nkeys + 1) * sizeof(*v->items));
	return v;
}

void
derive_put(struct value *m, const char *key, struct value *v)
{
	const struct schema *ks = schema_key(m->schema, key);
	size_t i;

	if (ks == NULL)		/* a deriver and its schema disagree */
		abort();
	v->schema = ks;
	for (i = 0; i < m->n; i++)
		if (strcmp(m->keys[i], key) == 0) {
			m->items[i] = v;
			return;
		}
	if (m->n >= m->schema->nkeys)
		abort();
	m->keys[m->n] = ks->name;
	m->keypos[m->n] = v->pos;
	m->items[m->n++] = v;
}

void
derive_set(struct value *m, enum pkey k, struct value *v)
{
	derive_put(m, pkey_leaf(k), v);
}

/* The resolved tree is the deriver's to extend. */
static struct value *
map_at(struct value *root, enum pkey k)
{
	return (struct value *)profile_at(root, k);
}

/* Copies the derived keys of a chapter into a row of regulations.table. */
static struct value *
table_row(struct arena *a, const struct schema *row, const char *id,
    const struct value *ch)
{
	static const struct {
		enum pkey	from, to;
	} keys[] = {
		{ K_CHAPTER_TITLE, K_ROW_TITLE },
		{ K_CHAPTER_WRITTEN, K_ROW_WRITTEN },
		{ K_CHAPTER_STATE, K_ROW_STATE },
		{ K_CHAPTER_NUMBER, K_ROW_NUMBER },
		{ K_CHAPTER_DATE, K_ROW_DATE },
	};
	struct value *m = derive_map(a, row, ch->pos);
	size_t i;

	derive_set(m, K_ROW_ID, derive_str(a, id, ch->pos));
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		const struct value *v = profile_get(ch, keys[i].from);

		if (v != NULL) {
			struct value *c = arena_alloc(a, sizeof(*c));

			*c = *v;
			derive_set(m, keys[i].to, c);
		}
	}
	return m;
}

/*
 * Regulations chapters: whether each is written (its status is not
 * 作成不要 and its registry condition holds), its number among the
 * written ones (総則 is chapter 1), the date it shows, and the table in
 * registry order.
 */
static int
derive_chapters(struct value *root, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	const struct docset *reg = o->registry;
	struct value *chapters = map_at(root, K_REG_CHAPTERS);
	struct value *regs = map_at(root, K_REGULATIONS);
	const char *style = profile_str(root, K_REG_NUMBERING);
	const struct schema *ts;
	struct value *table;
	int articles = style != NULL && strcmp(style, "articles") == 0;
	int number = 1;
	size_t i;

	(void)d;
	if (reg == NULL || chapters == NULL || regs == NULL)
		return 0;
	ts = schema_key(regs->schema, pkey_leaf(K_REG_TABLE));
	table = derive_list(a, reg->nchapters, regs->pos);
	for (i = 0; i < reg->nchapters; i++) {
		const struct chapdef *c = &reg->chapters[i];
		struct value *ch = (struct value *)value_get(chapters, c->id,
		    NULL);
		const struct value *status;
		const struct value *date;
		char num[32];
		int written;

		if (ch == NULL)
			continue;
		status = value_get(ch, pkey_leaf(K_CHAPTER_STATUS), NULL);
		written = chapter_applies(c, root) &&
		    strcmp(status->str, "作成不要") != 0;
		derive_set(ch, K_CHAPTER_TITLE, derive_str(a, c->title,
		    c->pos));
		derive_set(ch, K_CHAPTER_WRITTEN, derive_str(a,
		    written ? "true" : "false", status->pos));
		derive_set(ch, K_CHAPTER_STATE, derive_str(a,
		    written ? status->str : "作成不要", status->pos));
		if (written) {
			number++;
			snprintf(num, sizeof(num), articles ? "第%d章" : "%d",
			    number);
			derive_set(ch, K_CHAPTER_NUMBER, derive_str(a, num,
			    status->pos));
		}
		if ((date = value_get(ch, pkey_leaf(K_CHAPTER_REVISED),
		    NULL)) == NULL &&
		    (date = profile_at(root, K_REG_REVISED)) == NULL)
			date = profile_at(root, K_POLICY_ESTABLISHED);
		if (date != NULL)
			derive_set(ch, K_CHAPTER_DATE, derive_str(a,
			    date->str, date->pos));
		table->items[table->n++] = table_row(a, ts->items, c->id, ch);
	}
	derive_set(regs, K_REG_TABLE, table);
	for (i = 0; i < table->n; i++)
		table->items[i]->schema = ts->items;
	return 0;
}

static const struct {
	enum pkey	 part;	/* what the deriver works on (for a reader) */
	int		(*fn)(struct value *, struct arena *,
			    const struct derive_opts *, struct diags *);
} derivers[] = {
	{ K_COMPANY_FORM, derive_org },		/* first: others read it */
	{ K_REG_CHAPTERS, derive_chapters },
	{ K_SELF_ASSESSMENT, derive_assessment },
	{ K_DIST_STAFF, derive_staff },
	{ K_DIST_ISSUED, derive_issued },
	{ K_PLEDGE_PAGES, derive_pledges },
	{ K_REVIEW, derive_review },
	{ K_SCHEDULE, derive_schedule },
	{ K_ASSETS, derive_assets },
};

int
derive_all(struct value *root, struct arena *a, const struct derive_opts *o,
    struct diags *d)
{
	int errors = d->errors;
	size_t i;

	for (i = 0; i < sizeof(derivers) / sizeof(derivers[0]); i++)
		derivers[i].fn(root, a, o, d);
	return d->errors > errors ? -1 : 0;
}
