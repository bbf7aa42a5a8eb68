/*
 * due.h: the dated obligations of one profile, as `kitei due` lists them.
 * Each row is one organisation and one item (the review of the document
 * set, each periodic activity of `schedule`, …) with its last and next
 * date, read from the derived values (derive_review.c), never computed
 * again here.
 *
 * The hook: a feature that gives a profile another kind of deadline (IT
 * assets past their support end, distribution receipts not returned)
 * appends one function to the table in due.c.  The function reads the
 * resolved profile and calls due_add() once per row; `kitei due` then
 * states, sorts, prints and counts those rows with the rest.
 */
#ifndef KITEI_DUE_H
#define KITEI_DUE_H

#include "base/dates.h"
#include "base/diag.h"
#include "base/util.h"
#include "profile/value.h"

struct due_row {
	char		*org;		/* company.name */
	char		*item;		/* what is due */
	struct date	 last;		/* valid when has_last */
	int		 has_last;
	struct date	 next;		/* when it is due */
	struct pos	 pos;		/* the input the next date came from */
};

typedef VEC(struct due_row) due_vec;

/* Appends the rows of a resolved profile to rows (strings copied). */
void	due_collect(const struct value *root, due_vec *rows);
/*
 * Adds one row; last may be NULL; a next date that does not parse is
 * skipped (the schema has already reported it).
 */
void	due_add(due_vec *rows, const char *org, const char *item,
	    const struct value *last, const struct value *next);
void	due_free(due_vec *rows);

#endif
