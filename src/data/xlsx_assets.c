/*
 * xlsx_assets.c: the asset ledger as a workbook the client keeps alive
 * between visits.  Three sheets: the ledger (one row per asset and
 * medium), the IT assets, and 基準 with the conversion table, thresholds,
 * media ratings and scales the ledger's formulas read.  Inputs are
 * unlocked and have drop-downs; 重要度, 被害発生可能性, リスク値 and 判定
 * are locked formulas whose cached results are kitei's own derived values
 * (a viewer that does not recalculate shows the same numbers as the risk
 * report).  Spare rows at the bottom carry the formulas for new assets.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/dates.h"
#include "base/util.h"
#include "data/xlsx_int.h"
#include "profile/keys.h"
#include "profile/profile.h"

#define SPARE_ROWS	30	/* empty ledger rows with formulas */
#define CRIT		"'基準'!"

/* The criteria sheet's fixed cells (0-based rows and columns). */
enum { CR_ASOF = 2, CR_TABLE = 6, CR_HIGH = 10, CR_MEDIUM = 11,
    CR_DUEDAYS = 12, CR_MEDIA = 15 };

/* The ledger's columns. */
enum { C_NO, C_ID, C_CAT, C_NAME, C_NOTE, C_USERS, C_OWNER, C_MEDIUM, C_PI,
    C_SENS, C_MYNUM, C_C, C_I, C_A, C_CRIT, C_IMP, C_RET, C_REG, C_THREAT,
    C_VULN, C_POSS, C_RISK, C_LEVEL, C_TREAT, C_MEAS, C_MOWNER, C_MDUE,
    C__COUNT };

static const struct {
	const char	*head;
	double		 width;
} ledger_cols[C__COUNT] = {
	{ "No", 5 }, { "ID", 12 }, { "業務分類", 10 }, { "情報資産名称", 30 },
	{ "備考", 22 }, { "利用者範囲", 12 }, { "管理部署", 10 },
	{ "媒体・保存先", 16 }, { "個人情報", 6 }, { "要配慮個人情報", 6 },
	{ "特定個人情報", 6 }, { "機密性", 5 }, { "完全性", 5 },
	{ "可用性", 5 }, { "重要度3扱い", 6 }, { "重要度", 6 },
	{ "保存期限", 12 }, { "登録日", 11 }, { "脅威", 5 }, { "脆弱性", 5 },
	{ "被害発生可能性", 7 }, { "リスク値", 6 }, { "判定", 5 },
	{ "対応", 7 }, { "対策", 44 }, { "担当", 10 }, { "期限", 11 },
};

/* libxlsxwriter takes char **; it only reads the strings. */
static char *yes_no[] = { "有", "無", NULL };
static char *treatments[] = { "低減", "保有", "回避", "移転", NULL };

struct fmts {
	lxw_format	*head, *input, *input_date, *locked, *title, *text,
			*red, *amber;
};

static void
make_formats(lxw_workbook *wb, struct fmts *f)
{
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xD9D9D9);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_VERTICAL_CENTER);
	f->input = workbook_add_format(wb);
	format_set_border(f->input, LXW_BORDER_THIN);
	format_set_text_wrap(f->input);
	format_set_unlocked(f->input);
	format_set_align(f->input, LXW_ALIGN_VERTICAL_TOP);
	f->input_date = workbook_add_format(wb);
	format_set_border(f->input_date, LXW_BORDER_THIN);
	format_set_unlocked(f->input_date);
	format_set_num_format(f->input_date, "yyyy-mm-dd");
	format_set_align(f->input_date, LXW_ALIGN_VERTICAL_TOP);
	f->locked = workbook_add_format(wb);
	format_set_border(f->locked, LXW_BORDER_THIN);
	format_set_bg_color(f->locked, 0xF2F2F2);
	format_set_align(f->locked, LXW_ALIGN_VERTICAL_TOP);
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 13);
	f->text = workbook_add_format(wb);
	format_set_text_wrap(f->text);
	format_set_align(f->text, LXW_ALIGN_VERTICAL_TOP);
	f->red = workbook_add_format(wb);
	format_set_bg_color(f->red, 0xF4B6B6);
	f->amber = workbook_add_format(wb);
	format_set_bg_color(f->amber, 0xFFE08A);
}

