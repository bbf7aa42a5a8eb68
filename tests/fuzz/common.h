/*
 * common.h: what the fuzz harnesses share.  A harness keeps loaded fonts
 * and the schema in statics across inputs (libFuzzer calls it millions of
 * times); kitei itself has no such state.
 */
#ifndef KITEI_FUZZ_COMMON_H
#define KITEI_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>

#include "base/diag.h"
#include "cmd/cmd.h"

/* Diagnostics go nowhere: only crashes, hangs and leaks matter here. */
static FILE *
fuzz_devnull(void)
{
	static FILE *null;

	if (null == NULL)
		null = fopen("/dev/null", "w");
	return null;
}

/*
 * The schema as kitei runs it: chapter and assessment-item keys made from
 * the registry, every key C reads checked.  Loaded once; aborts when the
 * tree's own templates do not load (a broken harness, not a finding).
 */
static void
fuzz_schema(struct schema_set **schema, struct docset **registry)
{
	struct diags d;

	if (*schema != NULL)
		return;
	diags_init(&d, fuzz_devnull());
	if (load_schema_at("templates", schema, registry, &d, 1) != 0)
		abort();
	diags_free(&d);
}

#endif
