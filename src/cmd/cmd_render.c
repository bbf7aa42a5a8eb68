/*
 * cmd_render.c: kitei render.  Sets one standalone Markdown file in the
 * house style, as PDF, HTML or a display-list dump for tests.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "cmd/cmd.h"
#include "dev/dump.h"
#include "dev/pdf.h"
#include "doc/doc.h"
#include "layout/layout.h"
#include "out/output.h"

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* The text of the first heading, for the title of a standalone file. */
static char *
first_heading(const struct mdoc *md, const char *fallback)
{
	return xstrdup(md->nheadings ? md->headings[0].text : fallback);
}

int
cmd_render(struct run *r)
{
	struct document doc;
	struct buf out = {0};
	struct dlist *dl = NULL;
	char *title = NULL;
	int html;

	if (r->opt.input == NULL)
		return usage_error("Markdown ファイルを指定してください");
	if (r->opt.output == NULL && r->opt.dump < 0)
		return usage_error("-o OUT.pdf か OUT.html を指定してください");
	html = r->opt.output && ends_with(r->opt.output, ".html");
	if (r->opt.output && !html && !ends_with(r->opt.output, ".pdf"))
		return usage_error("出力は .pdf か .html です");
	memset(&doc, 0, sizeof(doc));
	if (source_load(&r->src, r->opt.input, r->opt.encoding,
	    &r->diags) != 0)
		return run_status(r);
	document_from_markdown(&doc, r->src.path, "", r->src.text, r->src.len,
	    r->opt.paper, &r->diags);
	title = first_heading(&doc.body, r->opt.input);
	doc.title = title;
	doc.line_chars = r->opt.line_chars;
	if (html) {
		if (html_theme_load(&r->theme, r->opt.templates,
		    &r->diags) == 0)
			html_write(&doc, &r->theme, &out);
	} else if (run_open_fonts(r) == 0 &&
	    (dl = layout_document(&doc, r->fonts, &r->diags)) != NULL) {
		if (r->opt.dump >= 0)
			dump_write(dl, (enum dump_mode)r->opt.dump, &out);
		else
			pdf_write(dl, r->fonts, &out, &r->diags,
			    r->opt.output);
	}
	if (!diags_failed(&r->diags)) {
		if (r->opt.dump >= 0 && !html)
			fwrite(out.p ? out.p : "", 1, out.n, stdout);
		else
			out_write_file(r->opt.output, out.p, out.n, &r->diags);
	}
	dlist_free(dl);
	document_free(&doc);
	free(title);
	buf_free(&out);
	return run_status(r);
}

