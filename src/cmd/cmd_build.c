/*
 * cmd_build.c: kitei build.  Plans the documents of the registry for the
 * profile, makes each (expand → parse → lay out → PDF, and HTML), writes
 * the company's index.html and commits every file at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/util.h"
#include "data/xlsx.h"
#include "cmd/cmd.h"
#include "cmd/build_pdf.h"
#include "dev/dump.h"
#include "dev/pdf.h"
#include "doc/doc.h"
#include "layout/layout.h"
#include "out/output.h"
#include "profile/keys.h"
#include "profile/profile.h"
#include "profile/schema.h"
#include "tmpl/tmpl.h"


static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/*
 * Writes the job's workbook straight into the output set (libxlsxwriter
 * writes only to a path), starting the set on first use.
 */
static int
make_workbook(struct run *r, const struct job *job, struct made *m,
    struct outset **set, const char *outdir)
{
	struct xlsx_meta meta;
	const char *path;

	if (*set == NULL && (*set = out_begin(outdir, &r->diags)) == NULL)
		return -1;
	snprintf(m->xlsxname, sizeof(m->xlsxname), "%s.xlsx", job->stem);
	if ((path = out_reserve(*set, m->xlsxname)) == NULL)
		return -1;
	meta.title = job->def->title;
	meta.company = m->doc.company;
	meta.classification = m->doc.classification;
	meta.epoch = m->doc.epoch;
	if (xlsx_write(job->def->workbook, path, r->profile->root, &meta,
	    &r->diags) != 0)
		return -1;
	m->xlsx = 1;
	return 0;
}

/*
 * The @font-face rules of --embed-fonts into css: the subset of each face
 * the document's layout used, plus the characters the HTML adds.
 */
static int
embed_fonts(struct run *r, struct buf *css)
{
	static const enum html_face as[FONT__COUNT] = {
		[FONT_MINCHO] = HTML_SERIF, [FONT_GOTHIC] = HTML_SANS,
		[FONT_MONO] = HTML_MONO,
	};
	const char *ui = html_ui_text();
	int k;

	for (k = 0; k < FONT__COUNT; k++) {
		struct font *f = r->fonts[k];
		char *data;
		size_t len, i = 0, n = strlen(ui);
		int rc;

		if (!font_used_any(f))
			continue;
		while (i < n) {
			uint32_t cp = utf8_next(ui, n, &i);

			if (font_has(f, cp))
				font_use(f, cp);
		}
		if (font_subset(f, &data, &len) != 0)
			return -1;
		rc = html_font_css(css, as[k], (const unsigned char *)data,
		    len);
		free(data);
		if (rc != 0)
			return -1;
	}
	return 0;
}

/* The HTML of a made document, with its fonts when asked (after PDF). */
static int
write_html(struct run *r, struct made *m)
{
	struct buf css = {0};

	if (!r->opt.embed_fonts) {
		html_write(&m->doc, &r->theme, &m->html);
		return 0;
	}
	if (embed_fonts(r, &css) != 0) {
		buf_free(&css);
		fprintf(stderr, "kitei: %s: フォントを埋め込めませんでした\n",
		    m->htmlname);
		return -1;
	}
	r->theme.embed_css = css.p;
	html_write(&m->doc, &r->theme, &m->html);
	r->theme.embed_css = NULL;
	buf_free(&css);
	return 0;
}

void
made_free(struct made *m)
{
	document_free(&m->doc);
	free(m->hpages);
	buf_free(&m->pdf);
	buf_free(&m->html);
}

/* Where each heading landed, for the documents that link to this one. */
static void
keep_heading_pages(struct made *m, const struct dlist *dl)
{
	size_t i;

	m->hpages = xcalloc(dl->ndests + 1, sizeof(int));
	for (i = 0; i < dl->ndests; i++)
		m->hpages[i] = dl->dests[i].page + 1;
	m->front = (int)dl->front;
}

