/*
 * answers_csv.c: the answer CSV reader.  base/csv.c splits the file into
 * cells with their line:column; this file finds the header row and the
 * respondents' columns in it, and reads each item's row.  A cell may hold
 * the answer's text or its mark (○ △ × and ？ or 不明), as consultants
 * often type marks.
 */
#include <string.h>

#include "base/csv.h"
#include "base/util.h"
#include "profile/answers_csv.h"

static const char *const answer_text[] = { "実施している", "一部実施している",
    "実施していない", "わからない" };
static const char *const answer_mark[] = { "○", "△", "×", "？" };

/* Columns of the workbook (and of hand-made sheets) that are no one's. */
static int
is_label_column(const char *h)
{
	static const char *const labels[] = { "", "No", "No.", "番号", "区分",
	    "設問", "項目", "合意", "合意した回答", "点", "点数", "備考",
	    "会社としての回答" };
	size_t i;

	for (i = 0; i < sizeof(labels) / sizeof(labels[0]); i++)
		if (strcmp(h, labels[i]) == 0)
			return 1;
	return 0;
}

static const char *
canonical_answer(const char *s)
{
	size_t i;

	for (i = 0; i < 4; i++)
		if (strcmp(s, answer_text[i]) == 0 ||
		    strcmp(s, answer_mark[i]) == 0)
			return answer_text[i];
	if (strcmp(s, "不明") == 0 || strcmp(s, "?") == 0)
		return answer_text[3];
	return NULL;
}

/*
 * Hand-made sheets often pad a cell with ASCII or ideographic spaces:
 * the cell's text without them, as a copy in a.
 */
static const char *
trimmed(struct arena *a, const char *cell)
{
	size_t n;

	for (;;) {
		if (*cell == ' ' || *cell == '\t')
			cell++;
		else if (strncmp(cell, "\xE3\x80\x80", 3) == 0)
			cell += 3;
		else
			break;
	}
	n = strlen(cell);
	for (;;) {
		if (n > 0 && (cell[n - 1] == ' ' || cell[n - 1] == '\t'))
			n--;
		else if (n >= 3 && strncmp(cell + n - 3, "\xE3\x80\x80",
		    3) == 0)
			n -= 3;
		else
			break;
	}
	return arena_strndup(a, cell, n);
}

/* Every cell of the table trimmed in place (the copies live in a). */
static void
trim_cells(struct csv *csv, struct arena *a)
{
	size_t r, c;

	for (r = 0; r < csv->nrows; r++)
		for (c = 0; c < csv->rows[r].n; c++)
			csv->rows[r].cells[c] = trimmed(a,
			    csv->rows[r].cells[c]);
}

static int
item_number(const char *s)
{
	int n = 0;

	if (*s == '\0' || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		n = n * 10 + (*s - '0');
	}
	return n;
}

static int
is_header_row(const struct csv_row *row)
{
	return row->n > 0 && (strcmp(row->cells[0], "No") == 0 ||
	    strcmp(row->cells[0], "No.") == 0 ||
	    strcmp(row->cells[0], "番号") == 0);
}

/* The respondent columns of the header row. */
static void
read_header(const struct csv_row *h, struct arena *a,
    struct csv_answers *out, size_t **cols)
{
	size_t c;

	out->resp = arena_alloc(a, (h->n + 1) * sizeof(*out->resp));
	*cols = arena_alloc(a, (h->n + 1) * sizeof(**cols));
	for (c = 1; c < h->n; c++) {
		struct csv_respondent *r;

		if (is_label_column(h->cells[c]))
			continue;
		r = &out->resp[out->nresp];
		r->name = h->cells[c];
		r->pos = h->pos[c];
		(*cols)[out->nresp++] = c;
	}
}

/* Reports the items a respondent did not answer, as one message. */
static void
report_missing(const struct csv_respondent *r, struct diags *d)
{
	struct buf list = {0};
	size_t k;

	for (k = 0; k < ASSESS_ITEMS; k++)
		if (r->answers[k] == NULL)
			buf_addf(&list, "%s%zu", list.n ? ", " : "", k + 1);
	if (list.n)
		diag(d, E_CSV_MISSING, r->pos, r->name, list.p);
	buf_free(&list);
}

