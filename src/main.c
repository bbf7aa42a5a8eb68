/*
 * main.c: the kitei command line.  Reads the arguments, runs the pipeline
 * (source → yaml → schema → tmpl → markdown → layout → pdf / html →
 * output) and turns the diagnostics into the exit status:
 *   0 success, 1 errors in the input, 2 wrong usage.
 */
#include <ctype.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "doc/doc.h"
#include "dev/dump.h"
#include "text/font.h"
#include "html/html.h"
#include "layout/layout.h"
#include "text/linebreak.h"
#include "md/markdown.h"
#include "out/output.h"
#include "dev/pdf.h"
#include "profile/schema.h"
#include "base/source.h"
#include "tmpl/tmpl.h"
#include "base/util.h"
#include "profile/value.h"

#ifndef KITEI_VERSION
#define KITEI_VERSION "0.1.0"
#endif
#ifndef KITEI_DATADIR
#define KITEI_DATADIR "/usr/local/share/kitei"
#endif

#define EXIT_INPUT 1
#define EXIT_USAGE 2

struct options {
	const char	*command;
	const char	*input;
	const char	*docname;	/* expand: which document */
	const char	*output;
	const char	*deps;
	const char	*templates;
	const char	*fonts;
	enum encoding	 encoding;
	enum paper	 paper;
	int		 dump;		/* -1 none, else enum dump_mode */
	int		 quiet;
	int		 line_chars;
	char		 found[2100];	/* templates found beside kitei */
};

static const char usage_text[] =
"使い方: kitei COMMAND [OPTIONS]\n"
"\n"
"  kitei build PROFILE.yaml [-o DIR]   会社の文書一式を作る（PDF と HTML）\n"
"  kitei check PROFILE.yaml            プロファイルを検査する（何も書かない）\n"
"  kitei render FILE.md -o OUT.pdf     Markdown 1 ファイルを組版する（.html も可）\n"
"  kitei expand PROFILE.yaml DOC       展開後の Markdown を表示する（DOC: policy,\n"
"                                      handbook, regulations）\n"
"  kitei init NAME [-o FILE]           記入例つきのプロファイルを作る\n"
"  kitei schema-doc [-o FILE]          プロファイルのキー一覧（Markdown）を出す\n"
"\n"
"オプション:\n"
"  -o PATH                 出力先（build: フォルダ、既定 out/<プロファイル名>）\n"
"  -q                      進捗を表示しない\n"
"  --deps FILE             make 用の依存関係ファイルを書く（build）\n"
"  --input-encoding ENC    入力の文字コード: auto（既定）, utf-8, cp932, euc-jp\n"
"  --paper a4|a5           用紙（render）\n"
"  --dump[=lines|items]    PDF の代わりにレイアウト結果を標準出力へ（render）\n"
"  --line-chars N          行長を本文 N 字分にする（render、試験用）\n"
"  --templates DIR         テンプレートの場所（既定 ./templates）\n"
"  --fonts DIR             フォントを先に探す場所（既定 ./fonts）\n"
"  --help, --version\n"
"\n"
"終了ステータス: 0 成功、1 入力の誤り、2 使い方の誤り\n";

static int
usage_error(const char *what)
{
	fprintf(stderr, "kitei: %s\n\n%s", what, usage_text);
	return EXIT_USAGE;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Templates: ./templates, else beside the executable (a build tree used
 * from elsewhere), else <prefix>/share/kitei next to <prefix>/bin (an
 * installed tree, wherever it was put), else the configured data folder.
 * The path is kept in o.
 */
static const char *
find_templates(struct options *o)
{
	char exe[2048], *slash;
	ssize_t n;

	if (is_dir("templates/schema"))
		return "templates";
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')) != NULL)
			*slash = '\0';
		snprintf(o->found, sizeof(o->found), "%s/templates/schema", exe);
		if (is_dir(o->found)) {
			o->found[strlen(o->found) - strlen("/schema")] = '\0';
			return o->found;
		}
		/* An installed tree moved elsewhere: <prefix>/bin/kitei. */
		snprintf(o->found, sizeof(o->found),
		    "%s/../share/kitei/templates/schema", exe);
		if (is_dir(o->found)) {
			o->found[strlen(o->found) - strlen("/schema")] = '\0';
			return o->found;
		}
	}
	return KITEI_DATADIR "/templates";
}