static const char *
str(const struct value *m, enum pkey k)
{
	const struct value *v = profile_get(m, k);

	return v != NULL && v->kind == V_STR ? v->str : NULL;
}

static double
number(const struct value *m, enum pkey k)
{
	const char *s = str(m, k);

	return s ? atof(s) : 0;
}

/* A text input cell (empty when the value is absent). */
static void
put_text(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
    lxw_format *f)
{
	if (s != NULL && *s)
		worksheet_write_string(ws, r, c, s, f);
	else
		worksheet_write_blank(ws, r, c, f);
}

/* A date as a real spreadsheet date, so that filters and sorts work. */
static void
put_date(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
    lxw_format *f)
{
	struct date d;
	lxw_datetime dt;

	if (s == NULL || date_parse(s, &d) != 0) {
		worksheet_write_blank(ws, r, c, f);
		return;
	}
	memset(&dt, 0, sizeof(dt));
	dt.year = d.y;
	dt.month = d.m;
	dt.day = d.d;
	worksheet_write_datetime(ws, r, c, &dt, f);
}

/* ---- 基準 ---- */

static void
criteria_sheet(lxw_worksheet *ws, const struct value *profile,
    const struct fmts *f)
{
	const struct value *table = profile_at(profile, K_ASSETS_TABLE);
	const struct value *media = profile_at(profile, K_ASSETS_MEDIA);
	const struct value *sum = profile_at(profile, K_ASSETS_SUMMARY);
	static const char *const scales[][2] = {
		{ "機密性", "3：漏れると会社や関係者に重大な損害が出る　2：漏れると"
		    "損害や信用の低下がある　1：漏れても影響は小さい" },
		{ "完全性", "3：誤りや改ざんがあると重大な損害が出る　2：誤りや改"
		    "ざんがあると業務に支障が出る　1：誤りがあっても影響は小さい" },
		{ "可用性", "3：使えないと業務が止まる　2：使えないと業務に支障が"
		    "出る　1：使えなくても影響は小さい" },
		{ "重要度", "機密性・完全性・可用性のうち最も高い値。個人情報を"
		    "含むもの、又は「重要度3扱い」が有のものは 3" },
		{ "脅威", "3：よく起きている、又は起きやすい環境にある　2：時々起"
		    "きる　1：ほとんど起きない" },
		{ "脆弱性", "3：対策がない　2：対策が一部にとどまる　1：十分な"
		    "対策がある" },
		{ "被害発生可能性", "脅威と脆弱性から上の換算表で求める" },
		{ "リスク値", "重要度 × 被害発生可能性。上の境目で大・中・小を判定"
		    "する" },
		{ "対応", "低減：対策で下げる　保有：そのまま受け入れる　回避：その"
		    "業務や保管をやめる　移転：委託や保険で他者と分担する" },
	};
	lxw_row_t r;
	size_t i, j;

	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 3, 10, NULL);
	worksheet_set_column(ws, 4, 4, 70, NULL);
	worksheet_write_string(ws, 0, 0, "リスク値の算定基準", f->title);
	worksheet_write_string(ws, CR_ASOF, 0, "期限を判定する基準日", f->head);
	put_date(ws, CR_ASOF, 1, str(sum, K_SUM_AS_OF), f->input_date);
	worksheet_write_string(ws, CR_TABLE - 2, 0,
	    "被害発生可能性の換算表（行：脅威、列：脆弱性）", NULL);
	worksheet_write_string(ws, CR_TABLE - 1, 0, "脅威 ＼ 脆弱性", f->head);
	for (j = 0; j < 3; j++)
		worksheet_write_number(ws, CR_TABLE - 1, (lxw_col_t)(1 + j),
		    (double)(3 - j), f->head);
	for (i = 0; table != NULL && i < table->n && i < 3; i++) {
		static const enum pkey keys[] = { K_RTABLE_V3, K_RTABLE_V2,
		    K_RTABLE_V1 };

		r = (lxw_row_t)(CR_TABLE + i);
		worksheet_write_number(ws, r, 0, number(table->items[i],
		    K_RTABLE_THREAT), f->head);
		for (j = 0; j < 3; j++)
			worksheet_write_number(ws, r, (lxw_col_t)(1 + j),
			    number(table->items[i], keys[j]), f->input);
	}
	worksheet_write_string(ws, CR_HIGH, 0, "「大」とするリスク値（以上）",
	    f->head);
	worksheet_write_number(ws, CR_HIGH, 1, atof(profile_str(profile,
	    K_RISK_HIGH) ? profile_str(profile, K_RISK_HIGH) : "6"), f->input);
	worksheet_write_string(ws, CR_MEDIUM, 0, "「中」とするリスク値（以上）",
	    f->head);
	worksheet_write_number(ws, CR_MEDIUM, 1, atof(profile_str(profile,
	    K_RISK_MEDIUM) ? profile_str(profile, K_RISK_MEDIUM) : "4"),
	    f->input);
	worksheet_write_string(ws, CR_DUEDAYS, 0, "期限が近いとする日数",
	    f->head);
	worksheet_write_number(ws, CR_DUEDAYS, 1, atof(profile_str(profile,
	    K_RISK_DUE_DAYS) ? profile_str(profile, K_RISK_DUE_DAYS) : "180"),
	    f->input);
	worksheet_write_string(ws, CR_MEDIA - 1, 0, "媒体・保存先", f->head);
	worksheet_write_string(ws, CR_MEDIA - 1, 1, "脅威", f->head);
	worksheet_write_string(ws, CR_MEDIA - 1, 2, "脆弱性", f->head);
	for (i = 0; media != NULL && i < media->n; i++) {
		r = (lxw_row_t)(CR_MEDIA + i);
		worksheet_write_string(ws, r, 0, str(media->items[i],
		    K_MEDIUM_LABEL), f->input);
		worksheet_write_number(ws, r, 1, number(media->items[i],
		    K_MEDIUM_THREAT), f->input);
		worksheet_write_number(ws, r, 2, number(media->items[i],
		    K_MEDIUM_VULNERABILITY), f->input);
	}
	r = (lxw_row_t)(CR_MEDIA + (media ? media->n : 0) + 1);
	worksheet_write_string(ws, r++, 0, "評価の尺度と用語", f->head);
	for (i = 0; i < sizeof(scales) / sizeof(scales[0]); i++, r++) {
		worksheet_write_string(ws, r, 0, scales[i][0], f->text);
		worksheet_merge_range(ws, r, 1, r, 4, scales[i][1], f->text);
	}
	worksheet_write_string(ws, r + 1, 0, "白い欄は書き換えられます。"
	    "換算表と境目を変えると、台帳の被害発生可能性・リスク値・判定が"
	    "計算し直されます。", NULL);
	worksheet_protect(ws, NULL, NULL);
}

