/*
 * yaml.c: libyaml's event stream turned into a value tree with positions.
 * Only this file includes yaml.h.  The loader refuses what a profile never
 * needs and what would make it dangerous: aliases, several documents,
 * nesting past YAML_MAX_DEPTH and more than YAML_MAX_NODES values, tags
 * other than YAML's core ones (!!binary, !!python/object …: a profile
 * holds text, and a tag it cannot honour must not pass as text), and NUL
 * characters in keys and values (C strings would cut them short).
 * Duplicate keys are found with a hash table, so a map of any size costs
 * linear time.
 */
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "base/strmap.h"
#include "base/util.h"
#include "profile/value.h"

struct loader {
	yaml_parser_t		 parser;
	const struct source	*src;
	struct arena		*arena;
	struct diags		*diags;
	size_t			 nodes;
	int			 failed;
};

/* libyaml counts lines and columns from 0 and columns in characters. */
static struct pos
mark_pos(const struct loader *l, yaml_mark_t m)
{
	return (struct pos){ l->src->path, (int)m.line + 1, (int)m.column + 1 };
}

/* libyaml's problems in the words a profile's author needs. */
static const char *
yaml_problem_ja(const char *problem)
{
	static const struct { const char *en, *ja; } table[] = {
		{ "mapping values are not allowed in this context",
		  "ここには「キー: 値」を書けません（字下げのずれか、引用符のない値の中の「: 」）" },
		{ "did not find expected key",
		  "キーがあるべき位置にありません（字下げがそろっていません）" },
		{ "found unexpected end of stream",
		  "引用符が閉じられないままファイルが終わっています" },
		{ "found character that cannot start any token",
		  "ここに書けない文字があります" },
		{ "did not find expected '-' indicator",
		  "リストの「- 」があるべき位置にありません（字下げがそろっていません）" },
		{ "block sequence entries are not allowed in this context",
		  "ここにはリストの「- 」を書けません（字下げがずれています）" },
		{ "did not find expected node content",
		  "値があるべき位置にありません" },
		{ "could not find expected ':'",
		  "キーの後の「:」が見つかりません（引用符の閉じ忘れの可能性があります）" },
		{ "found undefined tag handle", "未定義のタグがあります" },
		{ "did not find expected ',' or ']'",
		  "[ … ] のリストが閉じられていません" },
		{ "did not find expected ',' or '}'",
		  "{ … } のマップが閉じられていません" },
	};
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (strcmp(problem, table[i].en) == 0)
			return table[i].ja;
	return problem;
}

static void
report_parser_error(struct loader *l)
{
	yaml_parser_t *p = &l->parser;
	struct pos pos = mark_pos(l, p->problem_mark);
	size_t off = p->problem_mark.index;

	/*
	 * An unclosed quote or bracket is found only at the end of the
	 * file; the author needs the place where it was opened.
	 */
	if (p->problem != NULL && p->context != NULL &&
	    (strcmp(p->problem, "found unexpected end of stream") == 0 ||
	    strncmp(p->problem, "did not find expected ','", 25) == 0))
		pos = mark_pos(l, p->context_mark);
	const char *problem = p->problem ? p->problem : "不明な誤り";

	/*
	 * libyaml's mark.index counts characters; find the byte to see
	 * whether the culprit is a tab, the most common editor accident.
	 */
	size_t i = 0, c = 0;

	while (i < l->src->len && c < off) {
		utf8_next(l->src->text, l->src->len, &i);
		c++;
	}
	if (p->error == YAML_SCANNER_ERROR && i < l->src->len &&
	    l->src->text[i] == '\t') {
		diag(l->diags, E_YAML_TAB, pos);
		diag(l->diags, H_TAB, pos);
	} else
		diag(l->diags, E_YAML, pos, yaml_problem_ja(problem));
	l->failed = 1;
}

static int
next_event(struct loader *l, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&l->parser, ev)) {
		report_parser_error(l);
		return -1;
	}
	return 0;
}

static struct value *load_node(struct loader *l, yaml_event_t *ev, int depth);

static struct value *
new_value(struct loader *l, enum vkind kind, yaml_mark_t m)
{
	struct value *v = arena_alloc(l->arena, sizeof(*v));

	v->kind = kind;
	v->pos = mark_pos(l, m);
	l->nodes++;
	return v;
}

