/*
 * docset.c: loading the document registry (templates/documents.yaml) and
 * planning which documents a profile gets.  The registry is a YAML file
 * like a profile, so it goes through the same loader and schema checker
 * (with its own schema in templates/registry/); what is left here is
 * turning the checked tree into definitions and checking that each profile
 * path it names exists in the profile schema with a fitting type.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/source.h"
#include "base/util.h"
#include "data/xlsx.h"
#include "doc/assess_data.h"
#include "doc/docset.h"
#include "profile/keys.h"
#include "profile/schema.h"
#include "profile/value.h"

/*
 * Every key of the registry the C code reads, as PROFILE_KEYS lists the
 * profile's: checked against the registry's own schema when it is
 * loaded, so renaming one there fails loudly at start-up.
 */
#define REGISTRY_KEYS(X) \
	X(R_DOCUMENTS,		"documents",			T_LIST) \
	X(R_DOC_ID,		"documents[].id",		T_STRING) \
	X(R_DOC_TITLE,		"documents[].title",		T_STRING) \
	X(R_DOC_TEMPLATE,	"documents[].template",		T_STRING) \
	X(R_DOC_KIND,		"documents[].kind",		T_ENUM) \
	X(R_DOC_PAPER,		"documents[].paper",		T_ENUM) \
	X(R_DOC_PAPER_KEY,	"documents[].paper_key",	T_STRING) \
	X(R_DOC_NUMBERING,	"documents[].numbering",	T_ENUM) \
	X(R_DOC_NUMBERING_KEY,	"documents[].numbering_key",	T_STRING) \
	X(R_DOC_COVER,		"documents[].cover",		T_BOOL) \
	X(R_DOC_TOC,		"documents[].toc",		T_BOOL) \
	X(R_DOC_CHAPTER_BREAKS,	"documents[].chapter_breaks",	T_BOOL) \
	X(R_DOC_SHOW_TITLE,	"documents[].show_title",	T_BOOL) \
	X(R_DOC_PUBLIC,		"documents[].public",		T_BOOL) \
	X(R_DOC_SIGNATURE,	"documents[].signature",	T_BOOL) \
	X(R_DOC_PAGE_REFS,	"documents[].page_refs",	T_BOOL) \
	X(R_DOC_WHEN,		"documents[].when",		T_STRING) \
	X(R_DOC_PER,		"documents[].per",		T_STRING) \
	X(R_DOC_WORKBOOK,	"documents[].workbook",		T_STRING) \
	X(R_DOC_OUTPUTS,	"documents[].outputs",		T_LIST) \
	X(R_CHAPTERS,		"chapters",			T_LIST) \
	X(R_CH_ID,		"chapters[].id",		T_STRING) \
	X(R_CH_TITLE,		"chapters[].title",		T_STRING) \
	X(R_CH_TEMPLATE,	"chapters[].template",		T_STRING) \
	X(R_CH_ONLY_WHEN,	"chapters[].only_when",		T_STRING)

enum rkey {
#define RKEY_ENUM(id, path, type) id,
	REGISTRY_KEYS(RKEY_ENUM)
#undef RKEY_ENUM
	R__COUNT
};

static const struct key_row rkeys[R__COUNT] = {
#define RKEY_ROW(id, path, type) { path, type },
	REGISTRY_KEYS(RKEY_ROW)
#undef RKEY_ROW
};

struct registry {
	struct source		 src;
	struct arena		*arena;
	struct schema_set	*schema;
	const struct value	*docs;	/* the checked documents list */
};

/* The value at k's last key in an entry of the registry, or NULL. */
static const struct value *
get(const struct value *map, enum rkey k)
{
	return value_get(map, key_leaf(rkeys[k].path), NULL);
}

static const char *
str_of(const struct value *map, enum rkey k)
{
	const struct value *v = get(map, k);

	return v != NULL && v->kind == V_STR ? v->str : NULL;
}