/* ---- 情報資産管理台帳 ---- */

/*
 * A formula cell with kitei's value as its cached result (libxlsxwriter
 * stores 0 otherwise): the number of key k of a rated row, or empty.
 */
static void
formula_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *fm,
    const struct value *row, enum pkey k, const struct fmts *f)
{
	if (row != NULL && str(row, k) != NULL)
		worksheet_write_formula_num(ws, r, c, fm, f->locked,
		    number(row, k));
	else
		worksheet_write_formula_str(ws, r, c, fm, f->locked, "");
}

/*
 * Every row, spare rows included, has the same formulas.  A row with no
 * name stays empty.  Until 脅威 and 脆弱性 are filled in (a row of a
 * medium not in the media list, or a spare row the client fills in
 * later), 被害発生可能性 and リスク値 stay empty and 判定 says 未評価,
 * never #VALUE!.
 */
static void
ledger_formulas(lxw_worksheet *ws, lxw_row_t r, const struct value *row,
    const struct fmts *f)
{
	char fm[512];
	unsigned x = (unsigned)r + 1;	/* the spreadsheet's row number */

	snprintf(fm, sizeof(fm), "=IF($D%u=\"\",\"\",IF(OR($I%u=\"有\","
	    "$J%u=\"有\",$K%u=\"有\",$O%u=\"有\"),3,MAX($L%u:$N%u)))",
	    x, x, x, x, x, x, x);
	formula_cell(ws, r, C_IMP, fm, row, K_AROW_IMPORTANCE, f);
	snprintf(fm, sizeof(fm), "=IF(OR($D%u=\"\",$S%u=\"\",$T%u=\"\"),"
	    "\"\",INDEX(" CRIT "$B$%d:$D$%d,4-$S%u,4-$T%u))", x, x, x,
	    CR_TABLE + 1, CR_TABLE + 3, x, x);
	formula_cell(ws, r, C_POSS, fm, row, K_AROW_POSSIBILITY, f);
	snprintf(fm, sizeof(fm), "=IF(OR($D%u=\"\",$U%u=\"\"),\"\","
	    "$P%u*$U%u)", x, x, x, x);
	formula_cell(ws, r, C_RISK, fm, row, K_AROW_RISK, f);
	snprintf(fm, sizeof(fm), "=IF($D%u=\"\",\"\",IF($V%u=\"\","
	    "\"未評価\",IF($V%u>=" CRIT "$B$%d,\"大\",IF($V%u>=" CRIT
	    "$B$%d,\"中\",\"小\"))))", x, x, x, CR_HIGH + 1, x,
	    CR_MEDIUM + 1);
	worksheet_write_formula_str(ws, r, C_LEVEL, fm, f->locked,
	    row ? str(row, K_AROW_LEVEL) : "");
}

