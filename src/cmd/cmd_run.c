/*
 * cmd_run.c: what the commands share: the options, the per-run context and
 * the set-up steps (schema and registry, profile, fonts, templates).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/util.h"
#include "cmd/cmd.h"
#include "doc/assess_data.h"
#include "out/output.h"
#include "profile/keys.h"
#include "profile/profile.h"
#include "profile/schema.h"
#include "tmpl/tmpl.h"
#include "doc/doc.h"
#include "dev/dump.h"

#ifndef KITEI_DATADIR
#define KITEI_DATADIR "/usr/local/share/kitei"
#endif

const char usage_text[] =
"使い方: kitei COMMAND [OPTIONS]\n"
"\n"
"  kitei build PROFILE.yaml [-o DIR]   会社の文書一式を作る（PDF と HTML）\n"
"  kitei check PROFILE.yaml            プロファイルを検査する（何も書かない）\n"
"  kitei render FILE.md -o OUT.pdf     Markdown 1 ファイルを組版する（.html も可）\n"
"  kitei expand PROFILE.yaml DOC       展開後の Markdown を表示する（DOC: policy,\n"
"                                      handbook, regulations）\n"
"  kitei import-answers PROFILE.yaml CSV\n"
"                                      自社診断の回答 CSV を、プロファイルに貼る YAML にする\n"
"  kitei init NAME [-o FILE]           記入例つきのプロファイルを作る\n"
"  kitei schema-doc [-o FILE]          プロファイルのキー一覧（Markdown）を出す\n"
"  kitei due PROFILE.yaml...           見直しと定期的な取組の期限を一覧にする\n"
"  kitei compare OLD.yaml NEW.yaml -o OUT.pdf\n"
"                                      新旧対照表を作る（.html も可）\n"
"\n"
"オプション:\n"
"  -o PATH                 出力先（build: フォルダ、既定 out/<プロファイル名>）\n"
"  -q                      進捗を表示しない\n"
"  --deps FILE             make 用の依存関係ファイルを書く（build）\n"
"  --input-encoding ENC    入力の文字コード: auto（既定）, utf-8, cp932, euc-jp\n"
"  --paper PAPER           用紙（render）: a4, a5, a4-landscape, a3-landscape\n"
"  --dump[=lines|items]    レイアウト結果を標準出力へ（render は PDF の代わりに、\n"
"                          build は文書を書いたうえで）\n"
"  --lang TAG              HTML の言語（render、既定 ja。例: en, zh-Hant）\n"
"  --embed-fonts           HTML に使用文字だけのフォントを埋め込む（build）\n"
"  --author TEXT           PDF の作成者（render）\n"
"  --subject TEXT          PDF の主題（Subject、render）\n"
"  --line-chars N          行長を本文 N 字分にする（render、試験用）\n"
"  --today YYYY-MM-DD      今日とみなす日（due、既定は実際の今日）\n"
"  --within DAYS           この日数以内の期限を「間もなく」とする（due、既定 30）\n"
"  --format text|tsv|ics   出力の形式（due、既定 text）\n"
"  --doc DOC               比べる文書: regulations（既定）, policy, handbook（compare）\n"
"  --old-templates DIR     古い版のテンプレート（compare、既定は --templates と同じ）\n"
"  --order new-old|old-new 列の順序（compare、既定はプロファイルの compare.order）\n"
"  --unchanged MODE        変更のない条: abbreviate（略）, omit, show（compare）\n"
"  --templates DIR         テンプレートの場所（既定 ./templates）\n"
"  --fonts DIR             フォントを先に探す場所（既定 ./fonts）\n"
"  --help, --version\n"
"\n"
"終了ステータス: 0 成功、1 入力の誤り、2 使い方の誤り、\n"
"                3 期限切れの項目がある（due）\n";

int
usage_error(const char *what)
{
	fprintf(stderr, "kitei: %s\n\n%s", what, usage_text);
	return EXIT_USAGE;
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

/* A BCP 47 language tag's shape: letters, digits and hyphens, 2–35. */
static int
lang_tag_ok(const char *s)
{
	size_t n = strlen(s), i;

	if (n < 2 || n > 35 || !isalpha((unsigned char)s[0]))
		return 0;
	for (i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-')
			return 0;
	return 1;
}

int
options_parse(int argc, char **argv, struct options *o)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->dump = -1;
	o->fonts = "fonts";
	o->within = 30;
	o->args = xcalloc((size_t)argc + 1, sizeof(*o->args));
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
		else if (strcmp(a, "--embed-fonts") == 0)
			o->embed_fonts = 1;
		else if (strcmp(a, "--lang") == 0 && i + 1 < argc) {
			o->lang = argv[++i];
			if (!lang_tag_ok(o->lang)) {
				fprintf(stderr, "kitei: --lang %s: 言語タグは"
				    "英字で始まる英数字とハイフンです（例: ja, en, "
				    "zh-Hant）\n", o->lang);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--author") == 0 && i + 1 < argc)
			o->author = argv[++i];
		else if (strcmp(a, "--subject") == 0 && i + 1 < argc)
			o->subject = argv[++i];
		else if (strcmp(a, "--input-encoding") == 0 && i + 1 < argc) {
			if (encoding_parse(argv[++i], &o->encoding) != 0) {
				fprintf(stderr, "kitei: --input-encoding %s: "
				    "不明な文字コードです（使える値: auto, utf-8, "
				    "cp932, euc-jp）\n", argv[i]);
				return EXIT_USAGE;
			}
		} else if (strcmp(a, "--paper") == 0 && i + 1 < argc) {
			static const char *const papers[] = { "a4", "a5",
			    "a4-landscape", "a3-landscape" };
			size_t k;

			a = argv[++i];
			for (k = 0; k < 4 && strcmp(a, papers[k]) != 0; k++)
				;
			if (k == 4) {
				fprintf(stderr, "kitei: --paper %s: a4, a5, "
				    "a4-landscape, a3-landscape のどれかを"
				    "指定してください\n", a);
				return EXIT_USAGE;
			}
			o->paper = (enum paper)k;	/* enum paper's order */
		} else if (strcmp(a, "--line-chars") == 0 && i + 1 < argc) {
			o->line_chars = atoi(argv[++i]);
			if (o->line_chars < 4 || o->line_chars > 200)
				return usage_error("--line-chars は 4 から 200 です");
		} else if (strcmp(a, "--today") == 0 && i + 1 < argc)
			o->today = argv[++i];
		else if (strcmp(a, "--within") == 0 && i + 1 < argc) {
			char *end;
			long n = strtol(argv[++i], &end, 10);

			if (*argv[i] == '\0' || *end != '\0' || n < 0 ||
			    n > 3660)
				return usage_error("--within は 0 から 3660 "
				    "までの日数です");
			o->within = (int)n;
		} else if (strcmp(a, "--format") == 0 && i + 1 < argc)
			o->format = argv[++i];
		else if (strcmp(a, "--doc") == 0 && i + 1 < argc)
			o->compare_doc = argv[++i];
		else if (strcmp(a, "--old-templates") == 0 && i + 1 < argc)
			o->old_templates = argv[++i];
		else if (strcmp(a, "--order") == 0 && i + 1 < argc)
			o->compare_order = argv[++i];
		else if (strcmp(a, "--unchanged") == 0 && i + 1 < argc)
			o->compare_unchanged = argv[++i];
		else if (strcmp(a, "--dump") == 0 ||
		    strcmp(a, "--dump=lines") == 0)
			o->dump = DUMP_LINES;
		else if (strcmp(a, "--dump=items") == 0)
			o->dump = DUMP_ITEMS;
		else if (a[0] == '-' && a[1] != '\0') {
			char what[512];

			snprintf(what, sizeof(what), "%.400s: 不明なオプションか、"
			    "値がありません", a);
			return usage_error(what);
		}
		else if (o->command == NULL)
			o->command = a;
		else if (strcmp(o->command, "due") == 0 ||
		    strcmp(o->command, "compare") == 0)
			o->args[o->nargs++] = a;	/* many profiles */
		else if (o->input == NULL)
			o->input = a;
		else if (o->docname == NULL &&
		    (strcmp(o->command, "expand") == 0 ||
		    strcmp(o->command, "import-answers") == 0))
			o->docname = a;
		else
			return usage_error("引数が多すぎます");
	}
	if (o->templates == NULL)
		o->templates = find_templates(o);
	return 0;
}

void
run_free(struct run *r)
{
	int k;

	for (k = 0; k < FONT__COUNT; k++)
		font_free(r->fonts[k]);
	tmpl_set_free(r->tmpl);
	html_theme_free(&r->theme);
	profile_free(r->profile);
	docset_free(r->registry);
	schema_set_free(r->schema);
	source_free(&r->src);
	free(r->opt.args);
	r->opt.args = NULL;
}

int
run_status(const struct run *r)
{
	return diags_failed(&r->diags) ? EXIT_INPUT : 0;
}

/*
 * The answer maps of the self-assessment have one key per item, "1" to
 * "25", described by kitei's wording of the item (for docs/profile.md).
 */
static void
instantiate_assessment_items(struct schema_set *schema,
    const struct docset *registry)
{
	static const char *const nums[ASSESS_ITEMS] = { "1", "2", "3", "4",
	    "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15", "16",
	    "17", "18", "19", "20", "21", "22", "23", "24", "25" };
	const char *titles[ASSESS_ITEMS];
	const struct value *items = assess_get(assess_data_root(
	    registry->assessment), A_ITEMS);
	size_t i;

	for (i = 0; i < ASSESS_ITEMS; i++)
		titles[i] = assess_get(items->items[i], A_ITEM_TITLE)->str;
	schema_instantiate(schema, "assessment_items", nums, titles,
	    ASSESS_ITEMS);
}

/*
 * The profile schema, then the registry checked against it; the chapter
 * keys of the schema are made from the registry's chapter list, and every
 * key C reads is checked last, when the schema is complete (unless
 * check_keys is 0: the templates of an older version, which may predate
 * keys this kitei reads, as kitei compare loads them).
 */
int
load_schema_at(const char *templates, struct schema_set **schema,
    struct docset **registry, struct diags *d, int check_keys)
{
	const char **ids, **titles;
	struct buf dir = {0};
	size_t i, n;

	buf_addf(&dir, "%s/schema", templates);
	*schema = schema_load_dir(dir.p, d);
	if (*schema != NULL)
		*registry = docset_load(templates, schema_root(*schema), d);
	if (*registry == NULL) {
		buf_free(&dir);
		return -1;
	}
	n = (*registry)->nchapters;
	ids = xcalloc(n + 1, sizeof(*ids));
	titles = xcalloc(n + 1, sizeof(*titles));
	for (i = 0; i < n; i++) {
		ids[i] = (*registry)->chapters[i].id;
		titles[i] = (*registry)->chapters[i].title;
	}
	schema_instantiate(*schema, "chapters", ids, titles, n);
	free(ids);
	free(titles);
	instantiate_assessment_items(*schema, *registry);
	i = check_keys ? keys_check(schema_root(*schema), dir.p, d) : 0;
	if (docset_check_paths(*registry, schema_root(*schema), d) != 0)
		i = (size_t)-1;
	buf_free(&dir);
	return (int)i;
}

/*
 * Whether the profile's file name may name folders: the output folder
 * out/<name> and the company folder content/<name>/ come from it.  A
 * name is letters, digits, ".", "_" and "-", starts with a letter or a
 * digit and has no ".." (docs/limits.md).  Reports a bad one.
 */
static int
profile_name_ok(struct run *r)
{
	char *stem = profile_stem(r->opt.input);
	int ok = profile_name_valid(stem);

	if (!ok)
		diag(&r->diags, E_PROFILE_NAME, (struct pos){ r->opt.input, 0,
		    0 }, stem);
	free(stem);
	return ok;
}

int
run_load_schema(struct run *r)
{
	return load_schema_at(r->opt.templates, &r->schema, &r->registry,
	    &r->diags, 1);
}

int
run_load_profile(struct run *r)
{
	if (!profile_name_ok(r) || run_load_schema(r) != 0)
		return -1;
	r->profile = profile_load(r->opt.input, schema_root(r->schema),
	    r->registry, r->opt.encoding, &r->diags);
	return r->profile ? 0 : -1;
}

int
run_open_fonts(struct run *r)
{
	int k;

	for (k = 0; k < FONT__COUNT; k++)
		if ((r->fonts[k] = font_open((enum font_face)k, r->opt.fonts,
		    &r->diags)) == NULL)
			return -1;
	return 0;
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

void
run_start_templates(struct run *r)
{
	struct tmpl_options to;

	memset(&to, 0, sizeof(to));
	to.templates_dir = r->opt.templates;
	to.slots_dir = is_dir(r->profile->folder) ? r->profile->folder : NULL;
	to.encoding = r->opt.encoding;
	to.date_style = profile_date_style(r->profile->root);
	to.profile = r->profile->root;
	to.schema = schema_root(r->schema);
	to.check_text = check_value_text;
	to.check_ctx = r;
	r->tmpl = tmpl_set_new(&to, &r->diags);
}

int
run_emit(struct run *r, const char *data, size_t len)
{
	if (r->opt.output)
		return out_write_file(r->opt.output, data, len, &r->diags);
	fwrite(data, 1, len, stdout);
	return 0;
}