static int
bool_of(const struct value *map, enum rkey k)
{
	int b = 0;

	value_bool(get(map, k), &b);
	return b;
}

/* The index of s in words (n of them); 0 when absent (the default). */
static int
word_index(const char *s, const char *const *words, size_t n)
{
	size_t i;

	for (i = 0; s != NULL && i < n; i++)
		if (strcmp(s, words[i]) == 0)
			return (int)i;
	return 0;
}

/*
 * Checks that path names a key of the profile schema whose type is one
 * of want (a mask of 1 << enum stype); reports at the registry value.
 */
static int
check_path(const struct value *entry, enum rkey k,
    const struct schema *root, unsigned want, struct diags *d)
{
	const struct value *v = get(entry, k);
	const char *key = key_leaf(rkeys[k].path);
	const struct schema *s;

	if (v == NULL || v->kind != V_STR)
		return 0;
	s = schema_at(root, v->str);
	if (s == NULL) {
		diag(d, E_REGISTRY_KEY, v->pos, key, v->str);
		return -1;
	}
	if (((1u << s->type) & want) == 0) {
		diag(d, E_REGISTRY_TYPE, v->pos, key, v->str);
		return -1;
	}
	return 0;
}

/*
 * A PDF or HTML output needs a template; an xlsx output a workbook kitei
 * has.
 */
static int
check_workbook(const struct docdef *def, const struct value *e,
    struct diags *d)
{
	const struct value *w = get(e, R_DOC_WORKBOOK);

	if ((def->outputs & (OUT_PDF | OUT_HTML)) && def->template == NULL) {
		diag(d, E_REGISTRY_TEMPLATE, e->pos, def->id);
		return -1;
	}
	if ((def->outputs & OUT_XLSX) && def->workbook == NULL) {
		diag(d, E_REGISTRY_WORKBOOK, e->pos, "（なし）", xlsx_names());
		return -1;
	}
	if (def->workbook != NULL && !xlsx_known(def->workbook)) {
		diag(d, E_REGISTRY_WORKBOOK, w->pos, def->workbook,
		    xlsx_names());
		return -1;
	}
	return 0;
}

static void
read_doc(struct docdef *def, const struct value *e)
{
	static const char *const kinds[] = { "text", "form", "ledger",
	    "comparison" };
	static const char *const papers[] = { "a4", "a5", "a4-landscape",
	    "a3-landscape" };
	static const char *const nums[] = { "none", "sections", "articles" };
	const struct value *outs = get(e, R_DOC_OUTPUTS);
	size_t i;

	def->id = str_of(e, R_DOC_ID);
	def->title = str_of(e, R_DOC_TITLE);
	def->template = str_of(e, R_DOC_TEMPLATE);
	def->kind = (enum doc_kind)word_index(str_of(e, R_DOC_KIND), kinds,
	    4);
	def->paper = (enum paper)word_index(str_of(e, R_DOC_PAPER), papers,
	    4);
	def->paper_key = str_of(e, R_DOC_PAPER_KEY);
	def->numbering = (enum numbering)word_index(str_of(e,
	    R_DOC_NUMBERING), nums, 3);
	def->numbering_key = str_of(e, R_DOC_NUMBERING_KEY);
	def->cover = bool_of(e, R_DOC_COVER);
	def->toc = bool_of(e, R_DOC_TOC);
	def->chapter_breaks = bool_of(e, R_DOC_CHAPTER_BREAKS);
	def->show_title = bool_of(e, R_DOC_SHOW_TITLE);
	def->public = bool_of(e, R_DOC_PUBLIC);
	def->signature = bool_of(e, R_DOC_SIGNATURE);
	def->page_refs = bool_of(e, R_DOC_PAGE_REFS);
	def->when = str_of(e, R_DOC_WHEN);
	def->per = str_of(e, R_DOC_PER);
	def->workbook = str_of(e, R_DOC_WORKBOOK);
	def->pos = e->pos;
	for (i = 0; outs != NULL && i < outs->n; i++) {
		const char *o = outs->items[i]->str;

		def->outputs |= strcmp(o, "pdf") == 0 ? OUT_PDF :
		    strcmp(o, "html") == 0 ? OUT_HTML : OUT_XLSX;
	}
}

