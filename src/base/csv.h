/*
 * csv.h: a small, generic reader of comma-separated files (RFC 4180:
 * quoted fields, "" inside quotes, CRLF or LF).  It knows nothing of what
 * the columns mean: it gives rows of cells, each with the line and column
 * it starts at, so that the caller can report a bad cell where it is.
 * The text comes from source_load(), so UTF-8 and CP932 files both work.
 */
#ifndef KITEI_CSV_H
#define KITEI_CSV_H

#include <stddef.h>

#include "base/diag.h"
#include "base/source.h"

struct arena;

struct csv_row {
	size_t		 n;
	const char	**cells;	/* UTF-8, NUL-terminated, unquoted */
	struct pos	*pos;		/* where each cell starts */
	struct pos	 at;		/* where the row starts */
};

struct csv {
	struct csv_row	*rows;
	size_t		 nrows;
};

/* Most rows and cells per row a file may have (docs/limits.md). */
#define CSV_MAX_ROWS	20000
#define CSV_MAX_CELLS	64

/*
 * Splits src into rows; blank lines are skipped.  Cells and positions
 * live in a (positions name src->path, which must outlive them).
 * Returns 0, or -1 after reporting the first malformed place.
 */
int	csv_parse(const struct source *src, struct arena *a, struct csv *out,
	    struct diags *d);
/* The index of the cell equal to name in row, or -1. */
int	csv_column(const struct csv_row *row, const char *name);

#endif
