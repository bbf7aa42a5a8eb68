/*
 * cmd_due.c: kitei due.  Reads many profiles (a consultant's clients) and
 * lists, one line per organisation and item, when each review or periodic
 * activity was last done and is next due, and its state on a given day:
 * 期限切れ (the date has passed), 間もなく (within --within days, default
 * 30) or 予定.  The rows come from the derived values through due.h.
 *
 * "Today" is --today, else SOURCE_DATE_EPOCH, else the real date: this is
 * a report about today, not a built file.  The iCalendar output depends on
 * nothing else (DTSTAMP is that day; each UID is a hash of organisation,
 * item and date), so the same inputs give the same bytes.
 *
 * Exit status: 0, or 3 when any row is 期限切れ (a weekly CI job turns red
 * for that reason), 1 for errors in a profile (nothing printed), 2 usage.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "cmd/cmd.h"
#include "profile/due.h"
#include "profile/profile.h"
#include "profile/schema.h"

enum due_state { DUE_OVERDUE, DUE_SOON, DUE_PLANNED };

static const char *const state_names[] = { "期限切れ", "間もなく", "予定" };

enum due_format { FMT_TEXT, FMT_TSV, FMT_ICS };

static enum due_state
row_state(const struct due_row *row, struct date today, int within)
{
	long days = date_days_between(today, row->next);

	if (days < 0)
		return DUE_OVERDUE;
	return days <= within ? DUE_SOON : DUE_PLANNED;
}

/* --today, else SOURCE_DATE_EPOCH, else the clock; -1 on a bad value. */
static int
pick_today(const char *opt, struct date *out)
{
	const char *sde = getenv("SOURCE_DATE_EPOCH");
	char *end;

	if (opt != NULL)
		return date_parse(opt, out);
	if (sde != NULL && *sde != '\0') {
		long long s = strtoll(sde, &end, 10);

		if (*end != '\0' || s < 0)
			return -1;
		*out = date_from_epoch(s);
		return 0;
	}
	*out = date_from_epoch((long long)time(NULL));
	return 0;
}

/* Columns in a terminal: East Asian wide characters take two. */
static size_t
display_width(const char *s)
{
	size_t i = 0, len = strlen(s), w = 0;

	while (i < len) {
		uint32_t cp = utf8_next(s, len, &i);

		w += cp >= 0x1100 && !(cp >= 0xFF61 && cp <= 0xFF9F) ? 2 : 1;
	}
	return w;
}

static void
pad_to(struct buf *out, const char *s, size_t width)
{
	size_t w = display_width(s);

	buf_adds(out, s);
	while (w++ < width)
		buf_addc(out, ' ');
}

static void
iso_or_dash(const struct due_row *r, int last, char out[16])
{
	if (last && !r->has_last)
		strcpy(out, "-");
	else
		date_iso(last ? r->last : r->next, out);
}

/* Text: aligned columns, then a count of each state. */
static void
write_text(const due_vec *rows, struct date today, int within,
    struct buf *out)
{
	static const char *const head[] = { "組織", "項目", "前回", "次回",
	    "状態" };
	size_t wo = display_width(head[0]), wi = display_width(head[1]);
	size_t i, count[3] = {0};
	char l[16], n[16], t[16];

	for (i = 0; i < rows->n; i++) {
		if (display_width(rows->v[i].org) > wo)
			wo = display_width(rows->v[i].org);
		if (display_width(rows->v[i].item) > wi)
			wi = display_width(rows->v[i].item);
	}
	pad_to(out, head[0], wo + 2);
	pad_to(out, head[1], wi + 2);
	pad_to(out, head[2], 12);
	pad_to(out, head[3], 12);
	buf_addf(out, "%s\n", head[4]);
	for (i = 0; i < rows->n; i++) {
		const struct due_row *r = &rows->v[i];
		enum due_state st = row_state(r, today, within);

		count[st]++;
		iso_or_dash(r, 1, l);
		iso_or_dash(r, 0, n);
		pad_to(out, r->org, wo + 2);
		pad_to(out, r->item, wi + 2);
		pad_to(out, l, 12);
		pad_to(out, n, 12);
		buf_addf(out, "%s\n", state_names[st]);
	}
	date_iso(today, t);
	buf_addf(out, "\n%s 現在: 期限切れ %zu 件、間もなく %zu 件、予定 %zu 件"
	    "（間もなく = %d 日以内）\n", t, count[0], count[1], count[2],
	    within);
}

