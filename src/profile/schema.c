/*
 * schema.c: compiling the schema files and validating profiles with them.
 *
 * Validation runs in two passes.  The first walks the profile beside the
 * schema: types, allowed values, unknown and missing keys, and builds the
 * resolved copy with defaults.  The second runs on the resolved copy, where
 * every value is known: references between keys (a role naming a person),
 * required_when and only_when, duplicate ids.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dates.h"
#include "profile/schema.h"
#include "base/strmap.h"
#include "base/util.h"

struct schema_set {
	struct arena	*arena;
	struct schema	*root;
	struct source	*sources;	/* kept: positions point into paths */
	size_t		 nsources;
};

static const struct { const char *name; enum stype type; } type_names[] = {
	{ "string", T_STRING }, { "text", T_TEXT }, { "int", T_INT },
	{ "bool", T_BOOL }, { "date", T_DATE }, { "enum", T_ENUM },
	{ "ref", T_REF }, { "list", T_LIST }, { "map", T_MAP },
};

/* What a value of each type looks like, for messages. */
static const char *
type_expected(enum stype t)
{
	switch (t) {
	case T_INT:
		return "整数";
	case T_BOOL:
		return " true か false ";
	case T_DATE:
		return "日付（YYYY-MM-DD）";
	case T_LIST:
		return "リスト";
	case T_MAP:
		return "マップ（キー: 値）";
	case T_ENUM:
		return "決められた値のどれか";
	case T_REF:
		return "id";
	default:
		return "文字列";
	}
}

const struct schema *
schema_root(const struct schema_set *set)
{
	return set->root;
}

const struct schema *
schema_at(const struct schema *root, const char *path)
{
	const struct schema *s = root;
	const char *p = path;
	char key[128];
	size_t n;
	int r;

	while (s != NULL && (r = path_next(&p, key, sizeof(key))) != 0) {
		if (r < 0)
			return NULL;
		n = strlen(key);
		if (n > 2 && strcmp(key + n - 2, "[]") == 0) {
			key[n - 2] = '\0';
			s = schema_key(s, key);
			s = s && s->type == T_LIST ? s->items : NULL;
		} else if (strcmp(key, "<id>") == 0)	/* any key_from key */
			s = s->keys_from ? s->each : NULL;
		else
			s = schema_key(s, key);
	}
	return s;
}

const struct schema *
schema_key(const struct schema *map, const char *key)
{
	size_t i;

	if (map == NULL || map->type != T_MAP)
		return NULL;
	for (i = 0; i < map->nkeys; i++)
		if (strcmp(map->keys[i]->name, key) == 0)
			return map->keys[i];
	return NULL;
}

/* ---- compiling the schema files ---- */

struct compiler {
	struct arena	*arena;
	struct diags	*diags;
	int		 failed;
};

/* Reports a problem of the schema files themselves (catalogue entry id). */
static void
schema_error(struct compiler *c, struct pos pos, enum diag_id id,
    const char *a, const char *b)
{
	diag(c->diags, id, pos, a, b);
	c->failed = 1;
}

static const char *
scalar_field(struct compiler *c, const struct value *desc, const char *key)
{
	const struct value *v = value_get(desc, key, NULL);

	if (v == NULL)
		return NULL;
	if (v->kind != V_STR) {
		schema_error(c, v->pos, E_SCHEMA_STRING, NULL, NULL);
		return NULL;
	}
	return v->str;
}

static struct schema *compile(struct compiler *c, const char *name,
    const char *path, const struct value *desc);

static void
compile_keys(struct compiler *c, struct schema *s, const struct value *keys)
{
	size_t i;

	if (keys == NULL || keys->kind != V_MAP) {
		schema_error(c, keys ? keys->pos : s->pos, E_SCHEMA_NEEDS,
		    "map", "keys:");
		return;
	}
	s->nkeys = keys->n;
	s->keys = arena_alloc(c->arena, keys->n * sizeof(*s->keys));
	for (i = 0; i < keys->n; i++) {
		char *path = arena_alloc(c->arena,
		    strlen(s->path) + strlen(keys->keys[i]) + 2);

		strcpy(path, s->path);
		if (*path)
			strcat(path, ".");
		strcat(path, keys->keys[i]);
		s->keys[i] = compile(c, keys->keys[i], path, keys->items[i]);
	}
}

static void
compile_enum(struct compiler *c, struct schema *s, const struct value *vals)
{
	size_t i;

	if (vals == NULL || vals->kind != V_LIST || vals->n == 0) {
		schema_error(c, s->pos, E_SCHEMA_NEEDS, "enum", "values:");
		return;
	}
	s->nvalues = vals->n;
	s->values = arena_alloc(c->arena, vals->n * sizeof(*s->values));
	for (i = 0; i < vals->n; i++)
		s->values[i] = vals->items[i]->str ? vals->items[i]->str : "";
}