int
build_document(struct run *r, const struct job *job, struct made *m,
    struct pdfq *q)
{
	struct dlist *dl;
	int k;

	if (document_build(&m->doc, job, r->profile->root, r->tmpl,
	    &r->diags) != 0)
		return -1;
	snprintf(m->pdfname, sizeof(m->pdfname), "%s.pdf", job->stem);
	snprintf(m->htmlname, sizeof(m->htmlname), "%s.html", job->stem);
	if (job->def->outputs & OUT_PDF) {
		for (k = 0; k < FONT__COUNT; k++)
			font_reset_used(r->fonts[k]);
		if ((dl = layout_document_refs(&m->doc, r->fonts, m->refs,
		    &r->diags)) == NULL)
			return -1;
		m->pages = (int)dl->npages;
		keep_heading_pages(m, dl);
		if (r->opt.dump >= 0) {
			/* build --dump: the display lists, for layout tests */
			struct buf text = {0};

			dump_write(dl, (enum dump_mode)r->opt.dump, &text);
			printf("== %s\n", m->pdfname);
			fwrite(text.p, 1, text.n, stdout);
			buf_free(&text);
		}
		if (q != NULL)
			pdfq_add(q, dl, r->fonts, &m->pdf, m->pdfname);
		else {
			int rc = pdf_write(dl, r->fonts, &m->pdf, &r->diags,
			    m->pdfname);

			dlist_free(dl);
			if (rc != 0)
				return -1;
		}
	}
	if (job->def->outputs & OUT_HTML)
		return write_html(r, m);
	return 0;
}

/* The regulations' chapter states, from the derived chapter table. */
static size_t
chapter_status(const struct value *profile, struct html_chapter *ch,
    size_t max)
{
	const struct value *table = profile_at(profile, K_REG_TABLE);
	size_t i, n = 0;

	for (i = 0; table != NULL && i < table->n && n < max; i++) {
		const struct value *row = table->items[i];

		ch[n].name = value_get(row, pkey_leaf(K_ROW_TITLE), NULL)->str;
		ch[n].status = value_get(row, pkey_leaf(K_ROW_STATE),
		    NULL)->str;
		n++;
	}
	return n;
}

/* The answer CSVs the self-assessment rounds read. */
static void
assessment_inputs(const struct value *root, struct buf *files)
{
	const struct value *in = profile_at(root, K_SA_INPUTS);
	size_t i;

	for (i = 0; in != NULL && i < in->n; i++)
		buf_addf(files, "%s ", in->items[i]->str);
}

/* Adds the make dependency file to the set: it is committed with it. */
static int
write_deps(struct run *r, const char *outdir, struct outset *set)
{
	struct buf deps = {0}, files = {0};
	const char *p, *sp;
	int k, rc;

	buf_addf(&files, "%s ", r->opt.input);
	schema_list_files(r->schema, &files);
	docset_list_files(r->registry, &files);
	tmpl_list_files(r->tmpl, &files);
	buf_addf(&files, "%s/layout.html %s/style.css ", r->opt.templates,
	    r->opt.templates);
	assessment_inputs(r->profile->root, &files);
	for (k = 0; k < FONT__COUNT; k++)
		buf_addf(&files, "%s ", font_path(r->fonts[k]));
	/* Imported asset ledgers are inputs like the profile. */
	if (r->profile != NULL && (p = profile_str(r->profile->root,
	    K_ASSETS_CSV)) != NULL)
		buf_addf(&files, "%s/%s ", r->profile->folder, p);
	if (r->profile != NULL && (p = profile_str(r->profile->root,
	    K_ASSETS_IT_CSV)) != NULL)
		buf_addf(&files, "%s/%s ", r->profile->folder, p);
	buf_addf(&deps, "%s/index.html:", outdir);
	buf_addf(&deps, " %s", files.p);
	buf_adds(&deps, "\n");
	/* Like cc -MP: a deleted input must not break make. */
	for (p = files.p; (sp = strchr(p, ' ')) != NULL; p = sp + 1)
		if (sp > p)
			buf_addf(&deps, "%.*s:\n", (int)(sp - p), p);
	rc = out_add_path(set, r->opt.deps, deps.p, deps.n);
	buf_free(&deps);
	buf_free(&files);
	return rc;
}

