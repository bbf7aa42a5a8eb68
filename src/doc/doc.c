/*
 * doc.c: one document of the registry for one profile.  Takes its
 * metadata from the profile as its registry entry says: title, company,
 * classification (none on a public document), dates in the company's
 * style, revision history, approval names, signature, paper size and
 * numbering style; expands and parses its template.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "profile/profile.h"
#include "profile/schema.h"
#include "base/util.h"
#include "profile/value.h"
#include "text/jtext.h"

enum date_style
profile_date_style(const struct value *profile)
{
	const char *s = profile_str(profile, K_DATE_STYLE);

	return s && strcmp(s, "wareki") == 0 ? DATE_WAREKI : DATE_SEIREKI;
}

/* A date of the profile in its style, kept in the document's strings. */
static char *
format_date(const struct value *profile, const char *iso)
{
	struct date dt;
	char out[64];

	if (iso == NULL || date_parse(iso, &dt) != 0)
		return NULL;
	date_format(dt, profile_date_style(profile), out, sizeof(out));
	return xstrdup(out);
}

static char	*joined(const char *a, const char *b);

/* 「次回見直し日　…」 from the derived policy.review.due, or NULL. */
static char *
review_line(const struct value *profile)
{
	char *date = format_date(profile, profile_str(profile, K_REVIEW_DUE));
	char *line = date ? joined("次回見直し日　", date) : NULL;

	free(date);
	return line;
}

/*
 * The review record under the revision history: the next review date and
 * the reviews done, including those that changed nothing.
 */
static void
review_markdown(const struct value *profile, struct buf *md)
{
	const struct value *log = profile_at(profile, K_REVIEW_LOG);
	static const enum pkey cols[] = { K_REVIEW_LOG_DATE,
	    K_REVIEW_LOG_RESULT, K_REVIEW_LOG_BY, K_REVIEW_LOG_NOTE };
	char *next = review_line(profile);
	size_t i, k;

	if (next != NULL) {
		buf_adds(md, "\n");
		md_escape(md, next, 0);
		buf_adds(md, "\n");
		free(next);
	}
	if (log == NULL || log->kind != V_LIST || log->n == 0)
		return;
	buf_adds(md, "\n## 見直し記録\n\n| 日付 | 結果 | 実施者 | 備考 |\n"
	    "|:--|:--:|:--|:--|\n");
	for (i = 0; i < log->n; i++) {
		buf_adds(md, "|");
		for (k = 0; k < 4; k++) {
			const struct value *v = profile_get(log->items[i],
			    cols[k]);
			char *date = NULL;

			buf_adds(md, " ");
			if (v != NULL && v->kind == V_STR) {
				if (k == 0)
					date = format_date(profile, v->str);
				md_escape(md, date ? date : v->str, 0);
			}
			free(date);
			buf_adds(md, " |");
		}
		buf_adds(md, "\n");
	}
}

/* An approver's name, kept whole on a line like every personal name. */
static void
approver_markdown(struct buf *md, const char *name)
{
	struct buf joined = {0};

	jt_join_name(&joined, name);
	md_escape(md, joined.p ? joined.p : "", 0);
	buf_free(&joined);
}

