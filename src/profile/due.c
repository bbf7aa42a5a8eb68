/*
 * due.c: the table of due-date sources and the two kitei has today: the
 * review of the whole document set (policy.review.due) and each activity
 * of schedule (schedule[].due).  See due.h for how to add a source.
 */
#include <stdlib.h>
#include <string.h>

#include "profile/due.h"
#include "profile/profile.h"
#include "profile/schema.h"

void
due_add(due_vec *rows, const char *org, const char *item,
    const struct value *last, const struct value *next)
{
	struct due_row r;

	memset(&r, 0, sizeof(r));
	if (next == NULL || next->kind != V_STR ||
	    date_parse(next->str, &r.next) != 0)
		return;
	if (last != NULL && last->kind == V_STR &&
	    date_parse(last->str, &r.last) == 0)
		r.has_last = 1;
	r.org = xstrdup(org ? org : "");
	r.item = xstrdup(item);
	r.pos = next->pos;
	VEC_PUSH(*rows, r);
}

/* The periodic review of the policy and the regulations. */
static void
due_review(const struct value *root, const char *org, due_vec *rows)
{
	due_add(rows, org, "基本方針・規程の見直し",
	    profile_at(root, K_REVIEW_LAST), profile_at(root, K_REVIEW_DUE));
}

/* Each periodic activity of schedule. */
static void
due_schedule(const struct value *root, const char *org, due_vec *rows)
{
	const struct value *list = profile_at(root, K_SCHEDULE);
	size_t i;

	if (list == NULL || list->kind != V_LIST)
		return;
	for (i = 0; i < list->n; i++) {
		const struct value *it = list->items[i];
		const struct value *name = value_get(it,
		    pkey_leaf(K_SCHED_ACTIVITY), NULL);

		if (name == NULL || name->kind != V_STR)
			continue;
		due_add(rows, org, name->str,
		    value_get(it, pkey_leaf(K_SCHED_LAST), NULL),
		    value_get(it, pkey_leaf(K_SCHED_DUE), NULL));
	}
}

/* Each numbered copy whose 受領確認書 is still out, by its due date. */
static void
due_receipts(const struct value *root, const char *org, due_vec *rows)
{
	const struct value *list = profile_at(root, K_DIST_RECEIPTS);
	size_t i;

	for (i = 0; list != NULL && list->kind == V_LIST && i < list->n;
	    i++) {
		const struct value *it = list->items[i];
		const struct value *num = value_get(it,
		    pkey_leaf(K_RCPT_NUMBER), NULL);
		const struct value *name = value_get(it,
		    pkey_leaf(K_RCPT_NAME), NULL);
		struct buf item = {0};

		buf_addf(&item, "受領確認書の回収 %s（%s）",
		    num != NULL ? num->str : "", name != NULL ? name->str : "");
		due_add(rows, org, item.p, NULL, value_get(it,
		    pkey_leaf(K_RCPT_DUE), NULL));
		buf_free(&item);
	}
}

/* The sources, in the order their rows are listed for an organisation. */
/*
 * The asset ledger: each IT asset's support end and licence or contract
 * end (disposed assets left out), and each risk measure's deadline, from
 * the ledger rows kitei derived (so CSV rows count too).
 */
static void
due_assets(const struct value *root, const char *org, due_vec *rows)
{
	const struct value *it = profile_at(root, K_ASSETS_IT);
	const struct value *ledger = profile_at(root, K_ASSETS_ROWS);
	struct buf item = {0};
	size_t i;

	for (i = 0; it != NULL && i < it->n; i++) {
		const struct value *a = it->items[i];
		const struct value *name = profile_get(a, K_IT_ASSET_NAME);

		if (profile_get(a, K_IT_ASSET_DISPOSED) != NULL || name == NULL)
			continue;
		item.n = 0;
		buf_addf(&item, "IT資産「%s」のサポート期限", name->str);
		due_add(rows, org, item.p, NULL, profile_get(a,
		    K_IT_ASSET_SUPPORT_END));
		item.n = 0;
		buf_addf(&item, "IT資産「%s」のライセンス・契約期限", name->str);
		due_add(rows, org, item.p, NULL, profile_get(a,
		    K_IT_ASSET_LICENCE_END));
	}
	for (i = 0; ledger != NULL && i < ledger->n; i++) {
		const struct value *r = ledger->items[i];
		const struct value *name = profile_get(r, K_AROW_NAME);

		if (profile_get(r, K_AROW_MEASURES) == NULL || name == NULL)
			continue;
		item.n = 0;
		buf_addf(&item, "リスク対策「%s」（%s）", name->str,
		    profile_get(r, K_AROW_MEDIUM)->str);
		due_add(rows, org, item.p, NULL, profile_get(r,
		    K_AROW_MEASURE_DUE));
	}
	buf_free(&item);
}

static void (*const sources[])(const struct value *, const char *,
    due_vec *) = {
	due_review,
	due_schedule,
	due_assets,
	due_receipts,
};

void
due_collect(const struct value *root, due_vec *rows)
{
	const char *org = profile_str(root, K_COMPANY_NAME);
	size_t i;

	for (i = 0; i < sizeof(sources) / sizeof(sources[0]); i++)
		sources[i](root, org, rows);
}

void
due_free(due_vec *rows)
{
	size_t i;

	for (i = 0; i < rows->n; i++) {
		free(rows->v[i].org);
		free(rows->v[i].item);
	}
	VEC_FREE(*rows);
}
