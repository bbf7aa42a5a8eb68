/*
 * derive_assessment.c: the self-assessment (自社診断) deriver.  From the
 * rounds a profile records (answers written in the profile or read from
 * the CSV a round names) it computes what the result report, the answer
 * workbook and index.html show: the company's answer per item (the
 * agreed answer, else the respondents' answers aggregated by min or
 * median, わからない left out unless no one knew), points 4 / 2 / 0 / −1,
 * Part subtotals against their maxima, the total out of 100 and its band,
 * counts per answer, the わからない and priority items, where respondents
 * differ by two levels, the trend against the previous round, the plan in
 * priority order with the low items it misses, and SECURITY ACTION 二つ星
 * readiness.  Every value keeps the position of the input it came from.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "doc/assess_data.h"
#include "doc/docset.h"
#include "profile/answers_csv.h"
#include "profile/derive.h"
#include "profile/profile.h"
#include "profile/schema.h"

#define MAX_PARTS	3

struct respondent {
	const char	*name;
	const char	*department;
	const char	*answer[ASSESS_ITEMS];	/* NULL: not read */
	const char	*note[ASSESS_ITEMS];
	int		 total;
};

struct round {
	const struct value	*v;
	struct pos		 pos;
	struct respondent	*resp;
	size_t			 nresp;
	const char		*answer[ASSESS_ITEMS];	/* the company's */
	int			 agreed[ASSESS_ITEMS];
	int			 points[ASSESS_ITEMS];
	int			 part[MAX_PARTS];
	int			 total;
	int			 ok;	/* every answer read */
};

struct part {
	const char	*name;
	int		 first, last;	/* item numbers */
};

struct assess {
	struct value		*root;
	struct arena		*a;
	struct diags		*d;
	const struct value	*sa;
	const struct value	*data;
	const struct value	*items;		/* data items, by number - 1 */
	int			 mapped;	/* items fit the edition */
	struct part		 parts[MAX_PARTS];
	size_t			 nparts;
	struct round		*rounds;
	size_t			 nrounds;
	struct value		*inputs;	/* the CSV files read */
	int			 median;
};

static const char *part_of(const struct assess *, size_t);

static const char *const answers[] = { "実施している", "一部実施している",
    "実施していない", "わからない" };
/* Marks in the table; a lone ？ would start a line in a narrow cell. */
static const char *const marks[] = { "○", "△", "×", "不明" };

static struct value *
num(struct arena *a, long n, struct pos pos)
{
	char s[32];

	snprintf(s, sizeof(s), "%ld", n);
	return derive_str(a, s, pos);
}

static struct value *
flag(struct arena *a, int b, struct pos pos)
{
	return derive_str(a, b ? "true" : "false", pos);
}

/* A difference as the report prints it: +4, −2 (minus sign), ±0. */
static struct value *
diff(struct arena *a, int n, struct pos pos)
{
	char s[32];

	if (n > 0)
		snprintf(s, sizeof(s), "+%d", n);
	else if (n < 0)
		snprintf(s, sizeof(s), "\xE2\x88\x92%d", -n);
	else
		snprintf(s, sizeof(s), "\xC2\xB1" "0");
	return derive_str(a, s, pos);
}

static int
answer_index(const char *s)
{
	int i;

	for (i = 0; s != NULL && i < 4; i++)
		if (strcmp(s, answers[i]) == 0)
			return i;
	return -1;
}

/* A new list described by key's schema in map m, items described too. */
static struct value *
list_for(struct assess *x, const struct value *m, enum pkey k,
    size_t cap, struct pos pos)
{
	struct value *l = derive_list(x->a, cap, pos);

	l->schema = schema_key(m->schema, pkey_leaf(k));
	return l;
}

static void
push(struct value *list, struct value *item)
{
	item->schema = list->schema->items;
	list->items[list->n++] = item;
}

static struct value *
row_map(struct assess *x, const struct value *list, struct pos pos)
{
	return derive_map(x->a, list->schema->items, pos);
}

/* ---- reading the input ---- */

static void
read_parts(struct assess *x, const char *edition)
{
	const struct value *eds = assess_get(x->data, A_EDITIONS);
	size_t i, k;

	for (i = 0; i < eds->n; i++) {
		const struct value *e = eds->items[i];
		const struct value *parts = assess_get(e, A_EDITION_PARTS);

		if (strcmp(assess_get(e, A_EDITION_ID)->str, edition) != 0)
			continue;
		value_bool(assess_get(e, A_EDITION_MAPPED), &x->mapped);
		for (k = 0; k < parts->n && k < MAX_PARTS; k++) {
			const struct value *p = parts->items[k];

			x->parts[k].name = assess_get(p, A_PART_NAME)->str;
			x->parts[k].first = atoi(assess_get(p,
			    A_PART_FIRST)->str);
			x->parts[k].last = atoi(assess_get(p,
			    A_PART_LAST)->str);
		}
		x->nparts = k;
	}
}

