/*
 * cmd_compare.c: kitei compare OLD.yaml NEW.yaml.  Builds one document of
 * the registry (regulations by default) for both versions of a profile
 * exactly as kitei build expands and parses it, cuts both into units and
 * writes the comparison table (diff/) as a document of its own: A4
 * landscape, 「<title>　新旧対照表」, the versions, the date of the
 * revision and the organisation on top, then a table per chapter.  It is
 * set by the ordinary layout (kinsoku and justification in the narrow
 * columns) and written as PDF, HTML, Markdown (.md, or standard output
 * without -o, for review) or a display-list dump (--dump, for tests).
 *
 * The old version may come with its own templates (--old-templates: the
 * repository at an older revision, checked out by `make compare`; git
 * stays in the Makefile).  Its profile and company Markdown are found
 * beside OLD.yaml as for a build.  The table's settings come from the new
 * profile's `compare:` block; --order and --unchanged override them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cmd/cmd.h"
#include "dev/dump.h"
#include "dev/pdf.h"
#include "diff/diff.h"
#include "doc/doc.h"
#include "layout/layout.h"
#include "out/output.h"
#include "profile/profile.h"
#include "profile/schema.h"
#include "tmpl/tmpl.h"

/* One version: its templates, profile, document and units. */
struct side {
	const char		*templates;
	struct schema_set	*schema;	/* NULL: the run's */
	struct docset		*registry;
	struct profile		*profile;
	struct tmpl_set		*tmpl;
	struct document		 doc;		/* numbered, as built */
	struct mdoc		 plain;		/* the same, unnumbered */
	struct dunits		 units;
	int			 built;
};

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

static int
is_dir_path(const char *path)
{
	struct buf b = {0};
	FILE *f;

	buf_addf(&b, "%s/.", path);
	f = fopen(b.p, "r");
	buf_free(&b);
	if (f)
		fclose(f);
	return f != NULL;
}

/* Expands and parses the document for one side; 0 or -1. */
static int
side_build(struct run *r, struct side *s, const char *path,
    const struct schema_set *schema, const struct docset *reg,
    const char *docname)
{
	const struct docdef *def = docset_find(reg, docname);
	struct tmpl_options to;
	struct job job;

	if (def == NULL || def->template == NULL || def->kind != DOC_TEXT) {
		fprintf(stderr, "kitei: --doc %s: ", docname);
		usage_error("テンプレートから作る文書の id を指定してください"
		    "（regulations, policy, handbook など）");
		return -2;
	}
	s->profile = profile_load(path, schema_root(schema), reg,
	    r->opt.encoding, &r->diags);
	if (s->profile == NULL)
		return -1;
	memset(&to, 0, sizeof(to));
	to.templates_dir = s->templates;
	to.slots_dir = is_dir_path(s->profile->folder) ? s->profile->folder :
	    NULL;
	to.encoding = r->opt.encoding;
	to.date_style = profile_date_style(s->profile->root);
	to.profile = s->profile->root;
	to.schema = schema_root(schema);
	s->tmpl = tmpl_set_new(&to, &r->diags);
	memset(&job, 0, sizeof(job));
	job.def = def;
	snprintf(job.stem, sizeof(job.stem), "%s", def->id);
	if (document_build(&s->doc, &job, s->profile->root, s->tmpl,
	    &r->diags) != 0)
		return -1;
	s->built = 1;
	mdoc_parse(&s->plain, s->doc.exp.md, s->doc.exp.len, NUM_NONE,
	    &s->doc.exp, &r->diags);
	diff_units(&s->doc.body, &s->plain, &s->doc.exp, &s->units);
	return 0;
}

static void
side_free(struct side *s)
{
	dunits_free(&s->units);
	mdoc_free(&s->plain);
	if (s->built)
		document_free(&s->doc);
	tmpl_set_free(s->tmpl);
	profile_free(s->profile);
	if (s->schema != NULL) {
		docset_free(s->registry);
		schema_set_free(s->schema);
	}
}