/* File stems must be plain names: they become file names in out/. */
static int
valid_stem(const char *s)
{
	if (s == NULL || *s == '\0' || strlen(s) > 40)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-'))
			return 0;
	return 1;
}

static int
read_registry(struct docset *set, const struct value *reg,
    const struct schema *root, struct diags *d)
{
	const struct value *docs = get(reg, R_DOCUMENTS);
	const struct value *chs = get(reg, R_CHAPTERS);
	const unsigned flag = 1u << T_BOOL;
	int bad = 0;
	size_t i, j;

	set->ndocs = docs->n;
	set->docs = xcalloc(docs->n + 1, sizeof(*set->docs));
	for (i = 0; i < docs->n; i++) {
		const struct value *e = docs->items[i];

		read_doc(&set->docs[i], e);
		if (!valid_stem(set->docs[i].id)) {
			diag(d, E_REGISTRY_ID, get(e, R_DOC_ID)->pos,
			    set->docs[i].id);
			bad = 1;
		}
		for (j = 0; j < i; j++)
			if (strcmp(set->docs[j].id, set->docs[i].id) == 0) {
				diag(d, E_DUP_ID, get(e, R_DOC_ID)->pos,
				    set->docs[i].id, set->docs[j].pos.line);
				bad = 1;
			}
		bad |= check_workbook(&set->docs[i], e, d);
	}
	set->nchapters = chs->n;
	set->chapters = xcalloc(chs->n + 1, sizeof(*set->chapters));
	for (i = 0; i < chs->n; i++) {
		const struct value *e = chs->items[i];
		struct chapdef *c = &set->chapters[i];

		c->id = str_of(e, R_CH_ID);
		c->title = str_of(e, R_CH_TITLE);
		c->template = str_of(e, R_CH_TEMPLATE);
		c->only_when = str_of(e, R_CH_ONLY_WHEN);
		c->pos = e->pos;
		bad |= check_path(e, R_CH_ONLY_WHEN, root, flag, d);
		for (j = 0; j < i; j++)
			if (strcmp(set->chapters[j].id, c->id) == 0) {
				diag(d, E_DUP_ID, get(e, R_CH_ID)->pos, c->id,
				    set->chapters[j].pos.line);
				bad = 1;
			}
	}
	return bad ? -1 : 0;
}

struct docset *
docset_load(const char *templates_dir, const struct schema *profile_schema,
    struct diags *d)
{
	struct docset *set = xcalloc(1, sizeof(*set));
	struct registry *r = xcalloc(1, sizeof(*r));
	struct buf path = {0};
	struct value *raw;
	const struct value *reg;
	int errors = d->errors;

	set->priv = r;
	buf_addf(&path, "%s/registry", templates_dir);
	if ((r->schema = schema_load_dir(path.p, d)) != NULL)
		key_rows_check(rkeys, R__COUNT, schema_root(r->schema), path.p,
		    "文書登録簿", "src/doc/docset.c", d);
	path.n = 0;
	buf_addf(&path, "%s/documents.yaml", templates_dir);
	if (r->schema != NULL &&
	    source_load(&r->src, path.p, ENC_UTF8, d) == 0) {
		r->arena = arena_new();
		if ((raw = yaml_load(&r->src, r->arena, d)) != NULL &&
		    (reg = schema_check(schema_root(r->schema), raw, r->arena,
		    d)) != NULL) {
			r->docs = get(reg, R_DOCUMENTS);
			read_registry(set, reg, profile_schema, d);
		}
	}
	if (d->errors == errors)
		set->assessment = assess_data_load(templates_dir, set, d);
	buf_free(&path);
	if (d->errors > errors) {
		docset_free(set);
		return NULL;
	}
	return set;
}