/* TSV: a header line, ISO dates, tabs and newlines in values as spaces. */
static void
tsv_field(struct buf *out, const char *s)
{
	for (; *s; s++)
		buf_addc(out, *s == '\t' || *s == '\n' || *s == '\r' ? ' ' :
		    *s);
}

static void
write_tsv(const due_vec *rows, struct date today, int within,
    struct buf *out)
{
	char l[16], n[16];
	size_t i;

	buf_adds(out, "組織\t項目\t前回\t次回\t状態\n");
	for (i = 0; i < rows->n; i++) {
		const struct due_row *r = &rows->v[i];

		iso_or_dash(r, 1, l);
		iso_or_dash(r, 0, n);
		tsv_field(out, r->org);
		buf_addc(out, '\t');
		tsv_field(out, r->item);
		buf_addf(out, "\t%s\t%s\t%s\n", r->has_last ? l : "", n,
		    state_names[row_state(r, today, within)]);
	}
}

/* ---- iCalendar (RFC 5545) ---- */

/* FNV-1a over the parts, each followed by a NUL: the event's identity. */
static uint64_t
uid_hash(const char *org, const char *item, const char *date)
{
	const char *parts[] = { org, item, date };
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t k;
	const char *p;

	for (k = 0; k < 3; k++) {
		for (p = parts[k]; *p; p++)
			h = (h ^ (unsigned char)*p) * 0x100000001b3ULL;
		h *= 0x100000001b3ULL;
	}
	return h;
}

/* TEXT value escaping: backslash, semicolon, comma, newline. */
static void
ics_escape(struct buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == ';' || *s == ',')
			buf_addc(out, '\\');
		if (*s == '\n') {
			buf_adds(out, "\\n");
			continue;
		}
		if (*s != '\r')
			buf_addc(out, *s);
	}
}

/*
 * Ends a content line: folds it at 75 octets (never inside a UTF-8
 * sequence) with CRLF and a leading space, as RFC 5545 3.1 asks.
 */
static void
ics_line(struct buf *out, const struct buf *line)
{
	size_t i = 0, run = 0;

	while (i < line->n) {
		size_t len = 1;
		unsigned char c = (unsigned char)line->p[i];

		if (c >= 0xF0)
			len = 4;
		else if (c >= 0xE0)
			len = 3;
		else if (c >= 0xC0)
			len = 2;
		if (run + len > 75) {
			buf_adds(out, "\r\n ");
			run = 1;
		}
		buf_add(out, line->p + i, len);
		run += len;
		i += len;
	}
	buf_adds(out, "\r\n");
}

static void
ics_event(struct buf *out, const struct due_row *r, const char *stamp,
    enum due_state st)
{
	struct buf line = {0};
	char next[16], end[16], last[16];

