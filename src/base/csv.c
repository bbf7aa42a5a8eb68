/*
 * csv.c: splitting a decoded text into rows and cells.  The reader keeps
 * its own line and character column while it scans (asking source_pos()
 * for each cell would rescan the file from the start every time).
 */
#include <string.h>

#include "base/csv.h"
#include "base/util.h"

struct scan {
	const char	*s;
	size_t		 len, i;
	int		 line, col;	/* of s[i] */
	const char	*file;
};

static struct pos
here(const struct scan *sc)
{
	struct pos p = { sc->file, sc->line, sc->col };

	return p;
}

/* Moves past one character, counting lines and columns. */
static void
advance(struct scan *sc)
{
	if (sc->s[sc->i] == '\n') {
		sc->line++;
		sc->col = 1;
		sc->i++;
		return;
	}
	utf8_next(sc->s, sc->len, &sc->i);
	sc->col++;
}

static int
at_row_end(const struct scan *sc)
{
	return sc->i >= sc->len || sc->s[sc->i] == '\n' ||
	    (sc->s[sc->i] == '\r' && (sc->i + 1 >= sc->len ||
	    sc->s[sc->i + 1] == '\n'));
}

/* Reads a quoted cell into b; the scan is at the opening quote. */
static int
quoted_cell(struct scan *sc, struct buf *b, struct diags *d)
{
	struct pos open = here(sc);

	advance(sc);
	for (;;) {
		size_t start = sc->i;

		if (sc->i >= sc->len) {
			diag(d, E_CSV_UNCLOSED, open);
			return -1;
		}
		if (sc->s[sc->i] == '"') {
			advance(sc);
			if (sc->i < sc->len && sc->s[sc->i] == '"') {
				buf_addc(b, '"');
				advance(sc);
				continue;
			}
			break;
		}
		if (sc->s[sc->i] == '\r') {	/* CRLF inside: keep LF */
			advance(sc);
			continue;
		}
		advance(sc);
		buf_add(b, sc->s + start, sc->i - start);
	}
	if (!at_row_end(sc) && sc->s[sc->i] != ',') {
		diag(d, E_CSV_AFTER_QUOTE, here(sc));
		return -1;
	}
	return 0;
}

static int
plain_cell(struct scan *sc, struct buf *b, struct diags *d)
{
	while (!at_row_end(sc) && sc->s[sc->i] != ',') {
		size_t start = sc->i;

		if (sc->s[sc->i] == '"') {
			diag(d, E_CSV_STRAY_QUOTE, here(sc));
			return -1;
		}
		advance(sc);
		buf_add(b, sc->s + start, sc->i - start);
	}
	return 0;
}

static void
skip_row_end(struct scan *sc)
{
	if (sc->i < sc->len && sc->s[sc->i] == '\r')
		sc->i++;
	if (sc->i < sc->len && sc->s[sc->i] == '\n')
		advance(sc);
}

static int
read_row(struct scan *sc, struct arena *a, struct csv_row *row,
    struct diags *d)
{
	VEC(const char *) cells = {0};
	VEC(struct pos) pos = {0};
	struct buf b = {0};
	int rc = 0;

	row->at = here(sc);
	for (;;) {
		struct pos p = here(sc);

		b.n = 0;
		buf_adds(&b, "");
		if (cells.n >= CSV_MAX_CELLS) {
			diag(d, E_LIMIT_CSV_CELLS, p, cells.n + 1,
			    (size_t)CSV_MAX_CELLS);
			rc = -1;
			break;
		}
		if (sc->i < sc->len && sc->s[sc->i] == '"')
			rc = quoted_cell(sc, &b, d);
		else
			rc = plain_cell(sc, &b, d);
		if (rc != 0)
			break;
		VEC_PUSH(cells, arena_strdup(a, b.p));
		VEC_PUSH(pos, p);
		if (at_row_end(sc))
			break;
		advance(sc);		/* the comma */
	}
	skip_row_end(sc);
	row->n = cells.n;
	row->cells = arena_alloc(a, (cells.n + 1) * sizeof(*row->cells));
	row->pos = arena_alloc(a, (cells.n + 1) * sizeof(*row->pos));
	if (cells.n) {
		memcpy(row->cells, cells.v, cells.n * sizeof(*row->cells));
		memcpy(row->pos, pos.v, pos.n * sizeof(*row->pos));
	}
	VEC_FREE(cells);
	VEC_FREE(pos);
	buf_free(&b);
	return rc;
}

static int
blank_line(const struct scan *sc)
{
	return sc->s[sc->i] == '\n' || (sc->s[sc->i] == '\r' &&
	    sc->i + 1 < sc->len && sc->s[sc->i + 1] == '\n');
}

int
csv_parse(const struct source *src, struct arena *a, struct csv *out,
    struct diags *d)
{
	struct scan sc = { src->text, src->len, 0, 1, 1, src->path };
	VEC(struct csv_row) rows = {0};
	int rc = 0;

	memset(out, 0, sizeof(*out));
	while (sc.i < sc.len) {
		struct csv_row row;

		if (blank_line(&sc)) {
			skip_row_end(&sc);
			continue;
		}
		if (rows.n >= CSV_MAX_ROWS) {
			diag(d, E_LIMIT_CSV_ROWS, here(&sc), rows.n + 1,
			    (size_t)CSV_MAX_ROWS);
			rc = -1;
			break;
		}
		if ((rc = read_row(&sc, a, &row, d)) != 0)
			break;
		VEC_PUSH(rows, row);
	}
	out->nrows = rows.n;
	out->rows = arena_alloc(a, (rows.n + 1) * sizeof(*out->rows));
	if (rows.n)
		memcpy(out->rows, rows.v, rows.n * sizeof(*out->rows));
	VEC_FREE(rows);
	return rc;
}

int
csv_column(const struct csv_row *row, const char *name)
{
	size_t i;

	for (i = 0; i < row->n; i++)
		if (strcmp(row->cells[i], name) == 0)
			return (int)i;
	return -1;
}