static struct schema *
compile(struct compiler *c, const char *name, const char *path,
    const struct value *desc)
{
	struct schema *s = arena_alloc(c->arena, sizeof(*s));
	const char *type, *num;
	const struct value *v;
	size_t i;

	s->name = name;
	s->path = path;
	s->pos = desc->pos;
	if (desc->kind != V_MAP) {
		schema_error(c, desc->pos, E_SCHEMA_DESC, NULL, NULL);
		return s;
	}
	type = scalar_field(c, desc, "type");
	for (i = 0; type && i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (strcmp(type, type_names[i].name) == 0)
			break;
	if (type == NULL) {
		schema_error(c, desc->pos, E_SCHEMA_MISSING, "type: ", NULL);
		return s;
	}
	if (i == sizeof(type_names) / sizeof(type_names[0])) {
		const char *names[sizeof(type_names) / sizeof(type_names[0])];
		const struct value *tv = value_get(desc, "type", NULL);
		const char *near;
		size_t j;

		for (j = 0; j < sizeof(names) / sizeof(names[0]); j++)
			names[j] = type_names[j].name;
		diag(c->diags, E_SCHEMA_TYPE, tv->pos, type);
		near = closest_name(type, names, sizeof(names) / sizeof(names[0]));
		if (near != NULL)
			diag(c->diags, H_DID_YOU_MEAN, tv->pos, near);
		c->failed = 1;
		return s;
	}
	s->type = type_names[i].type;
	s->doc = scalar_field(c, desc, "doc");
	if (s->doc == NULL && *name)	/* a list item may go without */
		schema_error(c, desc->pos, E_SCHEMA_MISSING, "doc: （説明）",
		    NULL);
	if (s->doc == NULL)
		s->doc = "";
	v = value_get(desc, "required", NULL);
	if (v != NULL && value_bool(v, &s->required) != 0)
		schema_error(c, v->pos, E_SCHEMA_BOOL, "required:", NULL);
	s->required_when = scalar_field(c, desc, "required_when");
	s->only_when = scalar_field(c, desc, "only_when");
	v = value_get(desc, "derived", NULL);
	if (v != NULL && value_bool(v, &s->derived) != 0)
		schema_error(c, v->pos, E_SCHEMA_BOOL, "derived:", NULL);
	s->keys_from = scalar_field(c, desc, "keys_from");
	s->ascending = scalar_field(c, desc, "ascending");
	s->def = value_get(desc, "default", NULL);
	s->example = value_get(desc, "example", NULL);
	s->to = scalar_field(c, desc, "to");
	s->role = scalar_field(c, desc, "role");
	s->title = scalar_field(c, desc, "title");
	s->stand_in = scalar_field(c, desc, "stand_in");
	if ((num = scalar_field(c, desc, "min")) != NULL) {
		s->min = strtol(num, NULL, 10);
		s->has_min = 1;
	}
	if ((num = scalar_field(c, desc, "max")) != NULL) {
		s->max = strtol(num, NULL, 10);
		s->has_max = 1;
	}
	for (i = 0; i < desc->n; i++) {
		static const char *known[] = { "type", "doc", "required",
		    "required_when", "only_when", "default", "example",
		    "values", "min", "max", "to", "items", "keys", "derived",
		    "keys_from", "each", "ascending", "role", "stand_in",
		    "title" };
		const char *k = desc->keys[i];
		size_t j;

		for (j = 0; j < sizeof(known) / sizeof(known[0]); j++)
			if (strcmp(k, known[j]) == 0)
				break;
		if (j == sizeof(known) / sizeof(known[0])) {
			const char *near = closest_name(k, known,
			    sizeof(known) / sizeof(known[0]));

			diag(c->diags, E_SCHEMA_FIELD, desc->keypos[i], k);
			if (near != NULL)
				diag(c->diags, H_DID_YOU_MEAN, desc->keypos[i],
				    near);
			c->failed = 1;
		}
	}
	switch (s->type) {
	case T_MAP:
		if (s->keys_from == NULL) {
			compile_keys(c, s, value_get(desc, "keys", NULL));
			break;
		}
		/* keys_from: the keys come later, from schema_instantiate */
		if ((v = value_get(desc, "each", NULL)) == NULL)
			schema_error(c, desc->pos, E_SCHEMA_NEEDS,
			    "keys_from", "each:");
		else {
			char *epath = arena_alloc(c->arena, strlen(path) + 8);

			sprintf(epath, "%s.<id>", path);
			s->each = compile(c, "<id>", epath, v);
		}
		break;
	case T_LIST:
		if ((v = value_get(desc, "items", NULL)) == NULL)
			schema_error(c, desc->pos, E_SCHEMA_NEEDS,
			    "list", "items:");
		else {
			char *ipath = arena_alloc(c->arena, strlen(path) + 3);

			strcpy(ipath, path);
			strcat(ipath, "[]");
			s->items = compile(c, "", ipath, v);
		}
		break;
	case T_ENUM:
		compile_enum(c, s, value_get(desc, "values", NULL));
		break;
	case T_REF:
		if (s->to == NULL)
			schema_error(c, desc->pos, E_SCHEMA_NEEDS,
			    "ref", "to:");
		break;
	default:
		break;
	}
	return s;
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The *.yaml names in dir, sorted; NULL on error. */
static char **
list_yaml(const char *dir, size_t *n)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	VEC(char *) names = {0};
	size_t len;

	if (dp == NULL)
		return NULL;
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".yaml") == 0) {
			struct buf b = {0};

			buf_addf(&b, "%s/%s", dir, de->d_name);
			VEC_PUSH(names, buf_take(&b));
		}
	}
	closedir(dp);
	if (names.n)
		qsort(names.v, names.n, sizeof(char *), name_cmp);
	*n = names.n;
	if (names.v == NULL)
		names.v = xcalloc(1, sizeof(char *));
	return names.v;
}