	date_iso(r->next, next);
	date_iso(date_add_days(r->next, 1), end);
	iso_or_dash(r, 1, last);
	ics_line(out, &(struct buf){ "BEGIN:VEVENT", 12, 0 });
	buf_addf(&line, "UID:%016llx-%.4s%.2s%.2s@kitei",
	    (unsigned long long)uid_hash(r->org, r->item, next), next,
	    next + 5, next + 8);
	ics_line(out, &line);
	line.n = 0;
	buf_addf(&line, "DTSTAMP:%sT000000Z", stamp);
	ics_line(out, &line);
	line.n = 0;
	buf_addf(&line, "DTSTART;VALUE=DATE:%.4s%.2s%.2s", next, next + 5,
	    next + 8);
	ics_line(out, &line);
	line.n = 0;
	buf_addf(&line, "DTEND;VALUE=DATE:%.4s%.2s%.2s", end, end + 5,
	    end + 8);
	ics_line(out, &line);
	line.n = 0;
	buf_adds(&line, "SUMMARY:");
	ics_escape(&line, r->org);
	ics_escape(&line, "：");
	ics_escape(&line, r->item);
	ics_line(out, &line);
	line.n = 0;
	buf_adds(&line, "DESCRIPTION:");
	buf_addf(&line, "前回 %s\\n状態 %s", last, state_names[st]);
	ics_line(out, &line);
	line.n = 0;
	buf_adds(&line, "TRANSP:TRANSPARENT");
	ics_line(out, &line);
	line.n = 0;
	buf_adds(&line, "END:VEVENT");
	ics_line(out, &line);
	buf_free(&line);
}

static void
write_ics(const due_vec *rows, struct date today, int within,
    struct buf *out)
{
	char stamp[16];
	size_t i;

	date_iso(today, stamp);
	memmove(stamp + 4, stamp + 5, 2);
	memmove(stamp + 6, stamp + 8, 3);
	buf_adds(out, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"
	    "PRODID:-//kitei//kitei due//JA\r\nCALSCALE:GREGORIAN\r\n"
	    "X-WR-CALNAME:kitei 見直しと定期的な取組\r\n");
	for (i = 0; i < rows->n; i++)
		ics_event(out, &rows->v[i], stamp,
		    row_state(&rows->v[i], today, within));
	buf_adds(out, "END:VCALENDAR\r\n");
}

static int
parse_format(const char *s, enum due_format *f)
{
	if (s == NULL || strcmp(s, "text") == 0)
		*f = FMT_TEXT;
	else if (strcmp(s, "tsv") == 0)
		*f = FMT_TSV;
	else if (strcmp(s, "ics") == 0)
		*f = FMT_ICS;
	else
		return -1;
	return 0;
}

/*
 * Loads each profile in turn, keeps its rows and frees it, so that a
 * thousand clients cost one profile of memory at a time.
 */
static void
collect_all(struct run *r, due_vec *rows)
{
	int i;

	for (i = 0; i < r->opt.nargs; i++) {
		struct profile *p = profile_load(r->opt.args[i],
		    schema_root(r->schema), r->registry, r->opt.encoding,
		    &r->diags);

		if (p == NULL)
			continue;
		due_collect(p->root, rows);
		profile_free(p);
	}
}

int
cmd_due(struct run *r)
{
	enum due_format fmt;
	struct date today;
	due_vec rows = {0};
	struct buf out = {0};
	size_t i;
	int overdue = 0;

	if (r->opt.nargs == 0)
		return usage_error("プロファイルを指定してください");
	if (parse_format(r->opt.format, &fmt) != 0)
		return usage_error("--format は text, tsv, ics のどれかです");
	if (pick_today(r->opt.today, &today) != 0)
		return usage_error("--today は YYYY-MM-DD の実在する日付です"
		    "（SOURCE_DATE_EPOCH は秒数）");
	if (run_load_schema(r) != 0)
		return run_status(r);
	collect_all(r, &rows);
	if (!diags_failed(&r->diags)) {
		for (i = 0; i < rows.n; i++)
			overdue |= row_state(&rows.v[i], today,
			    r->opt.within) == DUE_OVERDUE;
		if (fmt == FMT_TSV)
			write_tsv(&rows, today, r->opt.within, &out);
		else if (fmt == FMT_ICS)
			write_ics(&rows, today, r->opt.within, &out);
		else
			write_text(&rows, today, r->opt.within, &out);
		run_emit(r, out.p ? out.p : "", out.n);
	}
	buf_free(&out);
	due_free(&rows);
	if (diags_failed(&r->diags))
		return EXIT_INPUT;
	return overdue ? EXIT_OVERDUE : 0;
}