static const char *
item_title(struct assess *x, int i)
{
	char s[32];

	if (x->mapped)
		return assess_get(x->items->items[i], A_ITEM_TITLE)->str;
	snprintf(s, sizeof(s), "設問%d", i + 1);
	return arena_strdup(x->a, s);
}

/* A respondent from people (by id or name) or a named outsider. */
static void
name_respondent(struct assess *x, struct respondent *r, const char *text)
{
	const struct value *people = profile_at(x->root, K_PEOPLE);
	size_t i;

	r->name = text;
	for (i = 0; people != NULL && i < people->n; i++) {
		const struct value *p = people->items[i];
		const struct value *id = profile_get(p, K_PERSON_ID);
		const struct value *nm = profile_get(p, K_PERSON_NAME);
		const struct value *dp = profile_get(p, K_PERSON_DEPT);

		if ((id && strcmp(id->str, text) == 0) ||
		    (nm && strcmp(nm->str, text) == 0)) {
			r->name = nm->str;
			r->department = dp ? dp->str : NULL;
			return;
		}
	}
}

static void
read_yaml_respondent(struct assess *x, const struct value *rv,
    struct respondent *r)
{
	const struct value *person = profile_get(rv, K_SA_RR_PERSON);
	const struct value *name = profile_get(rv, K_SA_RR_NAME);
	const struct value *dept = profile_get(rv, K_SA_RR_DEPT);
	const struct value *ans = profile_get(rv, K_SA_RR_ANSWERS);
	const struct value *notes = profile_get(rv, K_SA_RR_NOTES);
	size_t k;

	if ((person == NULL) == (name == NULL))
		diag(x->d, E_ASSESS_WHO, rv->pos);
	if (person != NULL) {
		const struct value *p = schema_deref(x->root, person);
		const struct value *nm = p ? profile_get(p,
		    K_PERSON_NAME) : NULL;
		const struct value *dp = p ? profile_get(p,
		    K_PERSON_DEPT) : NULL;

		r->name = nm ? nm->str : person->str;
		r->department = dp ? dp->str : NULL;
	} else if (name != NULL)
		r->name = name->str;
	if (dept != NULL)
		r->department = dept->str;
	for (k = 0; ans != NULL && k < ans->n; k++)
		r->answer[atoi(ans->keys[k]) - 1] = ans->items[k]->str;
	for (k = 0; notes != NULL && k < notes->n; k++)
		r->note[atoi(notes->keys[k]) - 1] = notes->items[k]->str;
}

/*
 * The CSV a round names lives in the company folder (content/<stem>/,
 * beside the profile): a relative path without "..", to a regular file.
 */
