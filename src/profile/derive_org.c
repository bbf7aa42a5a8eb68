/*
 * derive_org.c: defaults derived from the organisation's form and size
 * (a deriver of derive.c's table).
 *
 * Runs after schema_check, on the resolved profile.  The rules follow the
 * size classes of 中小企業基本法 and the labour law: an organisation of at
 * most five people (or a sole proprietorship) has no committee, no
 * separate inspector and no server room of its own; 就業規則 is required
 * from ten employees.  When company.employees is not given, only the form
 * decides: a sole proprietorship counts as micro, anything else as mid-size
 * (the documents as they were before these keys existed).
 */
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "profile/derive.h"
#include "profile/keys.h"
#include "profile/profile.h"
#include "profile/schema.h"
#include "profile/value.h"

/*
 * What each legal form calls itself, its head, and the words the
 * documents use for its inside, its outside and its staff: 社内 and 社員
 * are a company's words (in a 一般社団法人 a 社員 is a member, not an
 * employee).  Every word is a profile key the profile may set instead.
 */
static const struct {
	const char	*form, *self, *head;
	const char	*noun, *inside, *outside, *staff, *join, *leave;
} forms[] = {
	{ "株式会社", "当社", "代表取締役",
	    "会社", "社内", "社外", "社員", "入社", "退社" },
	{ "合同会社", "当社", "代表社員",
	    "会社", "社内", "社外", "社員", "入社", "退社" },
	{ "有限会社", "当社", "代表取締役",
	    "会社", "社内", "社外", "社員", "入社", "退社" },
	{ "個人事業", "当事務所", "代表",
	    "事務所", "所内", "所外", "職員", "入所", "退所" },
	{ "士業事務所", "当事務所", "所長",
	    "事務所", "所内", "所外", "職員", "入所", "退所" },
	{ "一般社団法人", "当法人", "代表理事",
	    "法人", "法人内", "外部", "職員", "入職", "退勤" },
	{ "一般財団法人", "当法人", "理事長",
	    "法人", "法人内", "外部", "職員", "入職", "退勤" },
	{ "協同組合", "当組合", "代表理事",
	    "組合", "組合内", "外部", "職員", "入職", "退勤" },
	{ "NPO法人", "当法人", "理事長",
	    "法人", "法人内", "外部", "職員", "入職", "退勤" },
	{ "任意団体", "当会", "会長",
	    "団体", "団体内", "外部", "職員", "入職", "退勤" },
};

static const char *
str_of(const struct value *v)
{
	return v != NULL && v->kind == V_STR ? v->str : NULL;
}

/* The resolved tree is the deriver's to extend. */
static struct value *
map_at(struct value *root, enum pkey k)
{
	return (struct value *)profile_at(root, k);
}

/*
 * Sets key of map (a resolved map whose key array has room for every key
 * of its schema) to the scalar text, unless the profile set it.
 */
static void
set_key(struct value *map, const char *key, const char *text,
    struct pos from, int only_if_absent, struct arena *a)
{
	const struct schema *ks;
	struct value *v;
	size_t at;

	if (map == NULL || map->kind != V_MAP || map->schema == NULL ||
	    (ks = schema_key(map->schema, key)) == NULL)
		return;
	if (only_if_absent && (v = value_get(map, key, &at)) != NULL &&
	    !v->defaulted)
		return;
	v = arena_alloc(a, sizeof(*v));
	v->kind = V_STR;
	v->str = arena_strdup(a, text);
	v->plain = 1;
	v->pos = from;
	v->schema = ks;
	v->defaulted = 1;
	if (value_get(map, key, &at) != NULL) {
		map->items[at] = v;
		return;
	}
	map->keys[map->n] = ks->name;
	map->keypos[map->n] = from;
	map->items[map->n++] = v;
}

/* Fills k (a key of keys.h) in map when the profile left it out. */
static void
fill(struct value *map, enum pkey k, const char *text, struct pos from,
    struct arena *a)
{
	set_key(map, pkey_leaf(k), text, from, 1, a);
}

int
derive_org(struct value *profile, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	struct value *company = map_at(profile, K_COMPANY);
	struct value *rep = map_at(profile, K_REPRESENTATIVE);
	struct value *org = map_at(profile, K_ORGANIZATION);
	struct value *it = map_at(profile, K_IT);
	const struct value *formv = profile_at(profile, K_COMPANY_FORM);
	const struct value *empv = profile_at(profile, K_EMPLOYEES);
	const char *form = str_of(formv);
	struct pos size_pos;
	long employees = -1;
	int micro, small;
	size_t i;

	(void)o;
	(void)d;
	if (form == NULL)
		return 0;
	for (i = 0; i < sizeof(forms) / sizeof(forms[0]); i++)
		if (strcmp(form, forms[i].form) == 0)
			break;
	if (i == sizeof(forms) / sizeof(forms[0]))
		return 0;
	fill(company, K_SELF_REFERENCE, forms[i].self, formv->pos, a);
	fill(company, K_SELF_NOUN, forms[i].noun, formv->pos, a);
	fill(company, K_INSIDE_WORD, forms[i].inside, formv->pos, a);
	fill(company, K_OUTSIDE_WORD, forms[i].outside, formv->pos, a);
	fill(company, K_STAFF_WORD, forms[i].staff, formv->pos, a);
	fill(company, K_JOIN_WORD, forms[i].join, formv->pos, a);
	fill(company, K_LEAVE_WORD, forms[i].leave, formv->pos, a);
	fill(rep, K_REP_TITLE, forms[i].head, formv->pos, a);
	if (strcmp(forms[i].self, "当社") != 0) {
		/* 全社 is a company's word: others name themselves. */
		struct buf scope = {0};

		buf_addf(&scope, "%sの全員", forms[i].self);
		fill(map_at(profile, K_REGULATIONS), K_REG_SCOPE, scope.p,
		    formv->pos, a);
		buf_free(&scope);
	}

	if (str_of(empv) != NULL)
		employees = strtol(empv->str, NULL, 10);
	size_pos = employees >= 0 ? empv->pos : formv->pos;
	if (employees >= 0) {
		micro = employees <= 5;
		small = employees < 10;
	} else
		micro = small = strcmp(form, "個人事業") == 0;
	fill(org, K_COMMITTEE, micro ? "false" : "true", size_pos, a);
	fill(org, K_INTERNAL_AUDIT, micro ? "false" : "true", size_pos, a);
	fill(org, K_WORK_RULES, small ? "false" : "true", size_pos, a);
	fill(it, K_IT_SERVERS, micro ? "false" : "true", size_pos, a);
	return 0;
}
