/*
 * derive_review.c: when the documents are next reviewed, and when each
 * periodic activity is next due.  Dates come from the profile only (never
 * from the clock), so a rebuild prints the same 次回見直し日; `kitei due`
 * compares these same derived values with a day it is given.
 *
 *   policy.review.last  the latest of the review log, the revision
 *                       history and the establishment date;
 *   policy.review.due   policy.review.next when written, else last plus
 *                       every_months;
 *   schedule[].due      next when written, else last plus every_months,
 *                       else (never done) policy.established plus
 *                       every_months.
 * Each derived date carries the position of the value it came from.
 */
#include <stdlib.h>

#include "base/dates.h"
#include "profile/derive_review.h"
#include "profile/profile.h"
#include "profile/schema.h"

/* A date value of the resolved profile, or NULL when absent or unparsed. */
static const struct value *
date_value(const struct value *v, struct date *out)
{
	if (v == NULL || v->kind != V_STR || date_parse(v->str, out) != 0)
		return NULL;
	return v;
}

/* Keeps in *best the latest dated value of list at key (ties: later). */
static void
latest_in(const struct value *list, const char *key,
    const struct value **best, struct date *bd)
{
	struct date dt;
	size_t i;

	if (list == NULL || list->kind != V_LIST)
		return;
	for (i = 0; i < list->n; i++) {
		const struct value *v = date_value(value_get(list->items[i],
		    key, NULL), &dt);

		if (v != NULL && (*best == NULL || date_cmp(dt, *bd) >= 0)) {
			*best = v;
			*bd = dt;
		}
	}
}

static int
months_of(const struct value *v)
{
	return v != NULL && v->kind == V_STR ? atoi(v->str) : 12;
}

static struct value *
date_derived(struct arena *a, struct date dt, struct pos pos)
{
	char iso[16];

	date_iso(dt, iso);
	return derive_str(a, iso, pos);
}

int
derive_review(struct value *root, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	struct value *review = (struct value *)profile_at(root, K_REVIEW);
	const struct value *last = NULL, *next;
	struct date ld, nd;

	(void)o;
	(void)d;
	if (review == NULL || review->kind != V_MAP)
		return 0;
	last = date_value(profile_at(root, K_POLICY_ESTABLISHED), &ld);
	latest_in(profile_at(root, K_POLICY_REVISIONS),
	    pkey_leaf(K_REVISION_DATE), &last, &ld);
	latest_in(profile_at(root, K_REVIEW_LOG),
	    pkey_leaf(K_REVIEW_LOG_DATE), &last, &ld);
	if (last == NULL)
		return 0;
	derive_put(review, pkey_leaf(K_REVIEW_LAST), date_derived(a, ld,
	    last->pos));
	if ((next = date_value(profile_at(root, K_REVIEW_NEXT), &nd)) == NULL) {
		next = profile_at(root, K_REVIEW_EVERY);
		nd = date_add_months(ld, months_of(next));
		if (next == NULL || next->defaulted)
			next = last;
	}
	derive_put(review, pkey_leaf(K_REVIEW_DUE), date_derived(a, nd,
	    next->pos));
	return 0;
}

int
derive_schedule(struct value *root, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	const struct value *list = profile_at(root, K_SCHEDULE);
	struct date est, dt;
	const struct value *estv;
	size_t i;

	(void)o;
	(void)d;
	if (list == NULL || list->kind != V_LIST)
		return 0;
	estv = date_value(profile_at(root, K_POLICY_ESTABLISHED), &est);
	for (i = 0; i < list->n; i++) {
		struct value *item = list->items[i];
		const struct value *every = value_get(item,
		    pkey_leaf(K_SCHED_EVERY), NULL);
		const struct value *from;

		if (item->kind != V_MAP)
			continue;
		if ((from = date_value(value_get(item, pkey_leaf(K_SCHED_NEXT),
		    NULL), &dt)) == NULL) {
			if ((from = date_value(value_get(item,
			    pkey_leaf(K_SCHED_LAST), NULL), &dt)) == NULL) {
				if (estv == NULL)
					continue;
				from = item;
				dt = est;
			}
			dt = date_add_months(dt, months_of(every));
		}
		derive_put(item, pkey_leaf(K_SCHED_DUE), date_derived(a, dt,
		    from->pos));
	}
	return 0;
}
