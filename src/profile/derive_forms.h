/*
 * derive_forms.h: the derived values of the distribution and pledge
 * forms (the staff from the roster CSV, each issued copy's 配布番号, due
 * date and state, the receipts and pledge pages to print) and the checks
 * `kitei check` makes on them.
 */
#ifndef KITEI_DERIVE_FORMS_H
#define KITEI_DERIVE_FORMS_H

#include "base/diag.h"
#include "profile/derive.h"

int	derive_staff(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);
int	derive_issued(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);
int	derive_pledges(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);

/*
 * Warnings about the records: current-version copies whose receipt is
 * not back, people on the roster who have no copy of the current version,
 * people who hold only a superseded version, people in roles
 * with no pledge signed at hiring (only when the profile keeps pledges).
 */
void	forms_check(const struct value *root, const struct docset *registry,
	    struct diags *d);

#endif
