/*
 * answers_csv.c: the answer CSV reader.  Cells are split as RFC 4180 says
 * (commas, double quotes with "" inside, CRLF or LF); each cell keeps the
 * byte offset it starts at, so a message points at line:column of the
 * file as the user sees it.  A cell may hold the answer's text or its mark
 * (○ △ × and ？ or 不明), as consultants often type marks.
 */
#include <string.h>

#include "base/util.h"
#include "profile/answers_csv.h"

struct cell {
	char	*text;		/* unquoted, trimmed */
	size_t	 offset;	/* where it starts in the file */
};

struct row {
	struct cell	*cells;
	size_t		 n;
	size_t		 offset;
};

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

/* Removes ASCII and ideographic spaces at both ends. */
static char *
trim(char *s)
{
	size_t n;

	for (;;) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xE3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	n = strlen(s);
	for (;;) {
		if (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		else if (n >= 3 && strncmp(s + n - 3, "\xE3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	s[n] = '\0';
	return s;
}

/*
 * Splits the next record starting at *i into row (cells in a).  Returns
 * 0 at the end of the text, 1 for a row, -1 for an unterminated quote.
 */
static int
next_row(const struct source *src, size_t *i, struct arena *a,
    struct row *row)
{
	const char *t = src->text;
	size_t n = src->len, cap = 8;
	struct buf cell = {0};

	if (*i >= n)
		return 0;
	row->n = 0;
	row->offset = *i;
	row->cells = arena_alloc(a, cap * sizeof(*row->cells));
	for (;;) {
		size_t start = *i;
		int quoted = 0;

		cell.n = 0;
		buf_adds(&cell, "");
		if (*i < n && t[*i] == '"') {
			quoted = 1;
			for ((*i)++;; (*i)++) {
				if (*i >= n) {
					buf_free(&cell);
					return -1;
				}
				if (t[*i] == '"' && *i + 1 < n &&
				    t[*i + 1] == '"')
					buf_addc(&cell, t[(*i)++]);
				else if (t[*i] == '"')
					break;
				else
					buf_addc(&cell, t[*i]);
			}
			(*i)++;
		}
		while (*i < n && t[*i] != ',' && t[*i] != '\n' &&
		    t[*i] != '\r')
			buf_addc(&cell, t[(*i)++]);
		(void)quoted;
		if (row->n == cap) {
			struct cell *more = arena_alloc(a, 2 * cap *
			    sizeof(*more));

			memcpy(more, row->cells, cap * sizeof(*more));
			row->cells = more;
			cap *= 2;
		}
		row->cells[row->n].text = trim(arena_strdup(a, cell.p));
		row->cells[row->n++].offset = start;
		if (*i < n && t[*i] == ',') {
			(*i)++;
			continue;
		}
		if (*i < n && t[*i] == '\r')
			(*i)++;
		if (*i < n && t[*i] == '\n')
			(*i)++;
		break;
	}
	buf_free(&cell);
	return 1;
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

static struct pos
at(const struct source *src, const char *file, size_t offset)
{
	struct pos p = source_pos(src, offset);

	p.file = file;
	return p;
}

/* The respondent columns of the header row. */
static void
read_header(const struct source *src, const char *file, struct row *h,
    struct arena *a, struct csv_answers *out, size_t **cols)
{
	size_t c;

	out->resp = arena_alloc(a, (h->n + 1) * sizeof(*out->resp));
	*cols = arena_alloc(a, (h->n + 1) * sizeof(**cols));
	for (c = 1; c < h->n; c++) {
		struct csv_respondent *r;

		if (is_label_column(h->cells[c].text))
			continue;
		r = &out->resp[out->nresp];
		r->name = h->cells[c].text;
		r->pos = at(src, file, h->cells[c].offset);
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

static void
read_rows(const struct source *src, const char *file, size_t *i,
    const size_t *cols, struct arena *a, struct csv_answers *out,
    int *bad, struct diags *d)
{
	int line_of[ASSESS_ITEMS] = {0};
	struct row row;
	int rc;

	while ((rc = next_row(src, i, a, &row)) == 1) {
		struct pos p = at(src, file, row.offset);
		size_t r;
		int no;

		if (row.n == 0 || row.cells[0].text[0] == '\0')
			continue;
		if ((no = item_number(row.cells[0].text)) < 0)
			continue;	/* a title or subtotal row */
		if (no < 1 || no > ASSESS_ITEMS) {
			diag(d, E_CSV_ITEM, p, row.cells[0].text);
			*bad = 1;
			continue;
		}
		if (line_of[no - 1]) {
			diag(d, E_CSV_DUP, p, no, line_of[no - 1]);
			*bad = 1;
			continue;
		}
		line_of[no - 1] = p.line;
		for (r = 0; r < out->nresp; r++) {
			struct csv_respondent *resp = &out->resp[r];
			const struct cell *c;
			const char *ans;

			if (cols[r] >= row.n ||
			    row.cells[cols[r]].text[0] == '\0')
				continue;
			c = &row.cells[cols[r]];
			if ((ans = canonical_answer(c->text)) == NULL) {
				diag(d, E_CSV_ANSWER, at(src, file, c->offset),
				    c->text);
				*bad = 1;
				/* Reported: not missing as well. */
				ans = "";
			}
			resp->answers[no - 1] = ans;
			resp->apos[no - 1] = at(src, file, c->offset);
		}
	}
	if (rc < 0) {
		diag(d, E_CSV_QUOTE, at(src, file, row.offset));
		*bad = 1;
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
	const char *file = arena_strdup(a, path);
	struct row row;
	size_t i = 0, r, *cols = NULL;
	int rc, bad = 0, errors = d->errors;

	memset(out, 0, sizeof(*out));
	if (enc == ENC_AUTO)
		enc = csv_encoding(path);
	if (source_load(&src, path, enc, d) != 0)
		return -1;
	while ((rc = next_row(&src, &i, a, &row)) == 1)
		if (row.n > 0 && (strcmp(row.cells[0].text, "No") == 0 ||
		    strcmp(row.cells[0].text, "No.") == 0 ||
		    strcmp(row.cells[0].text, "番号") == 0))
			break;
	if (rc != 1) {
		diag(d, rc < 0 ? E_CSV_QUOTE : E_CSV_HEADER,
		    (struct pos){ file, rc < 0 ? source_pos(&src,
		    row.offset).line : 0, 0 });
		source_free(&src);
		return -1;
	}
	read_header(&src, file, &row, a, out, &cols);
	read_rows(&src, file, &i, cols, a, out, &bad, d);
	drop_empty(out);
	if (out->nresp == 0) {
		diag(d, E_CSV_NORESP, at(&src, file, row.offset));
		bad = 1;
	}
	for (r = 0; r < out->nresp; r++)
		report_missing(&out->resp[r], d);
	source_free(&src);
	return bad || d->errors > errors ? -1 : 0;
}