static int
parse_args(int argc, char **argv, struct options *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->dump = -1;
	o->fonts = "fonts";
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-o") == 0 && i + 1 < argc)
			o->output = argv[++i];
		else if (strcmp(a, "-q") == 0)
			o->quiet = 1;
		else if (strcmp(a, "--deps") == 0 && i + 1 < argc)
			o->deps = argv[++i];
		else if (strcmp(a, "--templates") == 0 && i + 1 < argc)
			o->templates = argv[++i];
		else if (strcmp(a, "--fonts") == 0 && i + 1 < argc)
			o->fonts = argv[++i];
		else if (strcmp(a, "--input-encoding") == 0 && i + 1 < argc) {
			if (encoding_parse(argv[++i], &o->encoding) != 0) {
				fprintf(stderr, "kitei: --input-encoding %s: "
				    "不明な文字コードです（使える値: auto, utf-8, "
				    "cp932, euc-jp）\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--paper") == 0 && i + 1 < argc) {
			a = argv[++i];
			if (strcmp(a, "a4") == 0)
				o->paper = PAPER_A4;
			else if (strcmp(a, "a5") == 0)
				o->paper = PAPER_A5;
			else {
				fprintf(stderr, "kitei: --paper %s: a4 か a5 を"
				    "指定してください\n", a);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--line-chars") == 0 && i + 1 < argc) {
			o->line_chars = atoi(argv[++i]);
			if (o->line_chars < 4 || o->line_chars > 200)
				return usage_error("--line-chars は 4 から 200 です");
		} else if (strcmp(a, "--dump") == 0 ||
		    strcmp(a, "--dump=lines") == 0)
			o->dump = DUMP_LINES;
		else if (strcmp(a, "--dump=items") == 0)
			o->dump = DUMP_ITEMS;
		else if (a[0] == '-' && a[1] != '\0') {
			fprintf(stderr, "kitei: %s: ", a);
			return usage_error("不明なオプションか、値がありません");
		}
		else if (o->command == NULL)
			o->command = a;
		else if (o->input == NULL)
			o->input = a;
		else if (o->docname == NULL && strcmp(o->command, "expand") == 0)
			o->docname = a;
		else
			return usage_error("引数が多すぎます");
	}
	if (o->templates == NULL)
		o->templates = find_templates(o);
	return 0;
}

/* The profile's file name without folder and .yaml: "acme". */
static char *
profile_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	char *stem = xstrdup(base ? base + 1 : path);
	size_t n = strlen(stem);

	if (n > 5 && strcmp(stem + n - 5, ".yaml") == 0)
		stem[n - 5] = '\0';
	else if (n > 4 && strcmp(stem + n - 4, ".yml") == 0)
		stem[n - 4] = '\0';
	return stem;
}

/* Everything a run owns, freed in one place. */
struct run {
	struct options		 opt;
	struct diags		 diags;
	struct arena		*arena;
	struct source		 src;
	struct schema_set	*schema;
	const struct value	*profile;
	struct font		*fonts[FONT__COUNT];
	struct tmpl_set		*tmpl;
	struct html_theme	 theme;
};

static void
run_free(struct run *r)
{
	int k;

	for (k = 0; k < FONT__COUNT; k++)
		font_free(r->fonts[k]);
	tmpl_set_free(r->tmpl);
	html_theme_free(&r->theme);
	schema_set_free(r->schema);
	source_free(&r->src);
	arena_free(r->arena);
}

static int
exit_status(const struct run *r)
{
	return diags_failed(&r->diags) ? EXIT_INPUT : 0;
}

static void company_folder(const char *profile, const char *stem,
    struct buf *out);
static int open_fonts(struct run *r);
static void start_templates(struct run *r, const char *slots_dir);

/*
 * Whether the profile's file name may name folders: the output folder
 * out/<name> and the company folder content/<name>/ come from it.  A
 * name is letters, digits, ".", "_" and "-", starts with a letter or a
 * digit and has no ".." (docs/limits.md).  Reports a bad one.
 */