/* The revision history as Markdown, every value escaped. */
static void
revision_markdown(const struct value *profile, struct buf *md)
{
	const struct value *revs = profile_at(profile, K_POLICY_REVISIONS);
	static const enum pkey cols[] = { K_REVISION_VERSION, K_REVISION_DATE,
	    K_REVISION_DESCRIPTION, K_REVISION_APPROVER };
	size_t i, k;

	buf_adds(md, "## 改訂履歴\n\n| 版 | 日付 | 内容 | 承認者 |\n"
	    "|:--:|:--|:--|:--|\n");
	if (revs == NULL || revs->kind != V_LIST || revs->n == 0) {
		char *date = format_date(profile,
		    profile_str(profile, K_POLICY_ESTABLISHED));
		const char *v = profile_str(profile, K_POLICY_VERSION);
		const char *who = profile_str(profile, K_REP_NAME);

		buf_adds(md, "| ");
		md_escape(md, v ? v : "1.0", 0);
		buf_adds(md, " | ");
		md_escape(md, date ? date : "", 0);
		buf_adds(md, " | 制定 | ");
		approver_markdown(md, who ? who : "");
		buf_adds(md, " |\n");
		free(date);
		return;
	}
	for (i = 0; i < revs->n; i++) {
		buf_adds(md, "|");
		for (k = 0; k < 4; k++) {
			const struct value *v = profile_get(revs->items[i],
			    cols[k]);
			char *date = NULL;

			buf_adds(md, " ");
			if (v != NULL && v->kind == V_STR) {
				if (k == 1)
					date = format_date(profile, v->str);
				if (k == 3)
					approver_markdown(md, v->str);
				else
					md_escape(md, date ? date : v->str, 0);
			}
			free(date);
			buf_adds(md, " |");
		}
		buf_adds(md, "\n");
	}
}

static char *
joined(const char *a, const char *b)
{
	struct buf s = {0};

	buf_adds(&s, a);
	buf_adds(&s, b);
	return buf_take(&s);
}

/* Strings the document owns; freed with it. */
struct owned {
	char	*date_text;
	char	*review_text;
	char	*signature[4];
};

/* The profile's choice where the registry lets it choose, else def's. */
static enum paper
doc_paper(const struct docdef *def, const struct value *profile)
{
	const char *p = def->paper_key ? profile_str_at(profile,
	    def->paper_key) : NULL;

	if (p != NULL && strcmp(p, "a5") == 0)
		return PAPER_A5;
	if (p != NULL && strcmp(p, "a4") == 0)
		return PAPER_A4;
	return def->paper;
}

static enum numbering
doc_numbering(const struct docdef *def, const struct value *profile)
{
	const char *n = def->numbering_key ? profile_str_at(profile,
	    def->numbering_key) : NULL;

	if (n != NULL && strcmp(n, "articles") == 0)
		return NUM_ARTICLES;
	if (n != NULL && strcmp(n, "sections") == 0)
		return NUM_SECTIONS;
	if (n != NULL && strcmp(n, "none") == 0)
		return NUM_NONE;
	return def->numbering;
}

/* The closing lines of a signed document: dates, company, head. */
static size_t
signature_lines(struct owned *own, const char *company,
    const struct value *profile, const char *e, const char *r)
{
	struct buf s = {0};
	size_t n = 0;

	own->signature[n++] = joined("制定日　", e ? e : "");
	if (r)
		own->signature[n++] = joined("改定日　", r);
	own->signature[n++] = xstrdup(company);
	buf_addf(&s, "%s　%s", profile_str(profile, K_REP_TITLE),
	    profile_str(profile, K_REP_NAME));
	own->signature[n++] = buf_take(&s);
	return n;
}

static void
fill_meta(struct document *doc, const struct job *job,
    const struct value *profile)
{
	const struct docdef *def = job->def;
	struct owned *own = xcalloc(1, sizeof(*own));
	const char *est = profile_str(profile, K_POLICY_ESTABLISHED);
	const char *rev = profile_str(profile, K_POLICY_REVISED);
	char *e = format_date(profile, est), *r = format_date(profile, rev);
	struct date dt;
	struct buf s = {0};

	doc->id = job->stem;
	doc->title = def->title;
	doc->company = profile_str(profile, K_COMPANY_NAME);
	doc->short_company = profile_str(profile, K_SHORT_NAME);
	doc->version = profile_str(profile, K_POLICY_VERSION);
	buf_addf(&s, "制定　%s", e ? e : "");
	if (r)
		buf_addf(&s, "　／　改定　%s", r);
	own->date_text = buf_take(&s);
	doc->date_text = own->date_text;
	doc->review_text = own->review_text = review_line(profile);
	if (date_parse(rev ? rev : est, &dt) == 0)
		doc->epoch = date_epoch(dt);
	doc->indent = def->kind == DOC_TEXT;	/* forms align their lines */
	doc->show_title = def->show_title;
	doc->cover = def->cover;
	doc->toc = def->toc;
	doc->chapter_breaks = def->chapter_breaks;
	doc->paper = doc_paper(def, profile);
	if (!def->public)
		doc->classification = profile_str(profile, K_CLASSIFICATION);
	if (def->signature) {
		doc->nsignature = signature_lines(own, doc->company, profile,
		    e, r);
		doc->signature = (const char **)own->signature;
	}
	if (def->cover) {
		doc->approvals[0] = profile_str(profile, K_APPROVED);
		doc->approvals[1] = profile_str(profile, K_CHECKED);
		doc->approvals[2] = profile_str(profile, K_PREPARED);
	}
	doc->owned = own;
	free(e);
	free(r);
}