struct schema_set *
schema_load_dir(const char *dir, struct diags *d)
{
	struct schema_set *set = xcalloc(1, sizeof(*set));
	struct compiler c = { .diags = d };
	VEC(struct schema *) top = {0};
	char **files;
	size_t n, i, j;

	set->arena = c.arena = arena_new();
	if ((files = list_yaml(dir, &n)) == NULL || n == 0) {
		diag(d, E_OPEN, (struct pos){ dir, 0, 0 },
		    "スキーマ（*.yaml）が見つかりません");
		free(files);
		schema_set_free(set);
		return NULL;
	}
	set->sources = xcalloc(n, sizeof(*set->sources));
	for (i = 0; i < n; i++) {
		struct source *src = &set->sources[set->nsources];
		struct value *root;

		if (source_load(src, files[i], ENC_UTF8, d) != 0) {
			c.failed = 1;
			continue;
		}
		set->nsources++;
		if ((root = yaml_load(src, c.arena, d)) == NULL) {
			c.failed = 1;
			continue;
		}
		if (root->kind != V_MAP) {
			schema_error(&c, root->pos, E_SCHEMA_ROOT, NULL, NULL);
			continue;
		}
		for (j = 0; j < root->n; j++)
			VEC_PUSH(top, compile(&c, root->keys[j],
			    root->keys[j], root->items[j]));
	}
	for (i = 0; i < n; i++)
		free(files[i]);
	free(files);
	set->root = arena_alloc(c.arena, sizeof(*set->root));
	set->root->type = T_MAP;
	set->root->name = set->root->path = "";
	set->root->doc = "プロファイル";
	set->root->nkeys = top.n;
	set->root->keys = arena_alloc(c.arena, top.n * sizeof(struct schema *));
	for (i = 0; i < top.n; i++)
		set->root->keys[i] = top.v[i];
	VEC_FREE(top);
	if (c.failed) {
		schema_set_free(set);
		return NULL;
	}
	return set;
}

/* Copies the description d for key name under parent path. */
static struct schema *
instance(struct arena *a, const struct schema *d, const char *parent,
    const char *name, const char *doc)
{
	struct schema *s = arena_alloc(a, sizeof(*s));
	char *path = arena_alloc(a, strlen(parent) + strlen(name) + 2);
	size_t i;

	*s = *d;
	sprintf(path, "%s.%s", parent, name);
	s->name = name;
	s->path = path;
	if (doc != NULL)	/* a registry entry's title: its doc and title */
		s->doc = s->title = doc;
	if (d->nkeys) {
		s->keys = arena_alloc(a, d->nkeys * sizeof(*s->keys));
		for (i = 0; i < d->nkeys; i++)
			s->keys[i] = instance(a, d->keys[i], path,
			    d->keys[i]->name, NULL);
	}
	return s;
}

static void
instantiate(struct arena *a, struct schema *s, const char *from,
    const char *const *names, const char *const *docs, size_t n)
{
	size_t i;

	if (s->type == T_LIST && s->items != NULL)
		instantiate(a, s->items, from, names, docs, n);
	for (i = 0; i < s->nkeys; i++)
		instantiate(a, s->keys[i], from, names, docs, n);
	if (s->type != T_MAP || s->keys_from == NULL || s->each == NULL ||
	    strcmp(s->keys_from, from) != 0)
		return;
	s->nkeys = n;
	s->keys = arena_alloc(a, (n + 1) * sizeof(*s->keys));
	for (i = 0; i < n; i++)
		s->keys[i] = instance(a, s->each, s->path, names[i], docs[i]);
}

void
schema_instantiate(struct schema_set *set, const char *from,
    const char *const *names, const char *const *docs, size_t n)
{
	instantiate(set->arena, set->root, from, names, docs, n);
}