static int
valid_profile_name(const char *stem)
{
	size_t i;
	int ok = isalnum((unsigned char)stem[0]) && strstr(stem, "..") == NULL;

	for (i = 0; ok && stem[i]; i++)
		ok = (isalnum((unsigned char)stem[i]) && (unsigned char)stem[i] <
		    0x80) || (stem[i] != '\0' && strchr("._-", stem[i]) != NULL);
	return ok;
}

static int
profile_name_ok(struct run *r)
{
	char *stem = profile_stem(r->opt.input);
	int ok = valid_profile_name(stem);

	if (!ok)
		diag(&r->diags, E_PROFILE_NAME, (struct pos){ r->opt.input, 0,
		    0 }, stem);
	free(stem);
	return ok;
}

/* Loads and validates the profile: the stages before any output. */
static int
load_profile(struct run *r)
{
	struct buf dir = {0};
	struct value *root;

	if (!profile_name_ok(r))
		return -1;

	buf_addf(&dir, "%s/schema", r->opt.templates);
	r->schema = schema_load_dir(dir.p, &r->diags);
	buf_free(&dir);
	if (r->schema == NULL)
		return -1;
	if (source_load(&r->src, r->opt.input, r->opt.encoding,
	    &r->diags) != 0)
		return -1;
	r->arena = arena_new();
	if ((root = yaml_load(&r->src, r->arena, &r->diags)) == NULL)
		return -1;
	r->profile = schema_check(schema_root(r->schema), root, r->arena,
	    &r->diags);
	return r->profile ? 0 : -1;
}

static int
open_fonts(struct run *r)
{
	int k;

	for (k = 0; k < FONT__COUNT; k++)
		if ((r->fonts[k] = font_open((enum font_face)k, r->opt.fonts,
		    &r->diags)) == NULL)
			return -1;
	return 0;
}

/* Lays out and writes one document as PDF and HTML into the set. */
static int
make_document(struct run *r, const struct document *doc, struct buf *pdf,
    struct buf *html, int *pages, const char *name)
{
	struct dlist *dl;
	int k;

	for (k = 0; k < FONT__COUNT; k++)
		font_reset_used(r->fonts[k]);
	if ((dl = layout_document(doc, r->fonts, &r->diags)) == NULL)
		return -1;
	*pages = (int)dl->npages;
	if (pdf_write(dl, r->fonts, pdf, &r->diags, name) != 0) {
		dlist_free(dl);
		return -1;
	}
	dlist_free(dl);
	html_write(doc, &r->theme, html);
	return 0;
}