/* A 1-3 rating, or an empty input when the row has none. */
static void
put_rating(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
    const struct value *row, enum pkey k, const struct fmts *f)
{
	if (str(row, k) != NULL)
		worksheet_write_number(ws, r, c, number(row, k), f->input);
	else
		worksheet_write_blank(ws, r, c, f->input);
}

static void
ledger_row(lxw_worksheet *ws, lxw_row_t r, const struct value *row,
    const struct fmts *f)
{
	const char *crit = str(row, K_AROW_CRITICAL);

	worksheet_write_number(ws, r, C_NO, number(row, K_AROW_NO), f->input);
	put_text(ws, r, C_ID, str(row, K_AROW_ID), f->input);
	put_text(ws, r, C_CAT, str(row, K_AROW_CATEGORY), f->input);
	put_text(ws, r, C_NAME, str(row, K_AROW_NAME), f->input);
	put_text(ws, r, C_NOTE, str(row, K_AROW_NOTE), f->input);
	put_text(ws, r, C_USERS, str(row, K_AROW_USERS), f->input);
	put_text(ws, r, C_OWNER, str(row, K_AROW_OWNER), f->input);
	put_text(ws, r, C_MEDIUM, str(row, K_AROW_MEDIUM), f->input);
	put_text(ws, r, C_PI, str(row, K_AROW_PI) ? "有" : "無", f->input);
	put_text(ws, r, C_SENS, str(row, K_AROW_SENSITIVE) ? "有" : "無",
	    f->input);
	put_text(ws, r, C_MYNUM, str(row, K_AROW_MYNUMBER) ? "有" : "無",
	    f->input);
	worksheet_write_number(ws, r, C_C, number(row, K_AROW_C), f->input);
	worksheet_write_number(ws, r, C_I, number(row, K_AROW_I), f->input);
	worksheet_write_number(ws, r, C_A, number(row, K_AROW_A), f->input);
	put_text(ws, r, C_CRIT, crit && strcmp(crit, "true") == 0 ? "有" :
	    "無", f->input);
	put_text(ws, r, C_RET, str(row, K_AROW_RETENTION), f->input);
	put_date(ws, r, C_REG, str(row, K_AROW_REGISTERED), f->input_date);
	put_rating(ws, r, C_THREAT, row, K_AROW_THREAT, f);
	put_rating(ws, r, C_VULN, row, K_AROW_VULNERABILITY, f);
	put_text(ws, r, C_TREAT, str(row, K_AROW_TREATMENT), f->input);
	put_text(ws, r, C_MEAS, str(row, K_AROW_MEASURES), f->input);
	put_text(ws, r, C_MOWNER, str(row, K_AROW_MEASURE_OWNER), f->input);
	put_date(ws, r, C_MDUE, str(row, K_AROW_MEASURE_DUE), f->input_date);
	ledger_formulas(ws, r, row, f);
}

