/*
 * csv.c: the CSV reader (see csv.h).  One pass over the text, no
 * backtracking: a row costs time in proportion to its bytes, so a long
 * ledger reads in linear time.
 */
#include <string.h>

#include "base/csv.h"

void
csv_open(struct csv_reader *r, const struct source *src)
{
	memset(r, 0, sizeof(*r));
	r->src = src;
	r->line = 1;
}

static void
begin_field(struct csv_row *row, struct pos pos)
{
	if (row->n == row->cap) {
		row->cap = row->cap ? row->cap * 2 : 16;
		row->f = xrealloc(row->f, row->cap * sizeof(*row->f));
		row->off = xrealloc(row->off, row->cap * sizeof(*row->off));
	}
	row->f[row->n].pos = pos;
	row->off[row->n] = row->store.n;
	row->n++;
}

/* Ends the current field: NUL-terminates it in the store. */
static void
end_field(struct csv_row *row)
{
	buf_addc(&row->store, '\0');
}

/* Points the fields into the store once it has stopped moving. */
static void
fix_fields(struct csv_row *row)
{
	size_t i;

	for (i = 0; i < row->n; i++) {
		row->f[i].text = row->store.p + row->off[i];
		row->f[i].len = strlen(row->f[i].text);
	}
}

int
csv_read(struct csv_reader *r, struct csv_row *row, struct diags *d)
{
	const char *t = r->src->text;
	size_t n = r->src->len, i = r->at;
	int col = 1, quoted = 0;
	struct pos qpos = { r->src->path, 0, 0 };

	/* Blank lines between rows are not rows. */
	while (i < n && (t[i] == '\n' || t[i] == '\r')) {
		if (t[i] == '\n')
			r->line++;
		i++;
	}
	if (i >= n) {
		r->at = i;
		return 0;
	}
	row->n = 0;
	row->store.n = 0;
	row->line = r->line;
	begin_field(row, (struct pos){ r->src->path, r->line, col });
	while (i < n) {
		unsigned char c = (unsigned char)t[i];

		if (quoted) {
			if (c == '"' && i + 1 < n && t[i + 1] == '"') {
				buf_addc(&row->store, '"');
				i += 2;
				col += 2;
				continue;
			}
			if (c == '"') {
				quoted = 0;
				i++;
				col++;
				continue;
			}
			if (c == '\n') {
				r->line++;
				col = 0;
			}
			if (c == '\r' && i + 1 < n && t[i + 1] == '\n') {
				i++;	/* CRLF inside a field is one LF */
				continue;
			}
			buf_addc(&row->store, c);
		} else if (c == '"' && row->store.n == row->off[row->n - 1]) {
			quoted = 1;
			qpos = (struct pos){ r->src->path, r->line, col };
		} else if (c == ',') {
			end_field(row);
			begin_field(row, (struct pos){ r->src->path, r->line,
			    col + 1 });
		} else if (c == '\n' || c == '\r') {
			break;
		} else
			buf_addc(&row->store, c);
		i++;
		/* Columns count characters: skip UTF-8 continuation bytes. */
		if ((c & 0xC0) != 0x80)
			col++;
	}
	if (quoted) {
		diag(d, E_CSV_QUOTE, qpos);
		r->at = n;
		return -1;
	}
	end_field(row);
	fix_fields(row);
	if (i < n && t[i] == '\r')
		i++;
	if (i < n && t[i] == '\n') {
		i++;
		r->line++;
	}
	r->at = i;
	return 1;
}

int
csv_row_blank(const struct csv_row *row)
{
	size_t i;

	for (i = 0; i < row->n; i++)
		if (row->f[i].len > 0)
			return 0;
	return 1;
}

void
csv_row_free(struct csv_row *row)
{
	free(row->f);
	free(row->off);
	buf_free(&row->store);
	memset(row, 0, sizeof(*row));
}