static char *
csv_path(struct assess *x, const struct value *csv)
{
	const char *file = csv->pos.file, *slash = strrchr(file, '/');
	const char *dot = strrchr(file, '.');
	struct buf b = {0};
	struct stat st;

	if (csv->str[0] == '/' || strstr(csv->str, "..") != NULL) {
		diag(x->d, E_CSV_PATH, csv->pos, csv->str);
		return NULL;
	}
	if (dot == NULL || (slash != NULL && dot < slash))
		dot = file + strlen(file);
	buf_addf(&b, "%.*s/%s", (int)(dot - file), file, csv->str);
	if (lstat(b.p, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag(x->d, E_SLOT_LINK, csv->pos, b.p);
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b);
}

static void
read_csv_round(struct assess *x, const struct value *csv, struct round *r)
{
	struct csv_answers ca;
	char *path = csv_path(x, csv);
	size_t i, k;

	if (path == NULL)
		return;
	push(x->inputs, derive_str(x->a, path, csv->pos));
	if (answers_csv_read(path, ENC_AUTO, x->a, &ca, x->d) != 0) {
		free(path);
		return;
	}
	free(path);
	r->resp = arena_alloc(x->a, (ca.nresp + 1) * sizeof(*r->resp));
	r->nresp = ca.nresp;
	for (i = 0; i < ca.nresp; i++) {
		name_respondent(x, &r->resp[i], ca.resp[i].name);
		for (k = 0; k < ASSESS_ITEMS; k++)
			r->resp[i].answer[k] = ca.resp[i].answers[k];
	}
}

static void
read_round(struct assess *x, const struct value *rv, struct round *r)
{
	const struct value *list = profile_get(rv, K_SA_ROUND_RESPONDENTS);
	const struct value *csv = profile_get(rv, K_SA_ROUND_CSV);
	const struct value *agreed = profile_get(rv, K_SA_ROUND_AGREED);
	const struct value *date = profile_get(rv, K_SA_ROUND_DATE);
	size_t i, k;

	r->v = rv;
	r->pos = rv->pos;
	if ((csv != NULL) == (list != NULL && list->n > 0))
		diag(x->d, E_ASSESS_SOURCE, rv->pos, date ? date->str : "");
	else if (csv != NULL)
		read_csv_round(x, csv, r);
	else {
		r->resp = arena_alloc(x->a, (list->n + 1) * sizeof(*r->resp));
		r->nresp = list->n;
		for (i = 0; i < list->n; i++)
			read_yaml_respondent(x, list->items[i], &r->resp[i]);
	}
	for (k = 0; agreed != NULL && k < agreed->n; k++) {
		int no = atoi(agreed->keys[k]) - 1;

		r->answer[no] = agreed->items[k]->str;
		r->agreed[no] = 1;
	}
	r->ok = r->nresp > 0;
	for (i = 0; i < r->nresp; i++)
		for (k = 0; k < ASSESS_ITEMS; k++)
			if (r->resp[i].answer[k] == NULL)
				r->ok = 0;
}

/* ---- scoring ---- */

/*
 * The company's answer to item k: the lowest known answer (min) or the
 * lower of the two middle ones (median); わからない only when no
 * respondent knew.
 */
static const char *
aggregate(const struct round *r, size_t k, int median)
{
	int levels[64], n = 0, unknown = 0, i, j;
	size_t p;

	for (p = 0; p < r->nresp && n < 64; p++) {
		int l = assess_level(r->resp[p].answer[k]);

		if (l < 0)
			unknown = 1;
		else
			levels[n++] = l;
	}
	if (n == 0)
		return unknown ? answers[3] : NULL;
	for (i = 1; i < n; i++)		/* insertion sort, ascending */
		for (j = i; j > 0 && levels[j] < levels[j - 1]; j--) {
			int t = levels[j];

			levels[j] = levels[j - 1];
			levels[j - 1] = t;
		}
	return answers[2 - levels[median ? (n - 1) / 2 : 0]];
}

static void
score_round(struct assess *x, struct round *r)
{
	size_t k, p, i;

	for (p = 0; p < r->nresp; p++)
		for (k = 0; k < ASSESS_ITEMS; k++)
			r->resp[p].total += assess_points(r->resp[p].answer[k]);
	for (k = 0; k < ASSESS_ITEMS; k++) {
		if (!r->agreed[k])
			r->answer[k] = aggregate(r, k, x->median);
		r->points[k] = r->answer[k] ? assess_points(r->answer[k]) : 0;
		r->total += r->points[k];
		for (i = 0; i < x->nparts; i++)
			if ((int)k + 1 >= x->parts[i].first &&
			    (int)k + 1 <= x->parts[i].last)
				r->part[i] += r->points[k];
	}
}

/* Whether respondents' known answers to item k are two levels apart. */
static int
differ(const struct round *r, size_t k)
{
	int lo = 9, hi = -9;
	size_t p;

	for (p = 0; p < r->nresp; p++) {
		int l = assess_level(r->resp[p].answer[k]);

		if (l < 0)
			continue;
		lo = l < lo ? l : lo;
		hi = l > hi ? l : hi;
	}
	return hi - lo >= 2;
}

static int
planned(const struct value *plan, int no)
{
	size_t i, k;

	for (i = 0; plan != NULL && i < plan->n; i++) {
		const struct value *items = profile_get(plan->items[i],
		    K_SA_PLAN_ITEMS);

		for (k = 0; items != NULL && k < items->n; k++)
			if (atoi(items->items[k]->str) == no)
				return 1;
	}
	return 0;
}

/* ---- writing the derived values ---- */

/*
 * The band of the total: from the profile's bands when it writes some,
 * else from the data file's (the same three keys, each checked against
 * its own schema).
 */
static void
put_band(struct assess *x, struct value *sa, const struct round *r)
{
	const struct value *bands = profile_get(x->sa, K_SA_BANDS);
	const char *kmin = pkey_leaf(K_SA_BANDS_MIN);
	const char *klabel = pkey_leaf(K_SA_BANDS_LABEL);
	const char *knext = pkey_leaf(K_SA_BANDS_NEXT);
	const struct value *best = NULL;
	long best_min = -1000;
	size_t i;

	if (bands == NULL || bands->n == 0) {
		bands = assess_get(x->data, A_BANDS);
		kmin = assess_leaf(A_BAND_MIN);
		klabel = assess_leaf(A_BAND_LABEL);
		knext = assess_leaf(A_BAND_NEXT);
	}
	for (i = 0; i < bands->n; i++) {
		long min = atol(value_get(bands->items[i], kmin, NULL)->str);

		if (min <= r->total && min > best_min) {
			best = bands->items[i];
			best_min = min;
		}
	}
	if (best == NULL)
		return;
	derive_set(sa, K_SA_BAND, derive_str(x->a,
	    value_get(best, klabel, NULL)->str, best->pos));
	derive_set(sa, K_SA_BAND_NEXT, derive_str(x->a,
	    value_get(best, knext, NULL)->str, best->pos));
}

static void
put_respondents(struct assess *x, struct value *sa, const struct round *r)
{
	struct value *l = list_for(x, sa, K_SA_RESPONDENTS, r->nresp, r->pos);
	size_t p;

	for (p = 0; p < r->nresp; p++) {
		struct value *m = row_map(x, l, r->pos);
		char key[8];

		/* A short column heading for the item table: A, B, … */
		snprintf(key, sizeof(key), "%c", p < 26 ? (int)('A' + p) : '*');
		derive_set(m, K_SA_RESP_KEY, derive_str(x->a, key, r->pos));
		derive_set(m, K_SA_RESP_NAME, derive_str(x->a, r->resp[p].name,
		    r->pos));
		if (r->resp[p].department != NULL)
			derive_set(m, K_SA_RESP_DEPT, derive_str(x->a,
			    r->resp[p].department, r->pos));
		derive_set(m, K_SA_RESP_TOTAL, num(x->a, r->resp[p].total,
		    r->pos));
		push(l, m);
	}
	derive_set(sa, K_SA_RESPONDENTS, l);
}

static void
put_parts(struct assess *x, struct value *sa, const struct round *r,
    const struct round *prev)
{
	struct value *l = list_for(x, sa, K_SA_PARTS, x->nparts, r->pos);
	size_t i;

	for (i = 0; i < x->nparts; i++) {
		struct value *m = row_map(x, l, r->pos);
		char range[32];

		snprintf(range, sizeof(range), "%d〜%d", x->parts[i].first,
		    x->parts[i].last);
		derive_set(m, K_SA_PART_NAME, derive_str(x->a, x->parts[i].name,
		    r->pos));
		derive_set(m, K_SA_PART_RANGE, derive_str(x->a, range, r->pos));
		derive_set(m, K_SA_PART_POINTS, num(x->a, r->part[i], r->pos));
		derive_set(m, K_SA_PART_BAR, num(x->a,
		    r->part[i] > 0 ? r->part[i] : 0, r->pos));
		derive_set(m, K_SA_PART_MAX, num(x->a, 4L * (x->parts[i].last -
		    x->parts[i].first + 1), r->pos));
		if (prev != NULL) {
			derive_set(m, K_SA_PART_PREVIOUS, num(x->a,
			    prev->part[i], prev->pos));
			derive_set(m, K_SA_PART_DIFF, diff(x->a, r->part[i] -
			    prev->part[i], r->pos));
		}
		push(l, m);
	}
	derive_set(sa, K_SA_PARTS, l);
}

static void
put_counts(struct assess *x, struct value *sa, const struct round *r)
{
	struct value *l = list_for(x, sa, K_SA_COUNTS, 4, r->pos);
	int i;
	size_t k;

	for (i = 0; i < 4; i++) {
		struct value *m = row_map(x, l, r->pos);
		int n = 0;

		for (k = 0; k < ASSESS_ITEMS; k++)
			n += r->answer[k] != NULL &&
			    strcmp(r->answer[k], answers[i]) == 0;
		derive_set(m, K_SA_COUNT_ANSWER, derive_str(x->a, answers[i],
		    r->pos));
		derive_set(m, K_SA_COUNT_POINTS, num(x->a,
		    assess_points(answers[i]), r->pos));
		derive_set(m, K_SA_COUNT_COUNT, num(x->a, n, r->pos));
		push(l, m);
	}
	derive_set(sa, K_SA_COUNTS, l);
}

/* Who answered わからない to item k (or 合意 when the agreed answer is). */
static char *
unknown_by(const struct round *r, size_t k)
{
	struct buf who = {0};
	size_t p;

	for (p = 0; p < r->nresp; p++)
		if (assess_level(r->resp[p].answer[k]) == -1)
			buf_addf(&who, "%s%s", who.n ? "、" : "",
			    r->resp[p].name);
	if (who.n == 0 && r->answer[k] != NULL &&
	    assess_level(r->answer[k]) == -1)
		buf_adds(&who, "合意した回答");
	return who.n ? buf_take(&who) : NULL;
}

static void
put_findings(struct assess *x, struct value *sa, const struct round *r)
{
	const struct value *plan = profile_get(x->sa, K_SA_PLAN);
	struct value *unk = list_for(x, sa, K_SA_UNKNOWN, ASSESS_ITEMS, r->pos);
	struct value *pri = list_for(x, sa, K_SA_PRIORITY, ASSESS_ITEMS,
	    r->pos);
	struct value *unp = list_for(x, sa, K_SA_UNPLANNED, ASSESS_ITEMS,
	    r->pos);
	int ndiffer = 0;
	size_t k;

	for (k = 0; k < ASSESS_ITEMS; k++) {
		char *who = unknown_by(r, k);
		const char *title = item_title(x, (int)k);
		struct value *m;

		ndiffer += differ(r, k);
		if (who != NULL) {
			m = row_map(x, unk, r->pos);
			derive_set(m, K_SA_UNK_NO, num(x->a, (long)k + 1,
			    r->pos));
			derive_set(m, K_SA_UNK_TITLE, derive_str(x->a, title,
			    r->pos));
			derive_set(m, K_SA_UNK_WHO, derive_str(x->a, who,
			    r->pos));
			push(unk, m);
			free(who);
		}
		if (r->answer[k] == NULL || r->points[k] > 0)
			continue;
		m = row_map(x, pri, r->pos);
		derive_set(m, K_SA_PRI_NO, num(x->a, (long)k + 1, r->pos));
		derive_set(m, K_SA_PRI_TITLE, derive_str(x->a, title, r->pos));
		derive_set(m, K_SA_PRI_ANSWER, derive_str(x->a, r->answer[k],
		    r->pos));
		if (x->mapped)
			derive_set(m, K_SA_PRI_ADVICE, derive_str(x->a,
			    assess_get(x->items->items[k],
			    A_ITEM_ADVICE)->str, r->pos));
		derive_set(m, K_SA_PRI_PLANNED, flag(x->a, planned(plan,
		    (int)k + 1), r->pos));
		push(pri, m);
		if (planned(plan, (int)k + 1))
			continue;
		m = row_map(x, unp, r->pos);
		derive_set(m, K_SA_UNP_NO, num(x->a, (long)k + 1, r->pos));
		derive_set(m, K_SA_UNP_TITLE, derive_str(x->a, title, r->pos));
		push(unp, m);
	}
	derive_set(sa, K_SA_UNKNOWN, unk);
	derive_set(sa, K_SA_PRIORITY, pri);
	derive_set(sa, K_SA_UNPLANNED, unp);
	derive_set(sa, K_SA_DISAGREEMENTS, num(x->a, ndiffer, r->pos));
}

/*
 * The chapter that addresses an item, as short as a table cell allows:
 * its number ("第7章" or "7."), or "（作成不要）" when it is not written.
 */
static const char *
chapter_ref(struct assess *x, const char *id)
{
	const struct value *chs = profile_at(x->root, K_REG_CHAPTERS);
	const struct value *ch = chs ? value_get(chs, id, NULL) : NULL;
	const struct value *n = ch ? profile_get(ch, K_CHAPTER_NUMBER) : NULL;
	char s[64];

	if (ch == NULL)
		return NULL;
	if (n == NULL)
		return "（作成不要）";
	if (strncmp(n->str, "第", strlen("第")) == 0)
		return n->str;
	snprintf(s, sizeof(s), "%s.", n->str);
	return arena_strdup(x->a, s);
}

/*
 * The id of the chapter's heading in regulations.html, for a link to it;
 * NULL when the chapter is not written.  A chapter's heading is its title
 * as the registry gives it (the templates in regulations/), and a heading's
 * id is its text (md/anchor.c); the sample test checks every such link.
 */
static const char *
chapter_anchor(struct assess *x, const char *id)
{
	const struct value *chs = profile_at(x->root, K_REG_CHAPTERS);
	const struct value *ch = chs ? value_get(chs, id, NULL) : NULL;
	const struct value *t = ch ? profile_get(ch, K_CHAPTER_TITLE) : NULL;

	if (ch == NULL || profile_get(ch, K_CHAPTER_NUMBER) == NULL ||
	    t == NULL)
		return NULL;
	return t->str;
}

static struct value *
row_of(struct assess *x, const struct value *rows, const struct round *r,
    size_t k)
{
	const struct schema *rs = rows->schema->items;
	struct value *m = derive_map(x->a, rs, r->pos);
	struct value *al = derive_list(x->a, r->nresp, r->pos);
	struct value *ml = derive_list(x->a, r->nresp, r->pos);
	struct buf notes = {0};
	size_t p;

	al->schema = schema_key(rs, pkey_leaf(K_SA_ROW_ANSWERS));
	ml->schema = schema_key(rs, pkey_leaf(K_SA_ROW_MARKS));
	derive_set(m, K_SA_ROW_NO, num(x->a, (long)k + 1, r->pos));
	derive_set(m, K_SA_ROW_TITLE, derive_str(x->a, item_title(x, (int)k),
	    r->pos));
	derive_set(m, K_SA_ROW_PART, derive_str(x->a, part_of(x, k), r->pos));
	for (p = 0; p < r->nresp; p++) {
		const char *ans = r->resp[p].answer[k];
		int ai = answer_index(ans);

		push(al, derive_str(x->a, ans ? ans : "", r->pos));
		push(ml, derive_str(x->a, ai >= 0 ? marks[ai] : "", r->pos));
		if (r->resp[p].note[k] != NULL)
			buf_addf(&notes, "%s%s（%s）", notes.n ? "／" : "",
			    r->resp[p].note[k], r->resp[p].name);
	}
	derive_set(m, K_SA_ROW_ANSWERS, al);
	derive_set(m, K_SA_ROW_MARKS, ml);
	if (r->answer[k] != NULL) {
		derive_set(m, K_SA_ROW_ANSWER, derive_str(x->a, r->answer[k],
		    r->pos));
		derive_set(m, K_SA_ROW_MARK, derive_str(x->a,
		    marks[answer_index(r->answer[k])], r->pos));
	}
	derive_set(m, K_SA_ROW_AGREED, flag(x->a, r->agreed[k], r->pos));
	derive_set(m, K_SA_ROW_POINTS, num(x->a, r->points[k], r->pos));
	derive_set(m, K_SA_ROW_LOW, flag(x->a, r->answer[k] != NULL &&
	    r->points[k] <= 0, r->pos));
	derive_set(m, K_SA_ROW_DIFFER, flag(x->a, differ(r, k), r->pos));
	if (notes.n)
		derive_set(m, K_SA_ROW_NOTES, derive_str(x->a, notes.p,
		    r->pos));
	buf_free(&notes);
	if (x->mapped) {
		char hb[32];
		const char *ch = chapter_ref(x, assess_get(x->items->items[k],
		    A_ITEM_CHAPTER)->str);

		snprintf(hb, sizeof(hb), "%zu", k + 1);
		derive_set(m, K_SA_ROW_HANDBOOK, derive_str(x->a, hb, r->pos));
		if (ch != NULL)
			derive_set(m, K_SA_ROW_CHAPTER, derive_str(x->a, ch,
			    r->pos));
		if ((ch = chapter_anchor(x, assess_get(x->items->items[k],
		    A_ITEM_CHAPTER)->str)) != NULL)
			derive_set(m, K_SA_ROW_CHAPTER_ANCHOR, derive_str(x->a,
			    ch, r->pos));
	}
	return m;
}

static const char *
part_of(const struct assess *x, size_t k)
{
	size_t i;

	for (i = 0; i < x->nparts; i++)
		if ((int)k + 1 >= x->parts[i].first &&
		    (int)k + 1 <= x->parts[i].last)
			return x->parts[i].name;
	return "";
}

/* The 25 items with their Part: the blank form and the workbook rows. */
static void
put_questions(struct assess *x, struct value *sa)
{
	struct value *l = list_for(x, sa, K_SA_QUESTIONS, ASSESS_ITEMS,
	    x->sa->pos);
	size_t k;

	for (k = 0; k < ASSESS_ITEMS; k++) {
		struct value *m = row_map(x, l, x->sa->pos);

		derive_set(m, K_SA_Q_NO, num(x->a, (long)k + 1, x->sa->pos));
		derive_set(m, K_SA_Q_TITLE, derive_str(x->a,
		    item_title(x, (int)k), x->sa->pos));
		derive_set(m, K_SA_Q_PART, derive_str(x->a, part_of(x, k),
		    x->sa->pos));
		push(l, m);
	}
	derive_set(sa, K_SA_QUESTIONS, l);
}

static void
put_rows(struct assess *x, struct value *sa, const struct round *r)
{
	struct value *rows = list_for(x, sa, K_SA_ROWS, ASSESS_ITEMS, r->pos);
	size_t k;

	for (k = 0; k < ASSESS_ITEMS; k++)
		push(rows, row_of(x, rows, r, k));
	derive_set(sa, K_SA_ROWS, rows);
}

static void
put_history(struct assess *x, struct value *sa)
{
	struct value *h = list_for(x, sa, K_SA_HISTORY, x->nrounds, x->sa->pos);
	size_t i, p;

	for (i = 0; i < x->nrounds; i++) {
		const struct round *r = &x->rounds[i];
		const struct value *label = profile_get(r->v, K_SA_ROUND_LABEL);
		struct value *m = row_map(x, h, r->pos);
		struct value *pts = derive_list(x->a, x->nparts, r->pos);

		pts->schema = schema_key(m->schema,
		    pkey_leaf(K_SA_HIST_POINTS));
		derive_set(m, K_SA_HIST_DATE, derive_str(x->a, profile_get(r->v,
		    K_SA_ROUND_DATE)->str, r->pos));
		if (label != NULL)
			derive_set(m, K_SA_HIST_LABEL, derive_str(x->a,
			    label->str,
			    label->pos));
		derive_set(m, K_SA_HIST_TOTAL, num(x->a, r->total, r->pos));
		for (p = 0; p < x->nparts; p++)
			push(pts, num(x->a, r->part[p], r->pos));
		derive_set(m, K_SA_HIST_POINTS, pts);
		push(h, m);
	}
	derive_set(sa, K_SA_HISTORY, h);
}

static int
rank(const struct value *entry, enum pkey k)
{
	const char *s = profile_get(entry, k)->str;

	return strcmp(s, "高") == 0 ? 0 : strcmp(s, "中") == 0 ? 1 : 2;
}

/* The plan by 緊急度, then 重要度, keeping the profile's order in ties. */
static void
put_actions(struct assess *x, struct value *sa)
{
	const struct value *plan = profile_get(x->sa, K_SA_PLAN);
	size_t n = plan ? plan->n : 0, i, j, k;
	const struct value **order = xcalloc(n + 1, sizeof(*order));
	struct value *l = list_for(x, sa, K_SA_ACTIONS, n, x->sa->pos);

	for (i = 0; i < n; i++) {
		const struct value *e = plan->items[i];
		int key = rank(e, K_SA_PLAN_URGENCY) * 3 + rank(e,
		    K_SA_PLAN_IMPORTANCE);

		for (j = i; j > 0 && rank(order[j - 1], K_SA_PLAN_URGENCY) * 3 +
		    rank(order[j - 1], K_SA_PLAN_IMPORTANCE) > key; j--)
			order[j] = order[j - 1];
		order[j] = e;
	}
	for (i = 0; i < n; i++) {
		static const struct {
			enum pkey	from, to;	/* plan, actions */
		} copy[] = {
			{ K_SA_PLAN_ACTION, K_SA_ACT_ACTION },
			{ K_SA_PLAN_DUE, K_SA_ACT_DUE },
			{ K_SA_PLAN_URGENCY, K_SA_ACT_URGENCY },
			{ K_SA_PLAN_IMPORTANCE, K_SA_ACT_IMPORTANCE },
			{ K_SA_PLAN_DIFFICULTY, K_SA_ACT_DIFFICULTY },
			{ K_SA_PLAN_STATUS, K_SA_ACT_STATUS },
		};
		const struct value *e = order[i];
		const struct value *items = profile_get(e, K_SA_PLAN_ITEMS);
		const struct value *owner = profile_get(e, K_SA_PLAN_OWNER);
		struct value *m = row_map(x, l, e->pos);
		struct buf b = {0};

		for (k = 0; k < items->n; k++)
			buf_addf(&b, "%s%s", k ? "、" : "",
			    items->items[k]->str);
		/* An action tied to no item (items: []) lists none. */
		derive_set(m, K_SA_ACT_ITEMS, derive_str(x->a, b.p ? b.p : "",
		    items->pos));
		buf_free(&b);
		for (k = 0; k < sizeof(copy) / sizeof(copy[0]); k++) {
			const struct value *v = profile_get(e, copy[k].from);

			if (v != NULL)
				derive_set(m, copy[k].to, derive_str(x->a,
				    v->str, v->pos));
		}
		if (owner != NULL) {
			const struct value *p = schema_deref(x->root, owner);
			const struct value *nm = p ? profile_get(p,
			    K_PERSON_NAME) : NULL;

			derive_set(m, K_SA_ACT_OWNER, derive_str(x->a,
			    nm ? nm->str : owner->str, owner->pos));
		}
		push(l, m);
	}
	free(order);
	derive_set(sa, K_SA_ACTIONS, l);
}

/*
 * SECURITY ACTION 二つ星: the self-assessment done and the basic policy
 * established and published (kitei writes policy.html; the company puts
 * it on its website).
 */
static void
put_readiness(struct assess *x, struct value *sa, const struct docset *reg)
{
	const struct schema *rs = schema_key(sa->schema,
	    pkey_leaf(K_SA_READINESS));
	struct value *m = derive_map(x->a, rs, x->sa->pos);
	struct value *miss = derive_list(x->a, 4, x->sa->pos);
	const struct docdef *policy = reg ? docset_find(reg, "policy") : NULL;

	miss->schema = schema_key(rs, pkey_leaf(K_SA_READY_MISSING));
	if (x->nrounds == 0)
		push(miss, derive_str(x->a, "自社診断の実施記録（実施回がありません）",
		    x->sa->pos));
	if (profile_at(x->root, K_POLICY_ESTABLISHED) == NULL ||
	    policy == NULL || !policy->public)
		push(miss, derive_str(x->a, "公開できる情報セキュリティ基本方針",
		    x->sa->pos));
	if (profile_str(x->root, K_COMPANY_WEBSITE) == NULL)
		push(miss, derive_str(x->a,
		    "基本方針を掲載するウェブサイト（company.website が未記入）",
		    x->sa->pos));
	derive_set(m, K_SA_READY, flag(x->a, miss->n == 0, x->sa->pos));
	derive_set(m, K_SA_READY_MISSING, miss);
	derive_set(sa, K_SA_READINESS, m);
}

static void
put_current(struct assess *x, struct value *sa)
{
	const struct round *r = &x->rounds[x->nrounds - 1];
	const struct round *prev = x->nrounds > 1 ? r - 1 : NULL;
	const struct value *label = profile_get(r->v, K_SA_ROUND_LABEL);
	const struct value *date = profile_get(r->v, K_SA_ROUND_DATE);

	derive_set(sa, K_SA_DATE, derive_str(x->a, date->str, date->pos));
	if (label != NULL)
		derive_set(sa, K_SA_LABEL, derive_str(x->a, label->str,
		    label->pos));
	derive_set(sa, K_SA_TOTAL, num(x->a, r->total, r->pos));
	put_band(x, sa, r);
	put_respondents(x, sa, r);
	put_parts(x, sa, r, prev);
	put_counts(x, sa, r);
	put_findings(x, sa, r);
	put_rows(x, sa, r);
	derive_set(sa, K_SA_HAS_PREVIOUS, flag(x->a, prev != NULL, r->pos));
	if (prev != NULL) {
		derive_set(sa, K_SA_PREVIOUS_DATE, derive_str(x->a,
		    profile_get(prev->v, K_SA_ROUND_DATE)->str, prev->pos));
		derive_set(sa, K_SA_PREVIOUS_TOTAL, num(x->a, prev->total,
		    prev->pos));
		derive_set(sa, K_SA_TOTAL_DIFF, diff(x->a,
		    r->total - prev->total,
		    r->pos));
	}
}

int
derive_assessment(struct value *root, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	struct value *sa = (struct value *)profile_at(root, K_SELF_ASSESSMENT);
	const struct value *rounds, *agg;
	struct assess x;
	int errors = d->errors;
	size_t i;

	if (sa == NULL)
		return 0;
	derive_set(sa, K_SA_ENABLED, flag(a, !sa->defaulted, sa->pos));
	rounds = profile_get(sa, K_SA_ROUNDS);
	derive_set(sa, K_SA_DONE, flag(a, rounds != NULL && rounds->n > 0,
	    sa->pos));
	if (sa->defaulted || o->registry == NULL ||
	    o->registry->assessment == NULL)
		return 0;
	memset(&x, 0, sizeof(x));
	x.root = root;
	x.a = a;
	x.d = d;
	x.sa = sa;
	x.data = assess_data_root(o->registry->assessment);
	x.items = assess_get(x.data, A_ITEMS);
	agg = profile_at(root, K_SA_AGGREGATE);
	x.median = agg != NULL && strcmp(agg->str, "median") == 0;
	read_parts(&x, profile_get(sa, K_SA_EDITION)->str);
	x.nrounds = rounds ? rounds->n : 0;
	x.rounds = arena_alloc(a, (x.nrounds + 1) * sizeof(*x.rounds));
	x.inputs = list_for(&x, sa, K_SA_INPUTS, x.nrounds, sa->pos);
	derive_set(sa, K_SA_INPUTS, x.inputs);
	for (i = 0; i < x.nrounds; i++)
		read_round(&x, rounds->items[i], &x.rounds[i]);
	if (d->errors > errors)
		return -1;
	for (i = 0; i < x.nrounds; i++)
		score_round(&x, &x.rounds[i]);
	put_questions(&x, sa);
	put_history(&x, sa);
	put_actions(&x, sa);
	put_readiness(&x, sa, o->registry);
	if (x.nrounds > 0)
		put_current(&x, sa);
	return 0;
}