static int
is_null_scalar(const yaml_event_t *ev)
{
	const char *s = (const char *)ev->data.scalar.value;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return 0;
	return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/*
 * Whether tag (NULL when none was written) is one of YAML's core tags,
 * which only say what the plain text already says.  Reports any other.
 */
static int
tag_ok(struct loader *l, const yaml_char_t *tag, yaml_mark_t m)
{
	static const char *const core[] = { "str", "int", "bool", "null",
	    "float", "seq", "map" };
	static const char prefix[] = "tag:yaml.org,2002:";
	const char *t = (const char *)tag;
	size_t i;

	if (t == NULL)
		return 1;
	if (strncmp(t, prefix, sizeof(prefix) - 1) == 0)
		for (i = 0; i < sizeof(core) / sizeof(core[0]); i++)
			if (strcmp(t + sizeof(prefix) - 1, core[i]) == 0)
				return 1;
	if (strncmp(t, prefix, sizeof(prefix) - 1) == 0) {
		struct buf b = {0};

		buf_addf(&b, "!!%s", t + sizeof(prefix) - 1);
		diag(l->diags, E_YAML_TAG, mark_pos(l, m), b.p);
		buf_free(&b);
	} else
		diag(l->diags, E_YAML_TAG, mark_pos(l, m), t);
	l->failed = 1;
	return 0;
}

/*
 * Whether a scalar holds no NUL or other control character (written as an
 * escape such as "\e") and is at most YAML_MAX_SCALAR bytes long
 * (reported if not).
 */
static int
scalar_ok(struct loader *l, const yaml_event_t *ev)
{
	if (ev->data.scalar.length > YAML_MAX_SCALAR) {
		diag(l->diags, E_YAML_LONG, mark_pos(l, ev->start_mark),
		    ev->data.scalar.length, YAML_MAX_SCALAR);
		l->failed = 1;
		return 0;
	}
	size_t at;
	int c;

	if (memchr(ev->data.scalar.value, '\0', ev->data.scalar.length) !=
	    NULL) {
		diag(l->diags, E_YAML_NUL, mark_pos(l, ev->start_mark));
		l->failed = 1;
		return 0;
	}
	/* "\e" and friends: the same rule as raw bytes in any file. */
	c = source_control_char((const char *)ev->data.scalar.value,
	    ev->data.scalar.length, &at);
	if (c < 0)
		return 1;
	diag(l->diags, E_CONTROL, mark_pos(l, ev->start_mark), c);
	l->failed = 1;
	return 0;
}

static struct value *
load_scalar(struct loader *l, yaml_event_t *ev)
{
	struct value *v;

	if (!tag_ok(l, ev->data.scalar.tag, ev->start_mark) || !scalar_ok(l, ev))
		return NULL;

	v = new_value(l, is_null_scalar(ev) ? V_NULL : V_STR, ev->start_mark);
	v->str = arena_strndup(l->arena, (const char *)ev->data.scalar.value,
	    ev->data.scalar.length);
	v->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
	return v;
}

static struct value *
load_sequence(struct loader *l, yaml_event_t *start, int depth)
{
	struct value *v = new_value(l, V_LIST, start->start_mark), *item;
	VEC(struct value *) items = {0};
	yaml_event_t ev;

	for (;;) {
		if (next_event(l, &ev) != 0)
			break;
		if (ev.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		item = load_node(l, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (item == NULL)
			break;
		VEC_PUSH(items, item);
	}
	v->n = items.n;
	v->items = arena_alloc(l->arena, items.n * sizeof(*v->items));
	if (items.n)
		memcpy(v->items, items.v, items.n * sizeof(*v->items));
	VEC_FREE(items);
	return l->failed ? NULL : v;
}

static struct value *
load_mapping(struct loader *l, yaml_event_t *start, int depth)
{
	struct value *v = new_value(l, V_MAP, start->start_mark), *val;
	VEC(struct value *) vals = {0};
	VEC(const char *) keys = {0};
	VEC(struct pos) kpos = {0};
	struct strmap seen = {0};
	yaml_event_t ev;
	size_t i, first;

	for (;;) {
		if (next_event(l, &ev) != 0)
			break;
		if (ev.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type != YAML_SCALAR_EVENT) {
			diag(l->diags, E_YAML_KEY, mark_pos(l, ev.start_mark));
			yaml_event_delete(&ev);
			l->failed = 1;
			break;
		}
		struct pos kp = mark_pos(l, ev.start_mark);
		const char *key = arena_strndup(l->arena,
		    (const char *)ev.data.scalar.value, ev.data.scalar.length);
		int dup;

		if (!tag_ok(l, ev.data.scalar.tag, ev.start_mark) ||
		    !scalar_ok(l, &ev)) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
		dup = strmap_put(&seen, key, keys.n, &first);
		if (dup)
			diag(l->diags, E_YAML_DUPKEY, kp, key,
			    kpos.v[first].line);
		if (next_event(l, &ev) != 0)
			break;
		val = load_node(l, &ev, depth + 1);
		yaml_event_delete(&ev);
		if (val == NULL)
			break;
		if (dup)
			continue;	/* duplicate: keep the first */
		VEC_PUSH(keys, key);
		VEC_PUSH(kpos, kp);
		VEC_PUSH(vals, val);
	}
	v->n = keys.n;
	v->keys = arena_alloc(l->arena, keys.n * sizeof(*v->keys));
	v->keypos = arena_alloc(l->arena, keys.n * sizeof(*v->keypos));
	v->items = arena_alloc(l->arena, keys.n * sizeof(*v->items));
	for (i = 0; i < keys.n; i++) {
		v->keys[i] = keys.v[i];
		v->keypos[i] = kpos.v[i];
		v->items[i] = vals.v[i];
	}
	VEC_FREE(keys);
	VEC_FREE(kpos);
	VEC_FREE(vals);
	strmap_free(&seen);
	return l->failed ? NULL : v;
}

static struct value *
load_node(struct loader *l, yaml_event_t *ev, int depth)
{
	if (l->nodes >= YAML_MAX_NODES) {
		diag(l->diags, E_YAML_NODES, mark_pos(l, ev->start_mark),
		    YAML_MAX_NODES);
		l->failed = 1;
		return NULL;
	}
	switch (ev->type) {
	case YAML_SCALAR_EVENT:
		if (ev->data.scalar.anchor != NULL)
			break;
		return load_scalar(l, ev);
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT:
		if (depth >= YAML_MAX_DEPTH) {
			diag(l->diags, E_YAML_DEPTH,
			    mark_pos(l, ev->start_mark), YAML_MAX_DEPTH);
			l->failed = 1;
			return NULL;
		}
		if (ev->type == YAML_SEQUENCE_START_EVENT) {
			if (ev->data.sequence_start.anchor != NULL)
				break;
			if (!tag_ok(l, ev->data.sequence_start.tag,
			    ev->start_mark))
				return NULL;
			return load_sequence(l, ev, depth);
		}
		if (ev->data.mapping_start.anchor != NULL)
			break;
		if (!tag_ok(l, ev->data.mapping_start.tag, ev->start_mark))
			return NULL;
		return load_mapping(l, ev, depth);
	default:
		break;
	}
	/* An alias, or an anchor on a node. */
	diag(l->diags, E_YAML_ALIAS, mark_pos(l, ev->start_mark));
	l->failed = 1;
	return NULL;
}

/* Reads up to the first document's content; NULL root for an empty file. */
static struct value *
load_stream(struct loader *l)
{
	struct value *root = NULL;
	yaml_event_t ev;
	int docs = 0;

	for (;;) {
		if (next_event(l, &ev) != 0)
			return NULL;
		yaml_event_type_t t = ev.type;

		if (t == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (t == YAML_DOCUMENT_START_EVENT && ++docs > 1) {
			diag(l->diags, E_YAML_MULTIDOC,
			    mark_pos(l, ev.start_mark));
			yaml_event_delete(&ev);
			return NULL;
		}
		if (t != YAML_STREAM_START_EVENT &&
		    t != YAML_DOCUMENT_START_EVENT &&
		    t != YAML_DOCUMENT_END_EVENT) {
			root = load_node(l, &ev, 0);
			yaml_event_delete(&ev);
			if (root == NULL)
				return NULL;
			continue;
		}
		yaml_event_delete(&ev);
	}
	if (root == NULL) {
		diag(l->diags, E_EMPTY, (struct pos){ l->src->path, 0, 0 });
		return NULL;
	}
	return root;
}

struct value *
yaml_load(const struct source *src, struct arena *a, struct diags *d)
{
	struct loader l = { .src = src, .arena = a, .diags = d };
	struct value *root;
	int errors = d->errors;

	yaml_parser_initialize(&l.parser);
	yaml_parser_set_input_string(&l.parser,
	    (const unsigned char *)src->text, src->len);
	yaml_parser_set_encoding(&l.parser, YAML_UTF8_ENCODING);
	root = load_stream(&l);
	yaml_parser_delete(&l.parser);
	if (d->errors > errors)
		return NULL;	/* e.g. duplicate keys: reported, not fatal */
	return root;
}

struct value *
value_get(const struct value *v, const char *key, size_t *index)
{
	size_t i;

	if (v == NULL || v->kind != V_MAP)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (strcmp(v->keys[i], key) == 0) {
			if (index != NULL)
				*index = i;
			return v->items[i];
		}
	return NULL;
}

const char *
value_kind_name(const struct value *v)
{
	if (v == NULL)
		return "値なし";
	switch (v->kind) {
	case V_NULL:
		return "空の値";
	case V_LIST:
		return "リスト";
	case V_MAP:
		return "マップ";
	default:
		return "文字列";
	}
}

int
value_true(const struct value *v)
{
	int b = 0;

	value_bool(v, &b);
	return b;
}

int
value_bool(const struct value *v, int *out)
{
	static const char *yes[] = { "true", "True", "TRUE", "yes", "Yes",
	    "YES", "on", "On", "ON" };
	static const char *no[] = { "false", "False", "FALSE", "no", "No",
	    "NO", "off", "Off", "OFF" };
	size_t i;

	if (v == NULL || v->kind != V_STR || !v->plain)
		return -1;
	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (strcmp(v->str, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcmp(v->str, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}