/*
 * The profile paths documents name may lead through maps made from the
 * registry's own chapter list (regulations.chapters.<id>.written), so
 * they are checked once the caller has instantiated those.
 */
int
docset_check_paths(const struct docset *set, const struct schema *root,
    struct diags *d)
{
	const struct registry *r = set->priv;
	const unsigned flag = 1u << T_BOOL, list = 1u << T_LIST;
	int bad = 0;
	size_t i;

	for (i = 0; r->docs != NULL && i < r->docs->n; i++) {
		const struct value *e = r->docs->items[i];

		bad |= check_path(e, R_DOC_PAPER_KEY, root, 1u << T_ENUM, d);
		bad |= check_path(e, R_DOC_NUMBERING_KEY, root, 1u << T_ENUM,
		    d);
		bad |= check_path(e, R_DOC_WHEN, root, flag | list, d);
		bad |= check_path(e, R_DOC_PER, root, list, d);
	}
	return bad ? -1 : 0;
}

void
docset_free(struct docset *set)
{
	struct registry *r;

	if (set == NULL)
		return;
	r = set->priv;
	assess_data_free(set->assessment);
	source_free(&r->src);
	arena_free(r->arena);
	schema_set_free(r->schema);
	free(r);
	free(set->docs);
	free(set->chapters);
	free(set);
}

void
docset_list_files(const struct docset *set, struct buf *out)
{
	const struct registry *r = set->priv;

	buf_addf(out, "%s ", r->src.path);
	schema_list_files(r->schema, out);
	if (set->assessment != NULL)
		assess_data_list_files(set->assessment, out);
}

const struct docdef *
docset_find(const struct docset *set, const char *id)
{
	size_t i;

	for (i = 0; i < set->ndocs; i++)
		if (strcmp(set->docs[i].id, id) == 0)
			return &set->docs[i];
	return NULL;
}

/* A bool is true, a list is not empty; anything else is false. */
static int
condition_holds(const struct value *profile, const char *path)
{
	const struct value *v;
	int b = 0;

	if (path == NULL)
		return 1;
	v = value_at(profile, path);
	if (v != NULL && v->kind == V_LIST)
		return v->n > 0;
	value_bool(v, &b);
	return b;
}

int
chapter_applies(const struct chapdef *c, const struct value *profile)
{
	return condition_holds(profile, c->only_when);
}

/* The stem of item i of a per: list: its id when that is a plain name. */
static void
item_stem(struct job *j, const struct value *item, size_t i)
{
	const struct value *id = value_get(item, SCHEMA_ID_KEY, NULL);

	if (id != NULL && id->kind == V_STR && valid_stem(id->str))
		snprintf(j->stem, sizeof(j->stem), "%s-%s", j->def->id,
		    id->str);
	else
		snprintf(j->stem, sizeof(j->stem), "%s-%zu", j->def->id,
		    i + 1);
}

size_t
docset_plan(const struct docset *set, const struct value *profile,
    struct job **jobs)
{
	VEC(struct job) out = {0};
	size_t i, k;

	for (i = 0; i < set->ndocs; i++) {
		const struct docdef *def = &set->docs[i];
		const struct value *list;
		struct job j = { def, NULL, "" };

		if (!condition_holds(profile, def->when))
			continue;
		if (def->per == NULL) {
			snprintf(j.stem, sizeof(j.stem), "%s", def->id);
			VEC_PUSH(out, j);
			continue;
		}
		list = value_at(profile, def->per);
		for (k = 0; list != NULL && list->kind == V_LIST &&
		    k < list->n; k++) {
			j.item = list->items[k];
			item_stem(&j, j.item, k);
			VEC_PUSH(out, j);
		}
	}
	*jobs = out.v;
	return out.n;
}