void
schema_list_files(const struct schema_set *set, struct buf *out)
{
	size_t i;

	for (i = 0; i < set->nsources; i++)
		buf_addf(out, "%s ", set->sources[i].path);
}

void
schema_set_free(struct schema_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->nsources; i++)
		source_free(&set->sources[i]);
	free(set->sources);
	arena_free(set->arena);
	free(set);
}

/* ---- did you mean ---- */

static size_t
edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b), i, j, *row, prev, tmp, best;

	if (la > 64 || lb > 64)
		return 99;
	row = xcalloc(lb + 1, sizeof(*row));
	for (j = 0; j <= lb; j++)
		row[j] = j;
	for (i = 1; i <= la; i++) {
		prev = row[0];
		row[0] = i;
		for (j = 1; j <= lb; j++) {
			tmp = row[j];
			best = prev + (a[i - 1] != b[j - 1]);
			if (row[j] + 1 < best)
				best = row[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			prev = tmp;
		}
	}
	best = row[lb];
	free(row);
	return best;
}

const char *
closest_name(const char *word, const char *const *names, size_t n)
{
	size_t i, d, best = (size_t)-1, limit = strlen(word) / 3 + 1;
	const char *pick = NULL;

	if (limit > 3)
		limit = 3;
	for (i = 0; i < n; i++) {
		d = edit_distance(word, names[i]);
		if (d < best) {
			best = d;
			pick = names[i];
		}
	}
	return best <= limit ? pick : NULL;
}

/* ---- pass 1: types, keys, defaults ---- */

/* The ids of a list that references point into, indexed once. */
struct id_index {
	const struct value	*list;
	struct strmap		 ids;	/* id → item */
	char			*hint;	/* "a, b, c …" for H_DEFINED_HERE */
};

struct checker {
	struct arena		*arena;
	struct diags		*diags;
	const struct value	*root;	/* resolved root, for pass 2 */
	int			 failed;
	VEC(struct id_index)	 indexes;
};

static char *
item_path(struct checker *k, const char *path, size_t index)
{
	struct buf b = {0};
	char *s;

	buf_addf(&b, "%s[%zu]", path, index + 1);
	s = arena_strdup(k->arena, b.p);
	buf_free(&b);
	return s;
}

static char *
key_path(struct checker *k, const char *path, const char *key)
{
	struct buf b = {0};
	char *s;

	buf_addf(&b, "%s%s%s", path, *path ? "." : "", key);
	s = arena_strdup(k->arena, b.p);
	buf_free(&b);
	return s;
}

static struct value *check(struct checker *k, const struct schema *s,
    const struct value *v, const char *path, int quiet_missing);

static int
parse_int(const char *s, long *out)
{
	char *end;

	if (*s == '\0')
		return -1;
	*out = strtol(s, &end, 10);
	return *end == '\0' ? 0 : -1;
}

/* A wrong value as messages quote it: 「text」, or its kind. */
static void
describe_value(struct buf *b, const struct value *v)
{
	if (v->kind == V_STR)
		buf_addf(b, "「%s」", v->str);
	else
		buf_adds(b, value_kind_name(v));
}

static void
type_error(struct checker *k, const struct schema *s, const struct value *v,
    const char *path)
{
	struct buf b = {0};

	describe_value(&b, v);
	diag(k->diags, E_TYPE, v->pos, path, type_expected(s->type), b.p);
	if (v->kind == V_STR && !v->plain) {
		struct value plain = *v;
		long n;
		int bl;

		plain.plain = 1;
		if ((s->type == T_BOOL && value_bool(&plain, &bl) == 0) ||
		    (s->type == T_INT && parse_int(v->str, &n) == 0))
			diag(k->diags, H_UNQUOTE, v->pos, v->str);
	}
	buf_free(&b);
}

static struct value *
copy_scalar(struct checker *k, const struct value *v)
{
	struct value *c = arena_alloc(k->arena, sizeof(*c));

	*c = *v;
	return c;
}

