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

/* Diagnostics go nowhere: only crashes, hangs and leaks matter here. */
static FILE *
fuzz_devnull(void)
{
	static FILE *null;

	if (null == NULL)
		null = fopen("/dev/null", "w");
	return null;
}

#endif