/* The date of a revision: the latest of the revision history, else the
 * last revision or establishment date. */
static const char *
revision_date(const struct value *root)
{
	const struct value *revs = profile_at(root, K_POLICY_REVISIONS);
	const char *best = NULL;
	size_t i;

	for (i = 0; revs && revs->kind == V_LIST && i < revs->n; i++) {
		const struct value *d = value_get(revs->items[i],
		    pkey_leaf(K_REVISION_DATE), NULL);

		if (d && d->kind == V_STR && (best == NULL ||
		    strcmp(d->str, best) > 0))
			best = d->str;
	}
	if (best == NULL)
		best = profile_str(root, K_POLICY_REVISED);
	return best ? best : profile_str(root, K_POLICY_ESTABLISHED);
}

/* 「第1.1版 → 第1.2版　　改正日　2026年4月1日」 and the organisation. */
static void
heading_lines(const struct side *o, const struct side *n, struct buf *md,
    long long *epoch)
{
	const char *vo = profile_str(o->profile->root, K_POLICY_VERSION);
	const char *vn = profile_str(n->profile->root, K_POLICY_VERSION);
	const char *iso = revision_date(n->profile->root);
	const char *org = profile_str(n->profile->root, K_COMPANY_NAME);
	struct date dt;
	char text[64];

	buf_adds(md, "第");
	md_escape(md, vo ? vo : "", 0);
	buf_adds(md, "版 → 第");
	md_escape(md, vn ? vn : "", 0);
	buf_adds(md, "版");
	if (iso != NULL && date_parse(iso, &dt) == 0) {
		date_format(dt, profile_date_style(n->profile->root), text,
		    sizeof(text));
		buf_addf(md, "　　改正日　%s", text);
		*epoch = date_epoch(dt);
	}
	if (org != NULL) {
		buf_adds(md, "　　");
		md_escape(md, org, 0);
	}
	buf_adds(md, "\n\n");
}

/* The table settings: the new profile's compare block, then the options. */
static int
table_opts(struct run *r, const struct value *root, struct dtable_opts *o)
{
	const char *order = profile_str(root, K_CMP_ORDER);
	const char *unch = profile_str(root, K_CMP_UNCHANGED);
	const char *mk = profile_str(root, K_CMP_MARKERS);
	const char *rm = profile_str(root, K_CMP_REMARKS);

	memset(o, 0, sizeof(*o));
	o->new_label = profile_str(root, K_CMP_NEW_LABEL);
	o->old_label = profile_str(root, K_CMP_OLD_LABEL);
	if (o->new_label == NULL)
		o->new_label = "改正後";
	if (o->old_label == NULL)
		o->old_label = "改正前";
	o->old_first = order && strcmp(order, "old_new") == 0;
	o->markers = mk == NULL || strcmp(mk, "true") == 0;
	o->remarks = rm != NULL && strcmp(rm, "true") == 0;
	if (r->opt.compare_order != NULL) {
		if (strcmp(r->opt.compare_order, "new-old") == 0)
			o->old_first = 0;
		else if (strcmp(r->opt.compare_order, "old-new") == 0)
			o->old_first = 1;
		else
			return usage_error("--order は new-old か old-new です");
	}
	if (r->opt.compare_unchanged != NULL)
		unch = r->opt.compare_unchanged;
	if (unch == NULL || strcmp(unch, "abbreviate") == 0)
		o->unchanged = DU_ABBREVIATE;
	else if (strcmp(unch, "omit") == 0)
		o->unchanged = DU_OMIT;
	else if (strcmp(unch, "show") == 0)
		o->unchanged = DU_SHOW;
	else
		return usage_error("--unchanged は abbreviate, omit, show の"
		    "どれかです");
	return 0;
}