static struct value *
check_scalar(struct checker *k, const struct schema *s,
    const struct value *v, const char *path)
{
	struct date dt;
	long n;
	int b;
	size_t i;

	if (v->kind != V_STR) {
		type_error(k, s, v, path);
		return NULL;
	}
	switch (s->type) {
	case T_INT:
		if (!v->plain || parse_int(v->str, &n) != 0) {
			type_error(k, s, v, path);
			return NULL;
		}
		if ((s->has_min && n < s->min) || (s->has_max && n > s->max)) {
			struct buf r = {0};

			if (s->has_min)
				buf_addf(&r, "%ld 以上", s->min);
			if (s->has_max)
				buf_addf(&r, "%s%ld 以下", s->has_min ? "、" : "",
				    s->max);
			diag(k->diags, E_INT_RANGE, v->pos, path, v->str, r.p);
			buf_free(&r);
			return NULL;
		}
		break;
	case T_BOOL:
		if (value_bool(v, &b) != 0) {
			type_error(k, s, v, path);
			return NULL;
		}
		break;
	case T_DATE:
		if (date_parse(v->str, &dt) != 0) {
			int y, m, dd;

			diag(k->diags, E_DATE, v->pos, path, v->str);
			/* The right shape with an impossible day or month. */
			if (sscanf(v->str, "%4d-%2d-%2d", &y, &m, &dd) == 3 &&
			    strlen(v->str) == 10 && (m < 1 || m > 12))
				diag(k->diags, H_MONTH_RANGE, v->pos);
			else if (sscanf(v->str, "%4d-%2d-%2d", &y, &m, &dd) == 3 &&
			    strlen(v->str) == 10 && y >= 1900)
				diag(k->diags, H_DAY_RANGE, v->pos, y, m,
				    date_days_in_month(y, m));
			else
				diag(k->diags, H_DATE, v->pos);
			return NULL;
		}
		break;
	case T_ENUM:
		for (i = 0; i < s->nvalues; i++)
			if (strcmp(v->str, s->values[i]) == 0)
				break;
		if (i == s->nvalues) {
			struct buf all = {0};
			const char *near;

			for (i = 0; i < s->nvalues; i++)
				buf_addf(&all, "%s%s", i ? ", " : "",
				    s->values[i]);
			diag(k->diags, E_ENUM, v->pos, path, v->str);
			near = closest_name(v->str, s->values, s->nvalues);
			if (near != NULL)
				diag(k->diags, H_DID_YOU_MEAN, v->pos, near);
			else
				diag(k->diags, H_ALLOWED, v->pos, all.p);
			buf_free(&all);
			return NULL;
		}
		break;
	default:
		break;
	}
	return copy_scalar(k, v);
}

static struct value *
check_list(struct checker *k, const struct schema *s, const struct value *v,
    const char *path)
{
	struct value *c;
	size_t i;
	int failed = 0;

	if (v->kind != V_LIST) {
		type_error(k, s, v, path);
		return NULL;
	}
	c = copy_scalar(k, v);
	c->items = arena_alloc(k->arena, v->n * sizeof(*c->items));
	c->n = 0;
	for (i = 0; i < v->n; i++) {
		struct value *item = check(k, s->items, v->items[i],
		    item_path(k, path, i), 0);

		/* Go on: report every item; keep the good ones. */
		if (item != NULL)
			c->items[c->n++] = item;
		else
			failed = 1;
	}
	c->incomplete = failed;
	return c;
}

static void
unknown_key(struct checker *k, const struct schema *s, const char *key,
    struct pos pos, const char *path)
{
	const char **names = xcalloc(s->nkeys + 1, sizeof(*names));
	const char *near;
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		names[i] = s->keys[i]->name;
	diag(k->diags, E_UNKNOWN_KEY, pos, key_path(k, path, key));
	if ((near = closest_name(key, names, s->nkeys)) != NULL)
		diag(k->diags, H_DID_YOU_MEAN, pos, near);
	free(names);
}

static struct value *
check_map(struct checker *k, const struct schema *s, const struct value *v,
    const char *path, int quiet_missing)
{
	struct value *c;
	size_t i, out = 0;
	int failed = 0;

	if (v->kind != V_MAP) {
		type_error(k, s, v, path);
		return NULL;
	}
	for (i = 0; i < v->n; i++)
		if (schema_key(s, v->keys[i]) == NULL) {
			unknown_key(k, s, v->keys[i], v->keypos[i], path);
			failed = 1;
		}
	c = copy_scalar(k, v);
	c->keys = arena_alloc(k->arena, s->nkeys * sizeof(*c->keys));
	c->keypos = arena_alloc(k->arena, s->nkeys * sizeof(*c->keypos));
	c->items = arena_alloc(k->arena, s->nkeys * sizeof(*c->items));
	for (i = 0; i < s->nkeys; i++) {
		const struct schema *ks = s->keys[i];
		size_t at;
		const struct value *kv = value_get(v, ks->name, &at);
		const char *kp = key_path(k, path, ks->name);
		struct value *r;

		if (ks->derived) {	/* derive.c fills it in later */
			if (kv != NULL) {
				diag(k->diags, E_DERIVED, v->keypos[at], kp);
				failed = 1;
			}
			continue;
		}
		if (kv == NULL || kv->kind == V_NULL) {
			if (ks->required && !quiet_missing) {
				if (kv != NULL)	/* "name:" with nothing after */
					diag(k->diags, E_EMPTY_VALUE,
					    v->keypos[at], kp);
				else
					diag(k->diags, E_MISSING, v->pos, kp);
				failed = 1;
				continue;
			}
			if (ks->def == NULL && ks->type != T_MAP)
				continue;
			r = check(k, ks, ks->def, kp, 1);
			if (r != NULL)
				r->defaulted = 1;
		} else
			r = check(k, ks, kv, kp, quiet_missing);
		if (r == NULL || r->incomplete)
			failed = 1;
		if (r == NULL)
			continue;
		c->keys[out] = ks->name;
		c->keypos[out] = kv ? v->keypos[at] : v->pos;
		c->items[out++] = r;
	}
	c->n = out;
	c->incomplete = failed;
	return c;
}

