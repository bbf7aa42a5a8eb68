/*
 * diag.c: prints catalogue messages.  Errors past DIAG_MAX_ERRORS are
 * counted but not printed, so a pathological input cannot flood the
 * terminal; the exit status still reflects them.  Warnings of one kind
 * past DIAG_MAX_PER_KIND are counted and summed up at the end.  A message
 * is printed once: the texts printed are kept in a hash table, so every
 * message costs constant time however many came before.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/diag.h"
#include "base/util.h"

struct diag_entry {
	struct pos	 pos;
	char		*text;		/* the message with its hints */
	size_t		 order;
};

#define DIAG_MAX_ERRORS 200
#define DIAG_MAX_PER_KIND 50

static const struct {
	enum severity	 sev;
	const char	*text;
} catalogue[] = {
#define DIAG_ENTRY(id, sev, text) { sev, text },
	DIAG_CATALOGUE(DIAG_ENTRY)
#undef DIAG_ENTRY
};

void
diags_init(struct diags *d, FILE *out)
{
	memset(d, 0, sizeof(*d));
	d->out = out;
}

void
diags_free(struct diags *d)
{
	size_t i;

	for (i = 0; i < d->nheld; i++)
		free(d->held[i].text);
	free(d->held);
	for (i = 0; i < d->nseen; i++)
		free(d->seen[i]);
	free(d->seen);
	strmap_free(&d->seen_map);
	d->held = NULL;
	d->seen = NULL;
	d->nheld = d->nseen = 0;
}

static void
format_pos(struct buf *b, struct pos pos)
{
	if (pos.file == NULL)
		buf_adds(b, "kitei: ");
	else if (pos.line > 0 && pos.col > 0)
		buf_addf(b, "%s:%d:%d: ", pos.file, pos.line, pos.col);
	else if (pos.line > 0)
		buf_addf(b, "%s:%d: ", pos.file, pos.line);
	else
		buf_addf(b, "%s: ", pos.file);
}

/* Whether text was printed before (a fragment included twice, say). */
static int
seen_before(struct diags *d, const char *text)
{
	size_t dummy;

	if (strmap_get(&d->seen_map, text, &dummy))
		return 1;
	if (d->nseen == d->capseen) {
		d->capseen = d->capseen ? d->capseen * 2 : 16;
		d->seen = xrealloc(d->seen, d->capseen * sizeof(*d->seen));
	}
	d->seen[d->nseen] = xstrdup(text);
	strmap_put(&d->seen_map, d->seen[d->nseen], d->nseen, NULL);
	d->nseen++;
	return 0;
}

const char *
diag_text(enum diag_id id)
{
	return catalogue[id].text;
}

static void
emit(struct diags *d, struct pos pos, const char *text, int hint)
{
	if (hint && d->holding && d->nheld > 0) {
		struct diag_entry *e = &d->held[d->nheld - 1];
		struct buf b = {0};

		buf_adds(&b, e->text);
		buf_adds(&b, text);
		free(e->text);
		e->text = buf_take(&b);
		return;
	}
	if (!hint && d->holding) {
		if (d->nheld == d->capheld) {
			d->capheld = d->capheld ? d->capheld * 2 : 16;
			d->held = xrealloc(d->held, d->capheld * sizeof(*d->held));
		}
		d->held[d->nheld].pos = pos;
		d->held[d->nheld].text = xstrdup(text);
		d->held[d->nheld].order = d->nheld;
		d->nheld++;
		return;
	}
	fputs(text, d->out);
}

