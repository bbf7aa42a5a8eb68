/*
 * derive_review.h: the derivers of review dates (policy.review.last and
 * .due, schedule[].due).  Rows of the table in derive.c.
 */
#ifndef KITEI_DERIVE_REVIEW_H
#define KITEI_DERIVE_REVIEW_H

#include "profile/derive.h"

int	derive_review(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);
int	derive_schedule(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);

#endif