static void
spare_row(lxw_worksheet *ws, lxw_row_t r, const struct fmts *f)
{
	lxw_col_t c;

	for (c = 0; c < C__COUNT; c++)
		if (c != C_IMP && c != C_POSS && c != C_RISK && c != C_LEVEL)
			worksheet_write_blank(ws, r, c, c == C_REG ||
			    c == C_MDUE ? f->input_date : f->input);
	ledger_formulas(ws, r, NULL, f);
}

static void
list_validation(lxw_worksheet *ws, lxw_row_t last, lxw_col_t c1,
    lxw_col_t c2, char **list, const char *formula)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof(dv));
	if (list != NULL) {
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = list;
	} else {
		dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		dv.value_formula = (char *)formula;
	}
	worksheet_data_validation_range(ws, 1, c1, last, c2, &dv);
}

/*
 * The media drop-down.  An inline list when the labels fit Excel's 255
 * characters; otherwise a reference to the media on 基準.  (libxlsxwriter
 * 1.1.4 leaks the copy of a list formula, 21 bytes here, so the inline
 * list is preferred; tests/lsan.supp names that leak.)
 */
static void
media_validation(lxw_worksheet *ws, lxw_row_t last, const struct value *media,
    size_t nmedia, char *fm, size_t size)
{
	char **labels = xcalloc(nmedia + 1, sizeof(*labels));
	size_t i, len = 0;

	for (i = 0; i < nmedia; i++) {
		labels[i] = (char *)str(media->items[i], K_MEDIUM_LABEL);
		len += strlen(labels[i]) + 1;
	}
	if (nmedia > 0 && len <= 255)
		list_validation(ws, last, C_MEDIUM, C_MEDIUM, labels, NULL);
	else {
		snprintf(fm, size, "=" CRIT "$A$%d:$A$%zu", CR_MEDIA + 1,
		    CR_MEDIA + (nmedia ? nmedia : 1));
		list_validation(ws, last, C_MEDIUM, C_MEDIUM, NULL, fm);
	}
	free(labels);
}

static void
rating_validation(lxw_worksheet *ws, lxw_row_t last, lxw_col_t c1,
    lxw_col_t c2)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_INTEGER;
	dv.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
	dv.minimum_number = 1;
	dv.maximum_number = 3;
	dv.input_title = "1〜3";
	dv.input_message = "3 高い、2 中程度、1 低い";
	dv.error_title = "1〜3 の数字";
	dv.error_message = "1、2、3 のどれかを入力してください";
	worksheet_data_validation_range(ws, 1, c1, last, c2, &dv);
}