void
diag(struct diags *d, enum diag_id id, struct pos pos, ...)
{
	enum severity sev = catalogue[id].sev;
	struct buf b = {0};
	va_list ap;

	if (sev != SEV_HINT) {
		format_pos(&b, pos);
		buf_adds(&b, sev == SEV_ERROR ? "error: " : "warning: ");
	} else
		buf_adds(&b, "    ヒント: ");
	va_start(ap, pos);
	{
		va_list aq;
		int n;

		va_copy(aq, ap);
		n = vsnprintf(NULL, 0, catalogue[id].text, aq);
		va_end(aq);
		buf_grow(&b, (size_t)n + 2);
		vsnprintf(b.p + b.n, (size_t)n + 1, catalogue[id].text, ap);
		b.n += (size_t)n;
	}
	va_end(ap);
	buf_addc(&b, '\n');
	if (sev == SEV_ERROR) {
		d->errors++;
		/* Past the cap nothing is printed, so nothing is kept. */
		if (!d->holding && d->printed > DIAG_MAX_ERRORS) {
			d->hide_hints = 1;
			goto out;
		}
		if (seen_before(d, b.p)) {
			d->hide_hints = 1;
			goto out;
		}
		/* Held messages are capped when released, in file order. */
		d->hide_hints = !d->holding && d->printed >= DIAG_MAX_ERRORS;
		if (!d->holding && d->printed++ == DIAG_MAX_ERRORS)
			fprintf(d->out, "kitei: error: %s\n",
			    catalogue[E_TOO_MANY].text);
	} else if (sev == SEV_WARNING) {
		d->warnings++;
		if (!d->quiet_warnings &&
		    d->kind_shown[id] >= DIAG_MAX_PER_KIND) {
			d->kind_hidden[id]++;
			d->hide_hints = 1;
			goto out;
		}
		d->hide_hints = d->quiet_warnings || seen_before(d, b.p);
		if (!d->hide_hints)
			d->kind_shown[id]++;
	}
	if (!d->hide_hints)
		emit(d, pos, b.p, sev == SEV_HINT);
out:
	buf_free(&b);
}

static int
entry_cmp(const void *a, const void *b)
{
	const struct diag_entry *x = a, *y = b;
	int c = strcmp(x->pos.file ? x->pos.file : "",
	    y->pos.file ? y->pos.file : "");

	if (c != 0)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

void
diags_hold(struct diags *d)
{
	d->holding = 1;
}

void
diags_release(struct diags *d)
{
	size_t i;

	d->holding = 0;
	if (d->nheld > 1)
		qsort(d->held, d->nheld, sizeof(*d->held), entry_cmp);
	for (i = 0; i < d->nheld; i++) {
		if (d->printed < DIAG_MAX_ERRORS)
			fputs(d->held[i].text, d->out);
		else if (d->printed == DIAG_MAX_ERRORS)
			fprintf(d->out, "kitei: error: %s\n",
			    catalogue[E_TOO_MANY].text);
		/* Warnings count too: they are rare next to 200 errors. */
		d->printed++;
		free(d->held[i].text);
	}
	d->nheld = 0;
}

/* A message's text with each argument shown as "…": the name of a kind. */
static void
kind_name(enum diag_id id, struct buf *b)
{
	const char *t = catalogue[id].text;

	while (*t) {
		if (*t != '%') {
			buf_addc(b, *t++);
			continue;
		}
		t++;
		while (*t && strchr("sdiuxXcp%", *t) == NULL)
			t++;
		if (*t)
			t++;
		buf_adds(b, "…");
	}
}

void
diags_summary(struct diags *d)
{
	int id;

	for (id = 0; id < DIAG__COUNT; id++)
		if (d->kind_hidden[id] > 0) {
			struct buf b = {0};

			kind_name((enum diag_id)id, &b);
			fprintf(d->out, "kitei: warning: ");
			fprintf(d->out, catalogue[W_MORE_OF_KIND].text, b.p,
			    d->kind_hidden[id], DIAG_MAX_PER_KIND);
			fputc('\n', d->out);
			d->kind_hidden[id] = 0;
			buf_free(&b);
		}
}

void
diags_merge(struct diags *d, struct diags *from)
{
	size_t i;

	if (from->nheld > 1)
		qsort(from->held, from->nheld, sizeof(*from->held), entry_cmp);
	for (i = 0; i < from->nheld; i++) {
		const char *text = from->held[i].text;

		/* As diag() would have: each message once, floods capped. */
		if (seen_before(d, text))
			continue;
		if (d->holding)
			emit(d, from->held[i].pos, text, 0);
		else if (d->printed < DIAG_MAX_ERRORS)
			fputs(text, d->out);
		else if (d->printed == DIAG_MAX_ERRORS)
			fprintf(d->out, "kitei: error: %s\n",
			    catalogue[E_TOO_MANY].text);
		if (!d->holding)
			d->printed++;
	}
	d->errors += from->errors;
	d->warnings += from->warnings;
}

int
diags_failed(const struct diags *d)
{
	return d->errors > 0;
}