/* Adds every made file, then index.html, and commits; 0 or -1. */
static int
commit(struct outset *set, struct made *m, size_t n,
    const struct buf *index, size_t *files, size_t *bytes)
{
	size_t i;

	for (i = 0; i < n; i++) {
		if (m[i].pdf.n && out_add(set, m[i].pdfname, m[i].pdf.p,
		    m[i].pdf.n) != 0)
			break;
		if (m[i].html.n && out_add(set, m[i].htmlname, m[i].html.p,
		    m[i].html.n) != 0)
			break;
		*files += (m[i].pdf.n > 0) + (m[i].html.n > 0) + m[i].xlsx;
		*bytes += m[i].pdf.n + m[i].html.n;
	}
	if (i < n || out_add(set, "index.html", index->p, index->n) != 0) {
		out_abort(set);
		return -1;
	}
	*files += 1;
	*bytes += index->n;
	return out_commit(set);
}

/*
 * The self-assessment's line in the index: the latest score and date, so
 * that the consultant sees where the company stands without opening it.
 */
static char *
assessment_note(const struct value *root)
{
	const char *total = profile_str(root, K_SA_TOTAL);
	const char *date = profile_str(root, K_SA_DATE);
	struct buf b = {0};
	struct date dt;
	char when[64];

	if (total == NULL || date == NULL || date_parse(date, &dt) != 0)
		return NULL;
	date_format(dt, profile_date_style(root), when, sizeof(when));
	buf_addf(&b, "最新の自社診断：%s / 100点（%s実施）", total, when);
	return buf_take(&b);
}

static void
index_page(struct run *r, const struct job *jobs, struct made *m, size_t n,
    struct buf *out)
{
	struct html_index_entry *idx = xcalloc(n + 1, sizeof(*idx));
	struct html_chapter chapters[64];
	struct document none;
	size_t i, nch;

	for (i = 0; i < n; i++) {
		idx[i].title = jobs[i].def->title;
		idx[i].pdf = m[i].pdf.n ? m[i].pdfname : NULL;
		idx[i].html = m[i].html.n ? m[i].htmlname : NULL;
		idx[i].xlsx = m[i].xlsx ? m[i].xlsxname : NULL;
		idx[i].pages = m[i].pages;
		if (jobs[i].def->workbook != NULL &&
		    strcmp(jobs[i].def->workbook, "assessment") == 0)
			idx[i].note = assessment_note(r->profile->root);
		idx[i].form = jobs[i].def->kind == DOC_FORM ||
		    jobs[i].def->kind == DOC_LEDGER;
	}
	nch = chapter_status(r->profile->root, chapters, 64);
	memset(&none, 0, sizeof(none));	/* a registry that planned nothing */
	none.company = profile_str(r->profile->root, K_COMPANY_NAME);
	html_write_index(n ? &m[0].doc : &none, idx, n, chapters, nch,
	    &r->theme, out);
	for (i = 0; i < n; i++)
		free((char *)idx[i].note);
	free(idx);
}

/*
 * Lays out every document: first those that print no page references,
 * then those that do (registry page_refs), which link to the first ones'
 * PDF pages and so need them laid out.  Each keeps its place in m, so
 * the outputs and messages stay in registry order.
 */
static void
build_all(struct run *r, struct job *jobs, struct made *m, size_t n,
    struct pdfq *q)
{
	struct layout_target *t = xcalloc(n + 1, sizeof(*t));
	struct layout_refs refs = { t, 0 };
	size_t i;