/*
 * Checks v (NULL: absent) against s.  An absent map is synthesised so that
 * the defaults inside it apply; its required keys are then not reported,
 * because the author chose to leave the whole group out.
 */
static struct value *
check(struct checker *k, const struct schema *s, const struct value *v,
    const char *path, int quiet_missing)
{
	static const struct value empty_map = { .kind = V_MAP };
	struct value *r;

	if (v == NULL) {
		struct value m = empty_map;

		m.pos = s->pos;
		r = check_map(k, s, &m, path, 1);
		if (r != NULL)
			r->defaulted = 1;
	} else if (s->type == T_MAP)
		r = check_map(k, s, v, path, quiet_missing);
	else if (s->type == T_LIST)
		r = check_list(k, s, v, path);
	else
		r = check_scalar(k, s, v, path);
	if (r != NULL)
		r->schema = s;
	return r;
}

/* ---- pass 2: relations between keys ---- */

const struct value *
value_at(const struct value *root, const char *path)
{
	const struct value *v = root;
	const char *p = path;
	char key[128];
	int r;

	while (v != NULL && (r = path_next(&p, key, sizeof(key))) != 0) {
		if (r < 0)
			return NULL;
		v = value_get(v, key, NULL);
	}
	return v;
}

static int
path_true(const struct value *root, const char *path)
{
	int b = 0;

	value_bool(value_at(root, path), &b);
	return b;
}

const struct value *
schema_deref(const struct value *root, const struct value *ref)
{
	const struct value *list;
	size_t i;

	if (ref == NULL || ref->schema == NULL || ref->schema->type != T_REF)
		return NULL;
	list = value_at(root, ref->schema->to);
	if (list == NULL || list->kind != V_LIST)
		return NULL;
	for (i = 0; i < list->n; i++) {
		const struct value *id = value_get(list->items[i], "id", NULL);

		if (id != NULL && id->kind == V_STR &&
		    strcmp(id->str, ref->str) == 0)
			return list->items[i];
	}
	return NULL;
}

/* Ids shown in the hint after a bad reference, at most. */
#define REF_HINT_IDS 20

/*
 * The id index of list, built on first use, so that each reference costs
 * one lookup however many items the list has.
 */
static struct id_index *
id_index(struct checker *k, const struct value *list)
{
	struct id_index x = { list, {0}, NULL };
	struct buf hint = {0};
	size_t i, shown = 0;

	for (i = 0; i < k->indexes.n; i++)
		if (k->indexes.v[i].list == list)
			return &k->indexes.v[i];
	for (i = 0; i < list->n; i++) {
		const struct value *id = value_get(list->items[i], "id", NULL);

		if (id == NULL || id->kind != V_STR ||
		    strmap_put(&x.ids, id->str, i, NULL) != 0)
			continue;	/* each id once */
		if (shown++ < REF_HINT_IDS)
			buf_addf(&hint, "%s%s", hint.n ? ", " : "", id->str);
	}
	if (shown > REF_HINT_IDS)
		buf_addf(&hint, " …（ほか %zu 件）", shown - REF_HINT_IDS);
	x.hint = buf_take(&hint);
	VEC_PUSH(k->indexes, x);
	return &k->indexes.v[k->indexes.n - 1];
}

static void
check_ref(struct checker *k, const struct value *v, const char *path)
{
	const struct value *list = value_at(k->root, v->schema->to);
	struct id_index *x;
	size_t i;

	/* A list that had errors of its own is no ground for another. */
	if (list == NULL || list->kind != V_LIST || list->incomplete)
		return;
	x = id_index(k, list);
	if (strmap_get(&x->ids, v->str, &i))
		return;
	diag(k->diags, E_REF, v->pos, path, v->str, v->schema->to);
	if (x->hint != NULL && x->hint[0] != '\0')
		diag(k->diags, H_DEFINED_HERE, v->pos, x->hint);
}

/* Duplicate ids in one list, found with a hash table (linear). */
static void
check_ids(struct checker *k, const struct value *list)
{
	struct strmap seen = {0};
	size_t i, first;

	for (i = 0; i < list->n; i++) {
		const struct value *a = value_get(list->items[i], "id", NULL);

		if (a == NULL || a->kind != V_STR ||
		    strmap_put(&seen, a->str, i, &first) == 0)
			continue;
		diag(k->diags, E_DUP_ID, a->pos, a->str,
		    value_get(list->items[first], "id", NULL)->pos.line);
	}
	strmap_free(&seen);
}

