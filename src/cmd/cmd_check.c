/*
 * cmd_check.c: kitei check and kitei expand.  check runs every stage a
 * build runs (expansion, layout, PDF and HTML in memory) short of writing,
 * so that a profile that passes check also builds; expand prints one
 * document's Markdown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cmd/cmd.h"
#include "doc/doc.h"
#include "profile/derive_forms.h"
#include "profile/profile.h"
#include "tmpl/tmpl.h"

int
cmd_check(struct run *r)
{
	struct made m;
	struct job *jobs = NULL;
	size_t n, i;

	if (r->opt.input == NULL)
		return usage_error("プロファイルを指定してください");
	if (run_load_profile(r) == 0 && run_open_fonts(r) == 0 &&
	    html_theme_load(&r->theme, r->opt.templates, &r->diags) == 0) {
		run_start_templates(r);
		n = docset_plan(r->registry, r->profile->root, &jobs);
		for (i = 0; i < n; i++) {
			memset(&m, 0, sizeof(m));
			build_document(r, &jobs[i], &m, NULL);
			made_free(&m);
		}
		free(jobs);
		tmpl_check_slots(r->tmpl);
		diags_hold(&r->diags);	/* in file order */
		forms_check(r->profile->root, r->registry, &r->diags);
		diags_release(&r->diags);
	}
	return run_status(r);
}

/* The planned job named by the command line: an id or a per: stem. */
static const struct job *
find_job(const struct job *jobs, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(jobs[i].stem, name) == 0)
			return &jobs[i];
	return NULL;
}

int
cmd_expand(struct run *r)
{
	struct document doc;
	struct job *jobs = NULL;
	const struct job *job;
	struct buf names = {0};
	size_t n, i;

	if (r->opt.input == NULL || r->opt.docname == NULL)
		return usage_error("プロファイルと文書名を指定してください");
	if (run_load_profile(r) != 0)
		return run_status(r);
	n = docset_plan(r->registry, r->profile->root, &jobs);
	if ((job = find_job(jobs, n, r->opt.docname)) == NULL) {
		for (i = 0; i < n; i++)
			buf_addf(&names, "%s%s", i ? ", " : "", jobs[i].stem);
		fprintf(stderr, "kitei: %s: この会社の文書にありません"
		    "（文書名: %s）\n", r->opt.docname, names.p ? names.p : "");
		buf_free(&names);
		free(jobs);
		return EXIT_USAGE;
	}
	run_start_templates(r);
	if (document_build(&doc, job, r->profile->root, r->tmpl,
	    &r->diags) == 0)
		run_emit(r, doc.exp.md, doc.exp.len);
	document_free(&doc);
	free(jobs);
	return run_status(r);
}