/* Drops respondent columns that hold no answer at all. */
static void
drop_empty(struct csv_answers *out)
{
	size_t i, k, kept = 0;

	for (i = 0; i < out->nresp; i++) {
		for (k = 0; k < ASSESS_ITEMS; k++)
			if (out->resp[i].answers[k] != NULL)
				break;
		if (k < ASSESS_ITEMS)
			out->resp[kept++] = out->resp[i];
	}
	out->nresp = kept;
}

/* One item's row: each respondent's cell, checked. */
static void
read_item(const struct csv_row *row, int no, const size_t *cols,
    struct csv_answers *out, int *bad, struct diags *d)
{
	size_t r;

	for (r = 0; r < out->nresp; r++) {
		struct csv_respondent *resp = &out->resp[r];
		const char *ans;
		size_t c = cols[r];

		if (c >= row->n || row->cells[c][0] == '\0')
			continue;
		if ((ans = canonical_answer(row->cells[c])) == NULL) {
			diag(d, E_CSV_ANSWER, row->pos[c], row->cells[c]);
			*bad = 1;
			ans = "";	/* reported: not missing as well */
		}
		resp->answers[no - 1] = ans;
		resp->apos[no - 1] = row->pos[c];
	}
}

/* The rows after the header; those not starting with a number are titles
 * or subtotals. */
static void
read_rows(const struct csv *csv, size_t first, const size_t *cols,
    struct csv_answers *out, int *bad, struct diags *d)
{
	int line_of[ASSESS_ITEMS] = {0};
	size_t i;

	for (i = first; i < csv->nrows; i++) {
		const struct csv_row *row = &csv->rows[i];
		int no;

		if (row->n == 0 || (no = item_number(row->cells[0])) < 0)
			continue;
		if (no < 1 || no > ASSESS_ITEMS) {
			diag(d, E_CSV_ITEM, row->at, row->cells[0]);
			*bad = 1;
			continue;
		}
		if (line_of[no - 1]) {
			diag(d, E_CSV_DUP, row->at, no, line_of[no - 1]);
			*bad = 1;
			continue;
		}
		line_of[no - 1] = row->at.line;
		read_item(row, no, cols, out, bad, d);
	}
}

/*
 * Excel saves CSV as CP932 on Japanese Windows and as UTF-8 when asked:
 * both are normal here, so neither is worth a warning.
 */
static enum encoding
csv_encoding(const char *path)
{
	size_t len = 0;
	char *text = read_file(path, &len);
	enum encoding enc = ENC_AUTO;

	if (text != NULL)
		enc = utf8_valid_prefix(text, len) == len ? ENC_UTF8 :
		    ENC_CP932;
	free(text);
	return enc;
}

int
answers_csv_read(const char *path, enum encoding enc, struct arena *a,
    struct csv_answers *out, struct diags *d)
{
	struct source src;
	struct csv csv;
	size_t h, r, *cols = NULL;
	int bad = 0, errors = d->errors;

	memset(out, 0, sizeof(*out));
	if (enc == ENC_AUTO)
		enc = csv_encoding(path);
	if (source_load(&src, path, enc, d) != 0)
		return -1;
	/* Positions outlive the source: they name the arena's copy. */
	free(src.path);
	src.path = arena_strdup(a, path);
	/* A malformed place is reported; the rows before it are still read,
	 * so that one run reports every bad cell. */
	bad = csv_parse(&src, a, &csv, d) != 0;
	src.path = NULL;
	source_free(&src);
	trim_cells(&csv, a);
	for (h = 0; h < csv.nrows && !is_header_row(&csv.rows[h]); h++)
		;
	if (h == csv.nrows) {
		if (bad)
			return -1;
		diag(d, E_CSV_HEADER, (struct pos){ arena_strdup(a, path),
		    0, 0 });
		return -1;
	}
	read_header(&csv.rows[h], a, out, &cols);
	read_rows(&csv, h + 1, cols, out, &bad, d);
	drop_empty(out);
	if (out->nresp == 0) {
		diag(d, E_CSV_NORESP, csv.rows[h].at);
		bad = 1;
	}
	for (r = 0; r < out->nresp; r++)
		report_missing(&out->resp[r], d);
	return bad || d->errors > errors ? -1 : 0;
}