int
document_build(struct document *doc, const struct job *job,
    const struct value *profile, struct tmpl_set *ts, struct diags *d)
{
	memset(doc, 0, sizeof(*doc));
	fill_meta(doc, job, profile);
	if (job->def->template == NULL)	/* a workbook only: no text */
		return 0;
	if (tmpl_expand_for(ts, job->def->template, job->item,
	    &doc->exp) != 0)
		return -1;
	mdoc_parse(&doc->body, doc->exp.md, doc->exp.len,
	    doc_numbering(job->def, profile), &doc->exp, d);
	if (doc->cover) {
		struct buf md = {0};

		revision_markdown(profile, &md);
		review_markdown(profile, &md);
		mdoc_parse(&doc->front, md.p, md.n, NUM_NONE, NULL, d);
		buf_free(&md);
	}
	return 0;
}

int
document_from_markdown(struct document *doc, const char *path,
    const char *title, const char *md, size_t len, enum paper paper,
    struct diags *d)
{
	memset(doc, 0, sizeof(*doc));
	doc->id = "document";
	doc->title = title;
	doc->paper = paper;
	doc->indent = 1;
	/* Every message about the file points into the file itself. */
	expansion_identity(&doc->exp, path, md, len);
	mdoc_parse(&doc->body, md, len, NUM_NONE, &doc->exp, d);
	return 0;
}

static void
cover_add(struct cover *c, enum cover_part part, const char *text)
{
	c->items[c->n].part = part;
	c->items[c->n].text = text;
	c->n++;
}

void
document_cover(const struct document *doc, struct cover *c)
{
	static const char *const labels[APPROVAL_COUNT] =
	    { "承認", "確認", "作成" };
	size_t k;

	memset(c, 0, sizeof(*c));
	if (doc->classification)
		cover_add(c, COVER_MARK, doc->classification);
	cover_add(c, COVER_TITLE, doc->title);
	if (doc->version) {
		snprintf(c->version, sizeof(c->version), "第%s版",
		    doc->version);
		cover_add(c, COVER_VERSION, c->version);
	}
	if (doc->date_text)
		cover_add(c, COVER_DATES, doc->date_text);
	if (doc->review_text)	/* document control: when it is next due */
		cover_add(c, COVER_REVIEW, doc->review_text);
	if (doc->company)
		cover_add(c, COVER_COMPANY, doc->company);
	cover_add(c, COVER_APPROVALS, NULL);
	for (k = 0; k < APPROVAL_COUNT; k++) {
		c->labels[k] = labels[k];
		c->names[k] = doc->approvals[k];
	}
}

void
document_free(struct document *doc)
{
	struct owned *own = doc->owned;
	size_t i;

	if (own != NULL) {
		free(own->date_text);
		free(own->review_text);
		for (i = 0; i < 4; i++)
			free(own->signature[i]);
		free(own);
	}
	mdoc_free(&doc->body);
	mdoc_free(&doc->front);
	expansion_free(&doc->exp);
	memset(doc, 0, sizeof(*doc));
}
