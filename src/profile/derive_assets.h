/*
 * derive_assets.h: the deriver of the asset ledger (assets.rows, .ranked,
 * .summary, .grid, .table, .it_due, .important, .categories,
 * .media_used).  A row of the table in derive.c.
 */
#ifndef KITEI_DERIVE_ASSETS_H
#define KITEI_DERIVE_ASSETS_H

#include "profile/derive.h"

int	derive_assets(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);

#endif
