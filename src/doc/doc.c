/*
 * doc.c: the document set.  Knows which template makes which document and
 * takes each document's metadata from the profile: title, company,
 * classification (none on the published basic policy), dates in the
 * company's style, revision history, approval names, paper size and, for
 * the regulations, the numbering style.
 */
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "profile/schema.h"
#include "base/util.h"
#include "profile/value.h"

const struct docdef docdefs[DOC_COUNT] = {
	{ "policy", "情報セキュリティ基本方針", "policy.md" },
	{ "handbook", "情報セキュリティハンドブック", "handbook.md" },
	{ "regulations", "情報セキュリティ関連規程", "regulations.md" },
};

static const char *
str_at(const struct value *root, const char *path)
{
	const struct value *v = value_at(root, path);

	return v != NULL && v->kind == V_STR && v->str[0] ? v->str : NULL;
}

enum date_style
profile_date_style(const struct value *profile)
{
	const char *s = str_at(profile, "policy.date_style");

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

/* The revision history as Markdown, every value escaped. */
static void
revision_markdown(const struct value *profile, struct buf *md)
{
	const struct value *revs = value_at(profile, "policy.revisions");
	const char *cols[] = { "version", "date", "description", "approver" };
	size_t i, k;

	buf_adds(md, "## 改訂履歴\n\n| 版 | 日付 | 内容 | 承認者 |\n"
	    "|:--:|:--|:--|:--|\n");
	if (revs == NULL || revs->kind != V_LIST || revs->n == 0) {
		char *date = format_date(profile,
		    str_at(profile, "policy.established"));
		const char *v = str_at(profile, "policy.version");
		const char *who = str_at(profile, "company.representative.name");

		buf_adds(md, "| ");
		md_escape(md, v ? v : "1.0", 0);
		buf_adds(md, " | ");
		md_escape(md, date ? date : "", 0);
		buf_adds(md, " | 制定 | ");
		md_escape(md, who ? who : "", 0);
		buf_adds(md, " |\n");
		free(date);
		return;
	}
	for (i = 0; i < revs->n; i++) {
		buf_adds(md, "|");
		for (k = 0; k < 4; k++) {
			const struct value *v = value_get(revs->items[i],
			    cols[k], NULL);
			char *date = NULL;

			buf_adds(md, " ");
			if (v != NULL && v->kind == V_STR) {
				if (k == 1)
					date = format_date(profile, v->str);
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
	char	*signature[4];
};

static void
fill_meta(struct document *doc, int k, const struct value *profile)
{
	struct owned *own = xcalloc(1, sizeof(*own));
	const char *est = str_at(profile, "policy.established");
	const char *rev = str_at(profile, "policy.revised");
	char *e = format_date(profile, est), *r = format_date(profile, rev);
	struct date dt;
	struct buf s = {0};
	size_t n = 0;

	doc->id = docdefs[k].id;
	doc->title = docdefs[k].title;
	doc->company = str_at(profile, "company.name");
	doc->short_company = str_at(profile, "company.short_name");
	doc->version = str_at(profile, "policy.version");
	buf_addf(&s, "制定　%s", e ? e : "");
	if (r)
		buf_addf(&s, "　／　改定　%s", r);
	own->date_text = buf_take(&s);
	doc->date_text = own->date_text;
	if (date_parse(rev ? rev : est, &dt) == 0)
		doc->epoch = date_epoch(dt);
	doc->indent = 1;
	if (k == 0) {
		/* The basic policy is published: no mark, a signature. */
		doc->show_title = 1;
		own->signature[n++] = joined("制定日　", e ? e : "");
		if (r)
			own->signature[n++] = joined("改定日　", r);
		own->signature[n++] = xstrdup(doc->company);
		s.n = 0;
		buf_addf(&s, "%s　%s",
		    str_at(profile, "company.representative.title"),
		    str_at(profile, "company.representative.name"));
		own->signature[n++] = buf_take(&s);
		doc->signature = (const char **)own->signature;
		doc->nsignature = n;
	} else {
		doc->classification = str_at(profile, "policy.classification");
		doc->cover = doc->toc = doc->chapter_breaks = 1;
		doc->approvals[0] = str_at(profile, "policy.approvals.approved");
		doc->approvals[1] = str_at(profile, "policy.approvals.checked");
		doc->approvals[2] = str_at(profile, "policy.approvals.prepared");
	}
	if (k == 1) {
		const char *paper = str_at(profile, "handbook.paper");

		doc->paper = paper && strcmp(paper, "a5") == 0 ? PAPER_A5 :
		    PAPER_A4;
	}
	doc->owned = own;
	free(e);
	free(r);
	buf_free(&s);
}

int
document_from_profile(struct document *doc, int k,
    const struct value *profile, struct tmpl_set *ts, struct diags *d)
{
	enum numbering num = NUM_NONE;
	const char *style;

	memset(doc, 0, sizeof(*doc));
	fill_meta(doc, k, profile);
	if (tmpl_expand(ts, docdefs[k].template, &doc->exp) != 0)
		return -1;
	if (k == 2) {
		style = str_at(profile, "regulations.numbering");
		num = style && strcmp(style, "articles") == 0 ? NUM_ARTICLES :
		    NUM_SECTIONS;
	}
	mdoc_parse(&doc->body, doc->exp.md, doc->exp.len, num, &doc->exp, d);
	if (doc->cover) {
		struct buf md = {0};

		revision_markdown(profile, &md);
		mdoc_parse(&doc->front, md.p, md.n, NUM_NONE, NULL, d);
		buf_free(&md);
	}
	return 0;
}

int
document_from_markdown(struct document *doc, const char *title,
    const char *md, size_t len, enum paper paper, struct diags *d)
{
	memset(doc, 0, sizeof(*doc));
	doc->id = "document";
	doc->title = title;
	doc->paper = paper;
	doc->indent = 1;
	doc->exp.md = xstrndup(md, len);
	doc->exp.len = len;
	mdoc_parse(&doc->body, md, len, NUM_NONE, NULL, d);
	return 0;
}

void
document_free(struct document *doc)
{
	struct owned *own = doc->owned;
	size_t i;

	if (own != NULL) {
		free(own->date_text);
		for (i = 0; i < 4; i++)
			free(own->signature[i]);
		free(own);
	}
	mdoc_free(&doc->body);
	mdoc_free(&doc->front);
	expansion_free(&doc->exp);
	memset(doc, 0, sizeof(*doc));
}