/* Colours a whole range of rows by a formula on its first row. */
static void
shade_rows(lxw_worksheet *ws, lxw_row_t last, lxw_col_t c1, lxw_col_t c2,
    const char *formula, lxw_format *fmt)
{
	lxw_conditional_format cf;

	memset(&cf, 0, sizeof(cf));
	cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
	cf.value_string = (char *)formula;
	cf.format = fmt;
	worksheet_conditional_format_range(ws, 1, c1, last, c2, &cf);
}

static void
protect_inputs(lxw_worksheet *ws)
{
	lxw_protection p;

	memset(&p, 0, sizeof(p));
	p.autofilter = 1;	/* filters and sorting stay usable */
	p.sort = 1;
	p.format_columns = 1;
	p.format_rows = 1;
	worksheet_protect(ws, NULL, &p);
}

static void
print_setup(lxw_worksheet *ws, const struct xlsx_meta *meta)
{
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 8);	/* A3 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	xlsx_page_header(ws, meta);
}

static void
ledger_sheet(lxw_worksheet *ws, const struct value *profile,
    const struct fmts *f, const struct xlsx_meta *meta,
    const struct value *media)
{
	const struct value *rows = profile_at(profile, K_ASSETS_ROWS);
	size_t n = rows ? rows->n : 0, i;
	lxw_row_t last = (lxw_row_t)(n + SPARE_ROWS);
	size_t nmedia = media ? media->n : 0;
	lxw_col_t c;
	char fm[64];

	for (c = 0; c < C__COUNT; c++) {
		worksheet_write_string(ws, 0, c, ledger_cols[c].head, f->head);
		worksheet_set_column(ws, c, c, ledger_cols[c].width, NULL);
	}
	worksheet_set_row(ws, 0, 42, NULL);
	/* Two lines per row: libxlsxwriter cannot fit heights to text. */
	for (i = 0; i < n; i++) {
		worksheet_set_row(ws, (lxw_row_t)(i + 1), 30, NULL);
		ledger_row(ws, (lxw_row_t)(i + 1), rows->items[i], f);
	}
	for (i = n; i < n + SPARE_ROWS; i++)
		spare_row(ws, (lxw_row_t)(i + 1), f);
	rating_validation(ws, last, C_C, C_A);
	rating_validation(ws, last, C_THREAT, C_VULN);
	list_validation(ws, last, C_PI, C_MYNUM, yes_no, NULL);
	list_validation(ws, last, C_CRIT, C_CRIT, yes_no, NULL);
	list_validation(ws, last, C_TREAT, C_TREAT, treatments, NULL);
	media_validation(ws, last, media, nmedia, fm, sizeof(fm));
	shade_rows(ws, last, C_NO, C__COUNT - 1, "=$W2=\"大\"", f->red);
	shade_rows(ws, last, C_NO, C__COUNT - 1, "=$W2=\"中\"", f->amber);
	worksheet_freeze_panes(ws, 1, 4);
	worksheet_autofilter(ws, 0, 0, last, C__COUNT - 1);
	print_setup(ws, meta);
	protect_inputs(ws);
}

/* ---- IT資産 ---- */