/* The comparison as a document the back ends set. */
static void
comparison_document(struct document *doc, const struct side *n,
    const char *title, char *md, size_t len, long long epoch,
    struct diags *d)
{
	memset(doc, 0, sizeof(*doc));
	doc->id = "compare";
	doc->title = title;
	doc->company = n->doc.company;
	/* Internal even when the document itself is public. */
	doc->classification = profile_str(n->profile->root, K_CLASSIFICATION);
	doc->epoch = epoch;
	doc->paper = PAPER_A4_LANDSCAPE;
	doc->show_title = 1;
	doc->compare = 1;
	doc->exp.md = md;
	doc->exp.len = len;
	mdoc_parse(&doc->body, md, len, NUM_NONE, NULL, d);
}

static int
write_output(struct run *r, struct document *doc, const char *md, size_t len)
{
	struct buf out = {0};
	struct dlist *dl = NULL;
	const char *o = r->opt.output;

	if ((o == NULL && r->opt.dump < 0) || (o && ends_with(o, ".md")))
		buf_add(&out, md, len);	/* the Markdown, for review */
	else if (o != NULL && ends_with(o, ".html")) {
		if (html_theme_load(&r->theme, r->opt.templates,
		    &r->diags) == 0)
			html_write(doc, &r->theme, &out);
	} else if (run_open_fonts(r) == 0 &&
	    (dl = layout_document(doc, r->fonts, &r->diags)) != NULL) {
		if (r->opt.dump >= 0)
			dump_write(dl, (enum dump_mode)r->opt.dump, &out);
		else
			pdf_write(dl, r->fonts, &out, &r->diags, o);
	}
	if (!diags_failed(&r->diags)) {
		if (o == NULL)
			fwrite(out.p ? out.p : "", 1, out.n, stdout);
		else
			out_write_file(o, out.p ? out.p : "", out.n,
			    &r->diags);
	}
	dlist_free(dl);
	buf_free(&out);
	return run_status(r);
}

int
cmd_compare(struct run *r)
{
	const char *docname = r->opt.compare_doc ? r->opt.compare_doc :
	    "regulations";
	struct side old, new;
	struct dtable_opts to;
	struct document doc;
	struct buf md = {0}, title = {0};
	long long epoch = 0;
	int rc;

	if (r->opt.nargs != 2)
		return usage_error("古い版と新しい版のプロファイルを 1 つずつ"
		    "指定してください");
	if (r->opt.output && !ends_with(r->opt.output, ".pdf") &&
	    !ends_with(r->opt.output, ".html") &&
	    !ends_with(r->opt.output, ".md"))
		return usage_error("出力は .pdf, .html か .md です");
	memset(&old, 0, sizeof(old));
	memset(&new, 0, sizeof(new));
	memset(&doc, 0, sizeof(doc));
	if (run_load_schema(r) != 0)
		return run_status(r);
	new.templates = r->opt.templates;
	old.templates = r->opt.templates;
	if (r->opt.old_templates != NULL) {
		old.templates = r->opt.old_templates;
		if (load_schema_at(old.templates, &old.schema, &old.registry,
		    &r->diags, 0) != 0)
			goto done;
	}
	rc = side_build(r, &old, r->opt.args[0],
	    old.schema ? old.schema : r->schema,
	    old.registry ? old.registry : r->registry, docname);
	if (rc == 0)
		rc = side_build(r, &new, r->opt.args[1], r->schema,
		    r->registry, docname);
	if (rc == -2) {
		side_free(&old);
		side_free(&new);
		return EXIT_USAGE;
	}
	if (rc != 0 || diags_failed(&r->diags))
		goto done;
	if (table_opts(r, new.profile->root, &to) != 0) {
		side_free(&old);
		side_free(&new);
		return EXIT_USAGE;
	}
	heading_lines(&old, &new, &md, &epoch);
	diff_table(&old.units, &new.units, &to, &md);
	buf_addf(&title, "%s　新旧対照表", new.doc.title);
	comparison_document(&doc, &new, title.p, md.p, md.n, epoch,
	    &r->diags);
	md.p = NULL;		/* the document owns it now */
	write_output(r, &doc, doc.exp.md, doc.exp.len);
	document_free(&doc);
done:
	buf_free(&md);
	buf_free(&title);
	side_free(&old);
	side_free(&new);
	return run_status(r);
}