/*
 * A list that must be in order (the rounds of the self-assessment, oldest
 * first): each item whose key comes before the previous item's is
 * reported.  Dates and numbers written as YYYY-MM-DD or plain digits of
 * one width compare as text.
 */
static void
check_order(struct checker *k, const struct value *list, const char *path,
    const char *key)
{
	const struct value *prev = NULL;
	size_t i;

	for (i = 0; i < list->n; i++) {
		const struct value *v = value_get(list->items[i], key, NULL);

		if (v == NULL || v->kind != V_STR)
			continue;
		if (prev != NULL && strcmp(v->str, prev->str) < 0)
			diag(k->diags, E_ORDER, v->pos,
			    key_path(k, item_path(k, path, i), key), v->str,
			    prev->str, prev->pos.line);
		prev = v;
	}
}

/* The index of key in map v (which has it). */
static size_t
i_of(const struct value *v, const char *key)
{
	size_t i = 0;

	value_get(v, key, &i);
	return i;
}

static void
relate(struct checker *k, const struct value *v, const char *path)
{
	const struct schema *s = v->schema;
	size_t i;

	if (s->type == T_REF && v->kind == V_STR)
		check_ref(k, v, path);
	if (v->kind == V_LIST) {
		if (s->items && schema_key(s->items, "id") != NULL)
			check_ids(k, v);
		if (s->ascending != NULL)
			check_order(k, v, path, s->ascending);
		for (i = 0; i < v->n; i++)
			relate(k, v->items[i], item_path(k, path, i));
	}
	if (v->kind != V_MAP)
		return;
	for (i = 0; i < s->nkeys; i++) {
		const struct schema *ks = s->keys[i];
		const struct value *kv = value_get(v, ks->name, NULL);
		const char *kp = key_path(k, path, ks->name);

		if (ks->only_when && kv && !kv->defaulted &&
		    !path_true(k->root, ks->only_when))
			diag(k->diags, E_ONLY_WHEN, v->keypos[i_of(v, ks->name)],
			    kp, ks->only_when);
		if (ks->required_when && !v->defaulted &&
		    (kv == NULL || kv->defaulted) &&
		    path_true(k->root, ks->required_when))
			diag(k->diags, E_REQUIRED_WHEN, v->pos,
			    ks->required_when, kp);
		if (kv != NULL)
			relate(k, kv, kp);
	}
}

struct value *
schema_check(const struct schema *root, const struct value *profile,
    struct arena *a, struct diags *d)
{
	struct checker k = { .arena = a, .diags = d };
	struct value *r;
	int errors = d->errors, held = d->holding;

	if (profile->kind != V_MAP) {
		struct buf b = {0};

		describe_value(&b, profile);
		diag(d, E_ROOT, profile->pos, b.p);
		buf_free(&b);
		return NULL;
	}
	if (!held)
		diags_hold(d);
	r = check(&k, root, profile, "", 0);
	if (r != NULL) {
		k.root = r;
		relate(&k, r, "");
	}
	for (size_t i = 0; i < k.indexes.n; i++) {
		strmap_free(&k.indexes.v[i].ids);
		free(k.indexes.v[i].hint);
	}
	VEC_FREE(k.indexes);
	if (!held)
		diags_release(d);
	return d->errors > errors ? NULL : r;
}

/* ---- docs/profile.md and kitei init ---- */

static void
write_scalar_yaml(struct buf *out, const struct value *v)
{
	const char *p;

	if (v->plain) {
		buf_adds(out, v->str);
		return;
	}
	buf_addc(out, '"');
	for (p = v->str; *p; p++) {
		if (*p == '"' || *p == '\\')
			buf_addc(out, '\\');
		if (*p == '\n')
			buf_adds(out, "\\n");
		else
			buf_addc(out, *p);
	}
	buf_addc(out, '"');
}

static void
write_value_inline(struct buf *out, const struct value *v)
{
	size_t i;

	if (v == NULL || v->kind == V_NULL) {
		buf_adds(out, "");
		return;
	}
	if (v->kind == V_STR) {
		write_scalar_yaml(out, v);
		return;
	}
	buf_adds(out, v->kind == V_LIST ? "[" : "{");
	for (i = 0; i < v->n; i++) {
		if (i)
			buf_adds(out, ", ");
		if (v->kind == V_MAP)
			buf_addf(out, "%s: ", v->keys[i]);
		write_value_inline(out, v->items[i]);
	}
	buf_adds(out, v->kind == V_LIST ? "]" : "}");
}

static const char *
type_label(const struct schema *s)
{
	size_t i;

	for (i = 0; i < sizeof(type_names) / sizeof(type_names[0]); i++)
		if (type_names[i].type == s->type)
			return type_names[i].name;
	return "?";
}