static void
it_sheet(lxw_worksheet *ws, const struct value *profile,
    const struct fmts *f, const struct xlsx_meta *meta)
{
	static const struct {
		const char	*head;
		enum pkey	 key;	/* in an assets.it item */
		double		 w;
		int		 date;
	} cols[] = {
		{ "ID", K_IT_ASSET_ID, 8, 0 },
		{ "名称", K_IT_ASSET_NAME, 24, 0 },
		{ "種別", K_IT_ASSET_KIND, 12, 0 },
		{ "機種・製品名", K_IT_ASSET_PRODUCT, 22, 0 },
		{ "版", K_IT_ASSET_VERSION, 16, 0 },
		{ "設置場所", K_IT_ASSET_LOCATION, 14, 0 },
		{ "管理者", K_IT_ASSET_ADMIN, 12, 0 },
		{ "保守事業者", K_IT_ASSET_VENDOR, 22, 0 },
		{ "サポート期限", K_IT_ASSET_SUPPORT_END, 12, 1 },
		{ "ライセンス・契約期限", K_IT_ASSET_LICENCE_END, 12, 1 },
		{ "導入日", K_IT_ASSET_ACQUIRED, 12, 1 },
		{ "廃棄日", K_IT_ASSET_DISPOSED, 12, 1 },
	};
	enum { NC = sizeof(cols) / sizeof(cols[0]) };
	const struct value *it = profile_at(profile, K_ASSETS_IT);
	size_t n = it ? it->n : 0, i;
	lxw_row_t last = (lxw_row_t)(n + SPARE_ROWS);
	lxw_col_t c;
	char fm[160];

	for (c = 0; c < NC; c++) {
		worksheet_write_string(ws, 0, c, cols[c].head, f->head);
		worksheet_set_column(ws, c, c, cols[c].w, NULL);
	}
	worksheet_set_row(ws, 0, 30, NULL);
	for (i = 0; i <= n + SPARE_ROWS - 1; i++) {
		const struct value *item = i < n ? it->items[i] : NULL;

		for (c = 0; c < NC; c++) {
			const char *s = item ? str(item, cols[c].key) : NULL;

			if (item && c == 0 && s == NULL) {
				char id[16];

				snprintf(id, sizeof(id), "H%03zu", i + 1);
				s = id;
				put_text(ws, (lxw_row_t)(i + 1), c, s, f->input);
				continue;
			}
			if (cols[c].date)
				put_date(ws, (lxw_row_t)(i + 1), c, s,
				    f->input_date);
			else
				put_text(ws, (lxw_row_t)(i + 1), c, s, f->input);
		}
	}
	/* Past the deadline red, within the window amber; not if disposed. */
	snprintf(fm, sizeof(fm), "=AND(I2<>\"\",$L2=\"\",I2<" CRIT "$B$%d)",
	    CR_ASOF + 1);
	shade_rows(ws, last, 8, 9, fm, f->red);
	snprintf(fm, sizeof(fm), "=AND(I2<>\"\",$L2=\"\",I2-" CRIT "$B$%d<="
	    CRIT "$B$%d)", CR_ASOF + 1, CR_DUEDAYS + 1);
	shade_rows(ws, last, 8, 9, fm, f->amber);
	{
		lxw_data_validation dv;
		static char *kinds[] = { "パソコン", "サーバー", "ネットワーク機器",
		    "スマートフォン", "ソフトウェア", "クラウド", "その他", NULL };

		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = kinds;
		worksheet_data_validation_range(ws, 1, 2, last, 2, &dv);
	}
	worksheet_freeze_panes(ws, 1, 2);
	worksheet_autofilter(ws, 0, 0, last, NC - 1);
	print_setup(ws, meta);
	protect_inputs(ws);
}

int
xlsx_assets(lxw_workbook *wb, const struct value *profile,
    const struct xlsx_meta *meta, struct diags *d)
{
	const struct value *media = profile_at(profile, K_ASSETS_MEDIA);
	lxw_worksheet *ledger = workbook_add_worksheet(wb, "情報資産管理台帳");
	lxw_worksheet *it = workbook_add_worksheet(wb, "IT資産");
	lxw_worksheet *crit = workbook_add_worksheet(wb, "基準");
	struct fmts f;

	(void)d;
	make_formats(wb, &f);
	criteria_sheet(crit, profile, &f);
	ledger_sheet(ledger, profile, &f, meta, media);
	it_sheet(it, profile, &f, meta);
	worksheet_set_paper(crit, 9);	/* A4 */
	worksheet_set_landscape(crit);
	worksheet_fit_to_pages(crit, 1, 0);
	xlsx_page_header(crit, meta);
	return 0;
}