	for (i = 0; i < n; i++)
		if (!jobs[i].def->page_refs)
			build_document(r, &jobs[i], &m[i], q);
	for (i = 0; i < n; i++)
		if (!jobs[i].def->page_refs && m[i].hpages != NULL &&
		    (jobs[i].def->outputs & OUT_HTML)) {
			t[refs.n].html = m[i].htmlname;
			t[refs.n].pdf = m[i].pdfname;
			t[refs.n].doc = &m[i].doc;
			t[refs.n].pages = m[i].hpages;
			t[refs.n].front = m[i].front;
			refs.n++;
		}
	for (i = 0; i < n; i++)
		if (jobs[i].def->page_refs) {
			m[i].refs = &refs;
			build_document(r, &jobs[i], &m[i], q);
			m[i].refs = NULL;
		}
	free(t);
}

int
cmd_build(struct run *r)
{
	struct job *jobs = NULL;
	struct made *m = NULL;
	struct outset *set = NULL;
	struct pdfq *q = NULL;
	struct buf index = {0}, dirbuf = {0};
	char *outdir = NULL;
	double t0 = now();
	size_t n = 0, i, files = 0, bytes = 0;
	int total = 0, rc;

	if (r->opt.input == NULL)
		return usage_error("プロファイルを指定してください");
	if (run_load_profile(r) != 0 || run_open_fonts(r) != 0 ||
	    html_theme_load(&r->theme, r->opt.templates, &r->diags) != 0)
		goto done;
	if (r->opt.output)
		outdir = xstrdup(r->opt.output);
	else {
		buf_addf(&dirbuf, "out/%s", r->profile->stem);
		outdir = buf_take(&dirbuf);
	}
	run_start_templates(r);
	n = docset_plan(r->registry, r->profile->root, &jobs);
	m = xcalloc(n + 1, sizeof(*m));
	q = pdfq_start(r->diags.out);
	build_all(r, jobs, m, n, q);
	tmpl_check_slots(r->tmpl);
	/*
	 * Workbooks are written into the output folder: only once the rest
	 * is known to be good, so a bad input never touches the folder.
	 * Every input has been read and laid out by now, so they are written
	 * while the PDFs still are (a PDF that fails after all aborts the
	 * output set, workbooks included).
	 */
	for (i = 0; i < n && !diags_failed(&r->diags); i++)
		if (jobs[i].def->outputs & OUT_XLSX)
			make_workbook(r, &jobs[i], &m[i], &set, outdir);
	pdfq_finish(q, &r->diags);
	for (i = 0; i < n; i++) {
		total += m[i].pages;
		if (!r->opt.quiet && m[i].pdf.n)
			fprintf(stderr, "kitei: %s/%s（%d ページ、%zu KB）\n",
			    outdir, m[i].pdfname, m[i].pages,
			    (m[i].pdf.n + 1023) / 1024);
	}
	if (diags_failed(&r->diags))
		goto done;
	index_page(r, jobs, m, n, &index);
	if (set == NULL && (set = out_begin(outdir, &r->diags)) == NULL)
		goto done;
	if (r->opt.deps && write_deps(r, outdir, set) != 0)
		goto done;
	rc = commit(set, m, n, &index, &files, &bytes);
	set = NULL;		/* committed or aborted, and freed */
	if (rc != 0)
		goto done;
	if (!r->opt.quiet && !diags_failed(&r->diags))
		fprintf(stderr, "kitei: %s: %zu 文書、%d ページ、%zu ファイル、"
		    "%.1f KB、%.2f 秒\n", outdir, n, total, files,
		    (double)bytes / 1024, now() - t0);
done:
	out_abort(set);
	for (i = 0; m != NULL && i < n; i++)
		made_free(&m[i]);
	free(m);
	free(jobs);
	buf_free(&index);
	free(outdir);
	return run_status(r);
}