static void
doc_rows(const struct schema *s, struct buf *out)
{
	size_t i;
	struct buf cell = {0};

	if (*s->path) {
		buf_addf(out, "| `%s` | %s", s->path, type_label(s));
		if (s->type == T_ENUM) {
			buf_adds(out, " (");
			for (i = 0; i < s->nvalues; i++)
				buf_addf(out, "%s`%s`", i ? ", " : "",
				    s->values[i]);
			buf_adds(out, ")");
		}
		if (s->type == T_REF)
			buf_addf(out, " → `%s`", s->to);
		buf_addf(out, " | %s", s->derived ? "計算値" :
		    s->required ? "必須" :
		    s->required_when ? "条件付き必須" : "任意");
		if (s->def != NULL && s->def->kind == V_STR)
			buf_addf(&cell, "`%s`", s->def->str);
		else if (s->def != NULL)
			buf_adds(&cell, "（既定の一覧あり）");
		buf_addf(out, " | %s | %s", cell.p ? cell.p : "", s->doc);
		if (s->required_when)
			buf_addf(out, "（`%s` が true のとき必須）",
			    s->required_when);
		if (s->only_when)
			buf_addf(out, "（`%s` が true のときだけ）",
			    s->only_when);
		for (i = 0; s->keys_from != NULL && i < s->nkeys; i++)
			buf_addf(out, "%s`%s`", i ? ", " : "。`<id>`: ",
			    s->keys[i]->name);
		buf_adds(out, " |\n");
		buf_free(&cell);
	}
	if (s->type == T_LIST && s->items != NULL)
		doc_rows(s->items, out);
	if (s->keys_from != NULL && s->each != NULL) {
		/* one description for all keys made from the list */
		for (i = 0; i < s->each->nkeys; i++)
			doc_rows(s->each->keys[i], out);
		return;
	}
	for (i = 0; i < s->nkeys; i++)
		doc_rows(s->keys[i], out);
}

void
schema_write_doc(const struct schema *root, struct buf *out)
{
	size_t i;

	buf_adds(out, "# プロファイルのキー一覧\n\n"
	    "<!-- このファイルは `kitei schema-doc` が templates/schema/ から"
	    "生成します。直接編集しないでください。 -->\n\n"
	    "プロファイル（content/<会社>.yaml）に書けるキーの一覧です。"
	    "`[]` はリストの各要素を表します。\n");
	for (i = 0; i < root->nkeys; i++) {
		buf_addf(out, "\n## `%s` — %s\n\n", root->keys[i]->name,
		    root->keys[i]->doc);
		buf_adds(out, "| キー | 型 | 必須 | 既定値 | 説明 |\n"
		    "|---|---|---|---|---|\n");
		doc_rows(root->keys[i], out);
	}
}

static void
indent(struct buf *out, int n)
{
	while (n-- > 0)
		buf_adds(out, "  ");
}

static void starter_map(const struct schema *s, struct buf *out, int depth);

static void
starter_key(const struct schema *ks, struct buf *out, int depth)
{
	const struct value *ex = ks->example ? ks->example : ks->def;

	if (ks->derived || (ks->type != T_MAP && ex == NULL &&
	    !ks->required))
		return;
	indent(out, depth);
	buf_addf(out, "# %s%s\n", ks->doc, ks->required ? "（必須）" : "");
	indent(out, depth);
	buf_addf(out, "%s:", ks->name);
	if (ks->type == T_MAP && ks->example == NULL) {
		buf_addc(out, '\n');
		starter_map(ks, out, depth + 1);
		return;
	}
	if (ex != NULL && ex->kind == V_LIST && ex->n > 0 &&
	    ex->items[0]->kind == V_MAP) {
		size_t i, j;

		buf_addc(out, '\n');
		for (i = 0; i < ex->n; i++)
			for (j = 0; j < ex->items[i]->n; j++) {
				indent(out, depth + 1);
				buf_addf(out, "%s%s: ", j ? "  " : "- ",
				    ex->items[i]->keys[j]);
				write_value_inline(out, ex->items[i]->items[j]);
				buf_addc(out, '\n');
			}
		return;
	}
	buf_addc(out, ' ');
	if (ex != NULL)
		write_value_inline(out, ex);
	else
		buf_adds(out, "\"\"");
	buf_addc(out, '\n');
}

static void
starter_map(const struct schema *s, struct buf *out, int depth)
{
	size_t i;

	for (i = 0; i < s->nkeys; i++)
		starter_key(s->keys[i], out, depth);
}

void
schema_write_starter(const struct schema *root, const char *name,
    struct buf *out)
{
	size_t i;

	buf_addf(out, "# %s の情報セキュリティ文書プロファイル\n"
	    "# kitei init が作成しました。値を自社のものに書き換え、\n"
	    "# kitei check で確認してから kitei build してください。\n"
	    "# キーの一覧: docs/profile.md\n", name);
	for (i = 0; i < root->nkeys; i++) {
		buf_addc(out, '\n');
		starter_key(root->keys[i], out, 0);
	}
}
