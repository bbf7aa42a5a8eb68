/*
 * diag.c: prints catalogue messages.  Errors past DIAG_MAX_ERRORS are
 * counted but not printed, so a pathological input cannot flood the
 * terminal; the exit status still reflects them.
 */
#include <stdarg.h>
#include <stdio.h>

#include "diag.h"

#define DIAG_MAX_ERRORS 200

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
	d->out = out;
	d->errors = d->warnings = d->printed = 0;
	d->quiet_warnings = 0;
	d->hide_hints = 0;
}

enum severity
diag_severity(enum diag_id id)
{
	return catalogue[id].sev;
}

const char *
diag_text(enum diag_id id)
{
	return catalogue[id].text;
}

static void
print_pos(FILE *out, struct pos pos)
{
	if (pos.file == NULL) {
		fputs("kitei: ", out);
		return;
	}
	if (pos.line > 0 && pos.col > 0)
		fprintf(out, "%s:%d:%d: ", pos.file, pos.line, pos.col);
	else if (pos.line > 0)
		fprintf(out, "%s:%d: ", pos.file, pos.line);
	else
		fprintf(out, "%s: ", pos.file);
}

void
diag(struct diags *d, enum diag_id id, struct pos pos, ...)
{
	enum severity sev = catalogue[id].sev;
	va_list ap;

	if (sev == SEV_ERROR) {
		d->errors++;
		d->hide_hints = d->printed >= DIAG_MAX_ERRORS;
		if (d->printed++ == DIAG_MAX_ERRORS) {
			fprintf(d->out, "kitei: error: %s\n",
			    catalogue[E_TOO_MANY].text);
		}
		if (d->hide_hints)
			return;
	} else if (sev == SEV_WARNING) {
		d->warnings++;
		d->hide_hints = d->quiet_warnings;
		if (d->hide_hints)
			return;
	} else if (d->hide_hints)
		return;

	va_start(ap, pos);
	if (sev == SEV_HINT) {
		fputs("    ヒント: ", d->out);
	} else {
		print_pos(d->out, pos);
		fputs(sev == SEV_ERROR ? "error: " : "warning: ", d->out);
	}
	vfprintf(d->out, catalogue[id].text, ap);
	fputc('\n', d->out);
	va_end(ap);
}

int
diags_failed(const struct diags *d)
{
	return d->errors > 0;
}