static void
chapter_status(const struct value *profile, struct html_chapter *ch,
    size_t *n)
{
	/* A chapter whose business switch is off is not written at all. */
	static const struct { const char *id, *name, *only_if; } chapters[] = {
		{ "organization", "組織的対策", NULL },
		{ "human", "人的対策", NULL },
		{ "assets", "情報資産管理", NULL },
		{ "access", "アクセス制御及び認証", NULL },
		{ "physical", "物理的対策", NULL },
		{ "it_use", "IT機器利用", NULL },
		{ "it_operations", "IT基盤運用管理", NULL },
		{ "development", "システム開発及び保守",
		    "business.in_house_development" },
		{ "outsourcing", "委託管理", NULL },
		{ "incident", "情報セキュリティインシデント対応及び事業継続管理",
		    NULL },
		{ "telework", "テレワークにおける対策", "telework.enabled" },
	};
	const struct value *all = value_at(profile, "regulations.chapters");
	size_t i;

	*n = 0;
	for (i = 0; i < sizeof(chapters) / sizeof(chapters[0]); i++) {
		const struct value *st = value_at(value_get(all,
		    chapters[i].id, NULL), "status");

		int on = 1;

		if (st == NULL || st->kind != V_STR)
			continue;
		if (chapters[i].only_if)
			value_bool(value_at(profile, chapters[i].only_if), &on);
		ch[*n].name = chapters[i].name;
		ch[*n].status = on ? st->str : "作成不要";
		(*n)++;
	}
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
	tmpl_list_files(r->tmpl, &files);
	buf_addf(&files, "%s/layout.html %s/style.css ", r->opt.templates,
	    r->opt.templates);
	for (k = 0; k < FONT__COUNT; k++)
		buf_addf(&files, "%s ", font_path(r->fonts[k]));
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

/* Company additions live beside the profile: content/<name>/. */
static void
company_folder(const char *profile, const char *stem, struct buf *out)
{
	const char *slash = strrchr(profile, '/');

	buf_addf(out, "%.*s%s", slash ? (int)(slash - profile + 1) : 0, profile,
	    stem);
}

/*
 * Checks a profile value's characters against the fonts, reporting each
 * problem character once, at the value in the profile.
 */
static void
check_value_text(void *ctx, const struct value *v, const char *s)
{
	struct run *r = ctx;
	struct pos at = v->pos;
	size_t i = 0, len = strlen(s);
	struct buf ch = {0};
	uint32_t cp;
	int k, col = v->pos.col + (v->plain ? 0 : 1);

	if (r->fonts[0] == NULL)
		return;
	while (i < len) {
		cp = utf8_next(s, len, &i);
		at.col = col++;
		if (cp == '\n' || cp == '\t' || cp == ' ')
			continue;
		for (k = 0; cp <= 0xFFFF && k < FONT__COUNT; k++)
			if (font_has(r->fonts[k], cp))
				break;
		if (cp <= 0xFFFF && k < FONT__COUNT)
			continue;
		if (!font_note_reported(r->fonts[FONT_MINCHO], cp))
			continue;
		ch.n = 0;
		buf_add_utf8(&ch, cp);
		if (cp > 0xFFFF)
			diag(&r->diags, W_GLYPH_SUBST, at, ch.p, cp, "〓");
		else
			diag(&r->diags, E_GLYPH, at, ch.p, cp,
			    font_display_name(r->fonts[FONT_MINCHO]));
	}
	buf_free(&ch);
}

static void
start_templates(struct run *r, const char *slots_dir)
{
	struct tmpl_options to;

	memset(&to, 0, sizeof(to));
	to.templates_dir = r->opt.templates;
	to.slots_dir = is_dir(slots_dir) ? slots_dir : NULL;
	to.encoding = r->opt.encoding;
	to.date_style = profile_date_style(r->profile);
	to.profile = r->profile;
	to.schema = schema_root(r->schema);
	to.check_text = check_value_text;
	to.check_ctx = r;
	r->tmpl = tmpl_set_new(&to, &r->diags);
}

static int
cmd_expand(struct run *r)
{
	struct document doc;
	struct buf slots = {0};
	char *stem;
	int k;

	if (r->opt.input == NULL || r->opt.docname == NULL)
		return usage_error("プロファイルと文書名を指定してください");
	for (k = 0; k < DOC_COUNT; k++)
		if (strcmp(docdefs[k].id, r->opt.docname) == 0)
			break;
	if (k == DOC_COUNT)
		return usage_error("文書名は policy, handbook, regulations です");
	stem = profile_stem(r->opt.input);
	company_folder(r->opt.input, stem, &slots);
	if (load_profile(r) == 0) {
		start_templates(r, slots.p);
		if (document_from_profile(&doc, k, r->profile, r->tmpl,
		    &r->diags) == 0)
			fwrite(doc.exp.md, 1, doc.exp.len, stdout);
		document_free(&doc);
	}
	buf_free(&slots);
	free(stem);
	return exit_status(r);
}

static int
cmd_build(struct run *r)
{
	struct buf out[DOC_COUNT * 2 + 1] = {{0}};
	struct html_index_entry idx[DOC_COUNT] = {{0}};
	struct html_chapter chapters[16];
	struct document docs[DOC_COUNT];
	struct outset *set = NULL;
	char *stem, *outdir, names[DOC_COUNT * 2][32];
	struct buf slots = {0}, dirbuf = {0};
	double t0 = now();
	size_t nch, bytes = 0;
	int k, rc, pages[DOC_COUNT] = { 0 }, total = 0;

	if (r->opt.input == NULL)
		return usage_error("プロファイルを指定してください");
	memset(docs, 0, sizeof(docs));
	stem = profile_stem(r->opt.input);
	if (r->opt.output)
		outdir = xstrdup(r->opt.output);
	else {
		buf_addf(&dirbuf, "out/%s", stem);
		outdir = buf_take(&dirbuf);
	}
	company_folder(r->opt.input, stem, &slots);
	if (load_profile(r) != 0 || open_fonts(r) != 0 ||
	    html_theme_load(&r->theme, r->opt.templates, &r->diags) != 0)
		goto done;
	start_templates(r, slots.p);
	for (k = 0; k < DOC_COUNT; k++) {
		snprintf(names[2 * k], sizeof(names[0]), "%s.pdf", docdefs[k].id);
		snprintf(names[2 * k + 1], sizeof(names[0]), "%s.html",
		    docdefs[k].id);
		if (document_from_profile(&docs[k], k, r->profile, r->tmpl,
		    &r->diags) != 0)
			continue;
		if (make_document(r, &docs[k], &out[2 * k], &out[2 * k + 1],
		    &pages[k], names[2 * k]) != 0)
			continue;
		total += pages[k];
		if (!r->opt.quiet)
			fprintf(stderr, "kitei: %s/%s（%d ページ、%zu KB）\n",
			    outdir, names[2 * k], pages[k],
			    (out[2 * k].n + 1023) / 1024);
		idx[k].title = docdefs[k].title;
		idx[k].pdf = names[2 * k];
		idx[k].html = names[2 * k + 1];
		idx[k].pages = pages[k];
	}
	tmpl_check_slots(r->tmpl);
	if (diags_failed(&r->diags))
		goto done;
	chapter_status(r->profile, chapters, &nch);
	html_write_index(&docs[0], idx, DOC_COUNT, chapters, nch, &r->theme,
	    &out[DOC_COUNT * 2]);
	if ((set = out_begin(outdir, &r->diags)) == NULL)
		goto done;
	for (k = 0; k < DOC_COUNT * 2; k++) {
		bytes += out[k].n;
		if (out_add(set, names[k], out[k].p, out[k].n) != 0)
			break;
	}
	if (k == DOC_COUNT * 2 && out_add(set, "index.html",
	    out[DOC_COUNT * 2].p, out[DOC_COUNT * 2].n) == 0 &&
	    (r->opt.deps == NULL || write_deps(r, outdir, set) == 0)) {
		rc = out_commit(set);
		set = NULL;
		bytes += out[DOC_COUNT * 2].n;
		if (!r->opt.quiet && rc == 0)
			fprintf(stderr, "kitei: %s: %d 文書、%d ページ、"
			    "%d ファイル、%.1f KB、%.2f 秒\n", outdir,
			    DOC_COUNT, total, DOC_COUNT * 2 + 1,
			    (double)bytes / 1024, now() - t0);
	}
done:
	out_abort(set);
	for (k = 0; k < DOC_COUNT; k++)
		document_free(&docs[k]);
	for (k = 0; k < DOC_COUNT * 2 + 1; k++)
		buf_free(&out[k]);
	buf_free(&slots);
	free(outdir);
	free(stem);
	rc = exit_status(r);
	return rc;
}

/*
 * Runs every stage a build runs (expansion, layout, PDF and HTML in
 * memory) short of writing, so that a profile check passes also builds.
 */
static int
cmd_check(struct run *r)
{
	struct document doc;
	struct buf slots = {0}, pdf = {0}, html = {0};
	char *stem, name[32];
	int k, pages;

	if (r->opt.input == NULL)
		return usage_error("プロファイルを指定してください");
	stem = profile_stem(r->opt.input);
	company_folder(r->opt.input, stem, &slots);
	if (load_profile(r) == 0 && open_fonts(r) == 0 &&
	    html_theme_load(&r->theme, r->opt.templates, &r->diags) == 0) {
		start_templates(r, slots.p);
		for (k = 0; k < DOC_COUNT; k++) {
			snprintf(name, sizeof(name), "%s.pdf", docdefs[k].id);
			if (document_from_profile(&doc, k, r->profile, r->tmpl,
			    &r->diags) == 0)
				make_document(r, &doc, &pdf, &html, &pages,
				    name);
			document_free(&doc);
			pdf.n = html.n = 0;
		}
		tmpl_check_slots(r->tmpl);
	}
	buf_free(&pdf);
	buf_free(&html);
	buf_free(&slots);
	free(stem);
	return exit_status(r);
}

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

static int
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
		return exit_status(r);
	document_from_source(&doc, &r->src, r->opt.paper, &r->diags);
	title = first_heading(&doc.body, r->opt.input);
	doc.title = title;
	doc.line_chars = r->opt.line_chars;
	if (html) {
		if (html_theme_load(&r->theme, r->opt.templates,
		    &r->diags) == 0)
			html_write(&doc, &r->theme, &out);
	} else if (open_fonts(r) == 0 &&
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
	return exit_status(r);
}

static int
load_schema_only(struct run *r)
{
	struct buf dir = {0};

	buf_addf(&dir, "%s/schema", r->opt.templates);
	r->schema = schema_load_dir(dir.p, &r->diags);
	buf_free(&dir);
	return r->schema ? 0 : -1;
}

static int
cmd_init(struct run *r)
{
	struct buf out = {0}, path = {0};
	struct stat st;

	if (r->opt.input == NULL)
		return usage_error("会社の名前（ファイル名）を指定してください");
	if (strchr(r->opt.input, '/') || r->opt.input[0] == '.')
		return usage_error("名前にはフォルダを含めないでください");
	if (!valid_profile_name(r->opt.input))
		return usage_error("名前は英数字と . _ - だけで、英数字で始めてください");
	if (load_schema_only(r) != 0)
		return exit_status(r);
	if (r->opt.output)
		buf_adds(&path, r->opt.output);
	else
		buf_addf(&path, "content/%s.yaml", r->opt.input);
	if (stat(path.p, &st) == 0) {
		fprintf(stderr, "kitei: %s はすでにあります（上書きしません）\n",
		    path.p);
		buf_free(&path);
		return EXIT_INPUT;
	}
	schema_write_starter(schema_root(r->schema), r->opt.input, &out);
	out_write_file(path.p, out.p, out.n, &r->diags);
	if (!diags_failed(&r->diags) && !r->opt.quiet)
		fprintf(stderr, "kitei: %s を作成しました\n", path.p);
	buf_free(&out);
	buf_free(&path);
	return exit_status(r);
}

static int
cmd_schema_doc(struct run *r)
{
	struct buf out = {0};

	if (load_schema_only(r) != 0)
		return exit_status(r);
	schema_write_doc(schema_root(r->schema), &out);
	if (r->opt.output)
		out_write_file(r->opt.output, out.p, out.n, &r->diags);
	else
		fwrite(out.p, 1, out.n, stdout);
	buf_free(&out);
	return exit_status(r);
}

/*
 * Whether what went to standard output was lost (kitei expand … >
 * /dev/full, a closed pipe): reported, so that the exit status says so.
 */
static int
stdout_failed(struct diags *d)
{
	int err = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (err == 0)
		return 0;
	diag(d, E_STDOUT, (struct pos){ NULL, 0, 0 }, errno_text(err));
	return 1;
}

int
main(int argc, char **argv)
{
	struct run r;
	int rc, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			return fflush(stdout) != 0 ? EXIT_INPUT : 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("kitei %s\n", KITEI_VERSION);
			return fflush(stdout) != 0 ? EXIT_INPUT : 0;
		}
	}
	/*
	 * A full disk or a file size limit is an error, not a signal; and a
	 * closed pipe on stderr (kitei build 2>&1 | head) must not stop a
	 * build: messages that cannot be written are lost, nothing else.
	 */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	lb_init();
	memset(&r, 0, sizeof(r));
	if ((rc = parse_args(argc, argv, &r.opt)) != 0)
		return rc;
	diags_init(&r.diags, stderr);
	if (r.opt.command == NULL)
		return usage_error("コマンドを指定してください");
	if (strcmp(r.opt.command, "build") == 0)
		rc = cmd_build(&r);
	else if (strcmp(r.opt.command, "check") == 0)
		rc = cmd_check(&r);
	else if (strcmp(r.opt.command, "expand") == 0)
		rc = cmd_expand(&r);
	else if (strcmp(r.opt.command, "render") == 0)
		rc = cmd_render(&r);
	else if (strcmp(r.opt.command, "init") == 0)
		rc = cmd_init(&r);
	else if (strcmp(r.opt.command, "schema-doc") == 0)
		rc = cmd_schema_doc(&r);
	else
		rc = usage_error("不明なコマンドです");
	run_free(&r);
	if (stdout_failed(&r.diags))
		rc = EXIT_INPUT;
	diags_summary(&r.diags);
	diags_free(&r.diags);
	md_release();
	return rc;
}
