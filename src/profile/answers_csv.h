/*
 * answers_csv.h: reading self-assessment answers from a CSV file, the way
 * consultants collect them (one column per respondent, a header row
 * naming them, one row per item; UTF-8 or CP932, as Excel saves it).  The
 * deriver reads a CSV a round names; `kitei import-answers` turns one into
 * the YAML to paste.  Every bad cell is reported at its line:column.
 */
#ifndef KITEI_ANSWERS_CSV_H
#define KITEI_ANSWERS_CSV_H

#include "base/diag.h"
#include "base/source.h"
#include "doc/assess_data.h"

struct arena;

struct csv_respondent {
	const char	*name;			/* the header cell */
	struct pos	 pos;
	const char	*answers[ASSESS_ITEMS];	/* canonical answer text */
	struct pos	 apos[ASSESS_ITEMS];
};

struct csv_answers {
	struct csv_respondent	*resp;
	size_t			 nresp;
};

/*
 * Reads path into out (strings and positions live in a).  The header row
 * is the first whose first cell is "No"; columns headed No, 区分, 設問,
 * 項目, 合意, 点, 備考 or nothing are not respondents, nor is a column
 * with no answer at all (an unused column of the blank workbook).  Rows
 * whose first cell is not a number (titles, subtotals) are skipped.
 * Returns 0, or -1 after reporting every problem.
 */
int	answers_csv_read(const char *path, enum encoding enc, struct arena *a,
	    struct csv_answers *out, struct diags *d);

#endif
