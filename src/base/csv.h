/*
 * csv.h: a small reader for comma-separated values as spreadsheets save
 * them (RFC 4180: fields in double quotes may hold commas, line breaks and
 * doubled quotes; rows end in LF or CRLF).  It reads a source that
 * source_load() has already decoded to UTF-8 (so CP932 files from Excel
 * work), one row at a time, and gives every field the line and column it
 * starts at, so a caller can point at the cell it rejects.  It knows
 * nothing about what the columns mean.
 */
#ifndef KITEI_CSV_H
#define KITEI_CSV_H

#include <stddef.h>

#include "base/diag.h"
#include "base/source.h"
#include "base/util.h"

struct csv_field {
	const char	*text;	/* unquoted, NUL-terminated; valid until
				   the next csv_read() on the same row */
	size_t		 len;
	struct pos	 pos;	/* where the field starts in the file */
};

struct csv_row {
	struct csv_field *f;
	size_t		 n, cap;
	int		 line;	/* the line the row starts on */
	struct buf	 store;	/* the fields' text, back to back */
	size_t		*off;	/* each field's offset into store */
};

struct csv_reader {
	const struct source *src;
	size_t		 at;	/* byte offset of the next row */
	int		 line;	/* line of src->text[at] */
};

void	csv_open(struct csv_reader *r, const struct source *src);
/*
 * Reads the next row into row (reusing its storage).  Returns 1 for a
 * row, 0 at the end of the file, -1 after reporting an unclosed quote.
 * Blank lines are skipped.
 */
int	csv_read(struct csv_reader *r, struct csv_row *row, struct diags *d);
/* Whether every field of row is empty (a row of commas only). */
int	csv_row_blank(const struct csv_row *row);
void	csv_row_free(struct csv_row *row);

#endif
