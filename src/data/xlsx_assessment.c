/*
 * xlsx_assessment.c: the self-assessment answer workbook.  Sheet 回答 has
 * one unlocked column per respondent with a drop-down of the four
 * answers, an agreed-answer column, and the company's points per item,
 * per Part and in total as formulas whose cached results are the values
 * kitei derived (so a viewer that does not recalculate shows the same
 * numbers as the report).  Sheet 結果 lists every round by Part with a
 * chart; the current round's row refers to 回答, so answers typed into the
 * workbook move the chart.  Sheet 改善計画 holds the plan with drop-downs.
 * With no round yet the same workbook is the blank form the consultant
 * sends before the first visit.  The CSV that 回答 saves to is what
 * `kitei import-answers` and a round's csv: read back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "data/xlsx_int.h"
#include "profile/keys.h"
#include "profile/profile.h"

#define FIRST_ROW	4	/* item 1 (0-based row; header above) */
#define BLANK_RESPONDENTS 3

static char *answer_list[] = { "実施している", "一部実施している",
    "実施していない", "わからない", NULL };
static char *level_list[] = { "高", "中", "低", NULL };
static char *status_list[] = { "未着手", "実施中", "完了", NULL };

struct formats {
	lxw_format	*title, *head, *cell, *wrap, *open, *num, *bold;
	lxw_format	*red, *amber;
};

static void
make_formats(lxw_workbook *wb, struct formats *f)
{
	f->title = workbook_add_format(wb);
	format_set_bold(f->title);
	format_set_font_size(f->title, 14);
	f->bold = workbook_add_format(wb);
	format_set_bold(f->bold);
	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xD9D9D9);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	format_set_align(f->head, LXW_ALIGN_CENTER);
	f->cell = workbook_add_format(wb);
	format_set_align(f->cell, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(f->cell, LXW_BORDER_THIN);
	f->wrap = workbook_add_format(wb);
	format_set_align(f->wrap, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(f->wrap, LXW_BORDER_THIN);
	format_set_text_wrap(f->wrap);
	f->open = workbook_add_format(wb);
	format_set_align(f->open, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(f->open, LXW_BORDER_THIN);
	format_set_unlocked(f->open);
	format_set_bg_color(f->open, 0xFFFFE0);
	format_set_text_wrap(f->open);
	f->num = workbook_add_format(wb);
	format_set_align(f->num, LXW_ALIGN_VERTICAL_CENTER);
	format_set_border(f->num, LXW_BORDER_THIN);
	format_set_num_format(f->num, "0");
	f->red = workbook_add_format(wb);
	format_set_bg_color(f->red, 0xF4CCCC);
	format_set_font_color(f->red, 0x9C0006);
	f->amber = workbook_add_format(wb);
	format_set_bg_color(f->amber, 0xFFE599);
}

static const char *
str_at(const struct value *m, enum pkey k)
{
	const struct value *v = profile_get(m, k);

	return v != NULL && v->kind == V_STR ? v->str : NULL;
}

static double
num_at(const struct value *m, enum pkey k)
{
	const char *s = str_at(m, k);

	return s ? atof(s) : 0;
}

/* "D5:F5" for row r (0-based) over columns c0..c1. */
static void
range(char *out, size_t size, lxw_row_t r, lxw_col_t c0, lxw_col_t c1)
{
	char a[16], b[16];

	lxw_rowcol_to_cell(a, r, c0);
	lxw_rowcol_to_cell(b, r, c1);
	snprintf(out, size, "%s:%s", a, b);
}

/*
 * The company's points for one row: the agreed answer if any, else the
 * lowest known answer (min) or the lower middle one (median), as
 * derive_assessment.c computes them; わからない only when no one knew.
 */
static void
points_formula(char *out, size_t size, const char *rng, const char *agreed,
    int median)
{
#define N0 "COUNTIF(%1$s,\"実施していない\")"
#define N1 "COUNTIF(%1$s,\"一部実施している\")"
#define N2 "COUNTIF(%1$s,\"実施している\")"
#define NQ "COUNTIF(%1$s,\"わからない\")"
#define AG "IF(%2$s=\"実施している\",4,IF(%2$s=\"一部実施している\",2," \
	    "IF(%2$s=\"実施していない\",0,-1)))"
	if (median)
		snprintf(out, size, "=IF(%2$s<>\"\"," AG ",IF(" N0 "+" N1 "+"
		    N2 "=0,IF(" NQ ">0,-1,0),IF(INT((" N0 "+" N1 "+" N2
		    "-1)/2)<" N0 ",0,IF(INT((" N0 "+" N1 "+" N2 "-1)/2)<"
		    N0 "+" N1 ",2,4))))", rng, agreed);
	else
		snprintf(out, size, "=IF(%2$s<>\"\"," AG ",IF(" N0 ">0,0,IF("
		    N1 ">0,2,IF(" N2 ">0,4,IF(" NQ ">0,-1,0)))))", rng, agreed);
#undef N0
#undef N1
#undef N2
#undef NQ
#undef AG
}

struct sheet {
	lxw_worksheet		*ws;
	const struct value	*sa;
	size_t			 nresp;
	lxw_col_t		 agreed, points;	/* columns */
	lxw_row_t		 part_row;		/* first subtotal */
};

static void
answer_header(struct sheet *s, const struct formats *f,
    const struct xlsx_meta *meta)
{
	const struct value *resp = profile_get(s->sa, K_SA_RESPONDENTS);
	const char *date = str_at(s->sa, K_SA_DATE);
	lxw_row_t h = FIRST_ROW - 1;
	size_t p;

	worksheet_write_string(s->ws, 0, 0, "情報セキュリティ自社診断 回答票",
	    f->title);
	worksheet_write_string(s->ws, 1, 0, meta->company ? meta->company :
	    "", f->bold);
	worksheet_write_string(s->ws, 2, 0, "実施日", f->bold);
	if (date != NULL)
		worksheet_write_string(s->ws, 2, 1, date, NULL);
	else		/* the client writes the date into the blank form */
		worksheet_write_blank(s->ws, 2, 1, f->open);
	worksheet_write_string(s->ws, h, 0, "No", f->head);
	worksheet_write_string(s->ws, h, 1, "区分", f->head);
	worksheet_write_string(s->ws, h, 2, "設問", f->head);
	for (p = 0; p < s->nresp; p++) {
		char blank[32];
		const char *name = NULL;

		if (resp != NULL && p < resp->n)
			name = str_at(resp->items[p], K_SA_RESP_NAME);
		snprintf(blank, sizeof(blank), "回答者%zu", p + 1);
		/* The client writes names into a blank form's headers. */
		worksheet_write_string(s->ws, h, (lxw_col_t)(3 + p),
		    name ? name : blank, name ? f->head : f->open);
		worksheet_set_column(s->ws, (lxw_col_t)(3 + p),
		    (lxw_col_t)(3 + p), 15, NULL);
	}
	worksheet_write_string(s->ws, h, s->agreed, "合意", f->head);
	worksheet_write_string(s->ws, h, s->points, "点", f->head);
	worksheet_set_column(s->ws, 0, 0, 5, NULL);
	worksheet_set_column(s->ws, 1, 1, 18, NULL);
	worksheet_set_column(s->ws, 2, 2, 40, NULL);
	worksheet_set_column(s->ws, s->agreed, s->agreed, 15, NULL);
	worksheet_set_column(s->ws, s->points, s->points, 6, NULL);
}

static void
answer_rows(struct sheet *s, const struct formats *f, int median)
{
	const struct value *qs = profile_get(s->sa, K_SA_QUESTIONS);
	const struct value *rows = profile_get(s->sa, K_SA_ROWS);
	size_t k, p;

	for (k = 0; qs != NULL && k < qs->n; k++) {
		const struct value *q = qs->items[k];
		const struct value *row = rows ? rows->items[k] : NULL;
		const struct value *ans = row ? profile_get(row,
		    K_SA_ROW_ANSWERS) : NULL;
		lxw_row_t r = (lxw_row_t)(FIRST_ROW + k);
		char rng[32], agreed[16], formula[2048];

		/* Two lines for the item (libxlsxwriter does not fit rows). */
		worksheet_set_row(s->ws, r, 30, NULL);
		worksheet_write_number(s->ws, r, 0, num_at(q, K_SA_Q_NO),
		    f->cell);
		worksheet_write_string(s->ws, r, 1, str_at(q, K_SA_Q_PART),
		    f->wrap);
		worksheet_write_string(s->ws, r, 2, str_at(q, K_SA_Q_TITLE),
		    f->wrap);
		for (p = 0; p < s->nresp; p++) {
			const char *a = ans && p < ans->n ?
			    ans->items[p]->str : "";

			if (*a)
				worksheet_write_string(s->ws, r,
				    (lxw_col_t)(3 + p), a, f->open);
			else
				worksheet_write_blank(s->ws, r,
				    (lxw_col_t)(3 + p), f->open);
		}
		if (row != NULL && strcmp(str_at(row, K_SA_ROW_AGREED),
		    "true") == 0)
			worksheet_write_string(s->ws, r, s->agreed,
			    str_at(row, K_SA_ROW_ANSWER), f->open);
		else
			worksheet_write_blank(s->ws, r, s->agreed, f->open);
		range(rng, sizeof(rng), r, 3, (lxw_col_t)(s->agreed - 1));
		lxw_rowcol_to_cell(agreed, r, s->agreed);
		points_formula(formula, sizeof(formula), rng, agreed, median);
		worksheet_write_formula_num(s->ws, r, s->points, formula,
		    f->num, row ? num_at(row, K_SA_ROW_POINTS) : 0);
	}
}

static void
validations(struct sheet *s)
{
	lxw_data_validation dv;

	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = answer_list;
	worksheet_data_validation_range(s->ws, FIRST_ROW, 3,
	    FIRST_ROW + 24, s->agreed, &dv);
}

/*
 * Red for 0 points or less, amber for 2, once the row has an answer (the
 * blank form's zeros are not findings).  Formulas are relative to the
 * first row of the range.
 */
static void
conditional(struct sheet *s, const struct formats *f)
{
	char answered[64], red[128], amber[128], pts[16];
	lxw_conditional_format cf;

	/* Column absolute, row relative: $D5:$G5. */
	{
		char a[16], b[16];

		lxw_rowcol_to_cell_abs(a, FIRST_ROW, 3, 0, 1);
		lxw_rowcol_to_cell_abs(b, FIRST_ROW, s->agreed, 0, 1);
		snprintf(answered, sizeof(answered), "%s:%s", a, b);
		lxw_rowcol_to_cell_abs(pts, FIRST_ROW, s->points, 0, 1);
	}
	snprintf(red, sizeof(red), "=AND(COUNTA(%s)>0,%s<=0)", answered, pts);
	snprintf(amber, sizeof(amber), "=AND(COUNTA(%s)>0,%s=2)", answered,
	    pts);
	memset(&cf, 0, sizeof(cf));
	cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
	cf.value_string = red;
	cf.format = f->red;
	worksheet_conditional_format_range(s->ws, FIRST_ROW, s->points,
	    FIRST_ROW + 24, s->points, &cf);
	memset(&cf, 0, sizeof(cf));
	cf.type = LXW_CONDITIONAL_TYPE_FORMULA;
	cf.value_string = amber;
	cf.format = f->amber;
	worksheet_conditional_format_range(s->ws, FIRST_ROW, s->points,
	    FIRST_ROW + 24, s->points, &cf);
}

/* Part subtotals, the total, and each respondent's own total. */
static void
answer_totals(struct sheet *s, const struct formats *f)
{
	const struct value *parts = profile_get(s->sa, K_SA_PARTS);
	const struct value *qs = profile_get(s->sa, K_SA_QUESTIONS);
	const struct value *resp = profile_get(s->sa, K_SA_RESPONDENTS);
	lxw_row_t r = FIRST_ROW + 25;
	const char *prev = NULL;
	size_t k, i = 0, p, first = 0;
	char rng[32], formula[512];
	double total = num_at(s->sa, K_SA_TOTAL);

	s->part_row = r;
	for (k = 0; k <= qs->n; k++) {
		const char *part = k < qs->n ?
		    str_at(qs->items[k], K_SA_Q_PART) : NULL;

		if (prev != NULL && (part == NULL || strcmp(part, prev) != 0)) {
			range(rng, sizeof(rng), (lxw_row_t)(FIRST_ROW + first),
			    s->points, s->points);
			{
				char bottom[16];

				lxw_rowcol_to_cell(bottom,
				    (lxw_row_t)(FIRST_ROW + k - 1), s->points);
				snprintf(formula, sizeof(formula),
				    "=SUM(%.*s:%s)", (int)strcspn(rng, ":"),
				    rng, bottom);
			}
			worksheet_write_string(s->ws, r, 0, "小計", f->bold);
			worksheet_write_string(s->ws, r, 2, prev, f->bold);
			worksheet_write_formula_num(s->ws, r, s->points,
			    formula, f->num, parts != NULL && i < parts->n ?
			    num_at(parts->items[i], K_SA_PART_POINTS) : 0);
			r++;
			i++;
			first = k;
		}
		prev = part;
	}
	range(rng, sizeof(rng), FIRST_ROW, s->points, s->points);
	{
		char bottom[16];

		lxw_rowcol_to_cell(bottom, FIRST_ROW + 24, s->points);
		snprintf(formula, sizeof(formula), "=SUM(%.*s:%s)",
		    (int)strcspn(rng, ":"), rng, bottom);
	}
	worksheet_write_string(s->ws, r, 0, "合計", f->bold);
	worksheet_write_string(s->ws, r, 2, "100点満点", f->bold);
	worksheet_write_formula_num(s->ws, r, s->points, formula, f->num,
	    total);
	r++;
	worksheet_write_string(s->ws, r, 0, "参考", f->bold);
	worksheet_write_string(s->ws, r, 2, "回答者ごとの合計", f->bold);
	for (p = 0; p < s->nresp; p++) {
		lxw_col_t c = (lxw_col_t)(3 + p);

		char top[16], bottom[16];

		lxw_rowcol_to_cell(top, FIRST_ROW, c);
		lxw_rowcol_to_cell(bottom, FIRST_ROW + 24, c);
		snprintf(rng, sizeof(rng), "%s:%s", top, bottom);
		snprintf(formula, sizeof(formula),
		    "=4*COUNTIF(%1$s,\"実施している\")"
		    "+2*COUNTIF(%1$s,\"一部実施している\")"
		    "-COUNTIF(%1$s,\"わからない\")", rng);
		worksheet_write_formula_num(s->ws, r, c, formula, f->num,
		    resp != NULL && p < resp->n ?
		    num_at(resp->items[p], K_SA_RESP_TOTAL) : 0);
	}
}

static void
answer_sheet(lxw_workbook *wb, const struct value *sa, const struct formats *f,
    const struct xlsx_meta *meta, int median)
{
	const struct value *resp = profile_get(sa, K_SA_RESPONDENTS);
	struct sheet s;

	memset(&s, 0, sizeof(s));
	s.ws = workbook_add_worksheet(wb, "回答");
	s.sa = sa;
	s.nresp = resp != NULL && resp->n > 0 ? resp->n : BLANK_RESPONDENTS;
	s.agreed = (lxw_col_t)(3 + s.nresp);
	s.points = (lxw_col_t)(s.agreed + 1);
	answer_header(&s, f, meta);
	answer_rows(&s, f, median);
	validations(&s);
	conditional(&s, f);
	answer_totals(&s, f);
	worksheet_freeze_panes(s.ws, FIRST_ROW, 3);
	worksheet_set_paper(s.ws, 9);	/* A4 */
	worksheet_set_landscape(s.ws);
	worksheet_fit_to_pages(s.ws, 1, 0);
	worksheet_repeat_rows(s.ws, FIRST_ROW - 1, FIRST_ROW - 1);
	xlsx_page_header(s.ws, meta);
	worksheet_protect(s.ws, NULL, NULL);
}

/*
 * 結果: one row per earlier round (numbers), the current one (formulas
 * on 回答, with the derived values cached), the maxima, and a chart.
 */
static void
result_sheet(lxw_workbook *wb, const struct value *sa,
    const struct formats *f, const struct xlsx_meta *meta)
{
	lxw_worksheet *ws = workbook_add_worksheet(wb, "結果");
	const struct value *hist = profile_get(sa, K_SA_HISTORY);
	const struct value *qs = profile_get(sa, K_SA_QUESTIONS);
	const struct value *parts = profile_get(sa, K_SA_PARTS);
	const struct value *resp = profile_get(sa, K_SA_RESPONDENTS);
	size_t nresp = resp != NULL && resp->n > 0 ? resp->n : BLANK_RESPONDENTS;
	lxw_col_t points_col = (lxw_col_t)(3 + nresp + 1);
	size_t nrounds = hist ? hist->n : 0, nrows = nrounds ? nrounds : 1;
	const char *names[3] = { NULL, NULL, NULL };
	int maxima[3] = { 0, 0, 0 }, np = 0;
	lxw_chart *chart;
	lxw_chart_series *series;
	size_t i, k;

	for (k = 0; qs != NULL && k < qs->n; k++) {
		const char *part = str_at(qs->items[k], K_SA_Q_PART);

		if (np == 0 || strcmp(names[np - 1], part) != 0) {
			if (np == 3)
				break;
			names[np++] = part;
		}
		maxima[np - 1] += 4;
	}
	worksheet_write_string(ws, 0, 0, "自社診断の結果（区分ごとの点数）", f->title);
	worksheet_write_string(ws, 2, 0, "実施日", f->head);
	worksheet_write_string(ws, 2, 1, "実施回", f->head);
	for (i = 0; i < (size_t)np; i++)
		worksheet_write_string(ws, 2, (lxw_col_t)(2 + i), names[i],
		    f->head);
	worksheet_write_string(ws, 2, (lxw_col_t)(2 + np), "合計", f->head);
	for (i = 0; i < nrows; i++) {
		const struct value *h = nrounds ? hist->items[i] : NULL;
		const struct value *pts = h ? profile_get(h, K_SA_HIST_POINTS) :
		    NULL;
		lxw_row_t r = (lxw_row_t)(3 + i);
		int current = i + 1 == nrows;
		const char *label = h ? str_at(h, K_SA_HIST_LABEL) : NULL;
		char formula[64];

		worksheet_write_string(ws, r, 0,
		    h ? str_at(h, K_SA_HIST_DATE) : "", f->cell);
		worksheet_write_string(ws, r, 1, label ? label :
		    current ? "今回" : "", f->cell);
		for (k = 0; k < (size_t)np; k++) {
			double v = pts && k < pts->n ?
			    atof(pts->items[k]->str) : 0;

			if (current) {
				char cell[16];

				/* The Part subtotals under the 25 items. */
				lxw_rowcol_to_cell(cell,
				    (lxw_row_t)(FIRST_ROW + 25 + k), points_col);
				snprintf(formula, sizeof(formula),
				    "='回答'!%s", cell);
				worksheet_write_formula_num(ws, r,
				    (lxw_col_t)(2 + k), formula, f->num,
				    parts && k < parts->n ?
				    num_at(parts->items[k],
				    K_SA_PART_POINTS) : v);
			} else
				worksheet_write_number(ws, r,
				    (lxw_col_t)(2 + k), v, f->num);
		}
		snprintf(formula, sizeof(formula), "=SUM(C%d:%c%d)", 4 + (int)i,
		    'C' + np - 1, 4 + (int)i);
		worksheet_write_formula_num(ws, r, (lxw_col_t)(2 + np),
		    formula, f->num, h ? num_at(h, K_SA_HIST_TOTAL) : 0);
	}
	worksheet_write_string(ws, (lxw_row_t)(3 + nrows), 1, "満点", f->cell);
	for (k = 0; k < (size_t)np; k++)
		worksheet_write_number(ws, (lxw_row_t)(3 + nrows),
		    (lxw_col_t)(2 + k), maxima[k], f->num);
	worksheet_write_number(ws, (lxw_row_t)(3 + nrows),
	    (lxw_col_t)(2 + np), 100, f->num);
	worksheet_set_column(ws, 0, 0, 12, NULL);
	worksheet_set_column(ws, 1, 1, 18, NULL);
	worksheet_set_column(ws, 2, (lxw_col_t)(2 + np), 14, NULL);

	chart = workbook_add_chart(wb, LXW_CHART_BAR);
	for (i = 0; i <= nrows; i++) {
		char cats[64], vals[64], name[64];

		snprintf(cats, sizeof(cats), "='結果'!$C$3:$%c$3", 'C' + np - 1);
		snprintf(vals, sizeof(vals), "='結果'!$C$%d:$%c$%d", 4 + (int)i,
		    'C' + np - 1, 4 + (int)i);
		snprintf(name, sizeof(name), "='結果'!$B$%d", 4 + (int)i);
		series = chart_add_series(chart, cats, vals);
		chart_series_set_name(series, name);
	}
	chart_title_set_name(chart, "区分ごとの点数");
	chart_axis_set_min(chart->x_axis, 0);
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	worksheet_insert_chart(ws, (lxw_row_t)(5 + nrows), 0, chart);
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	xlsx_page_header(ws, meta);
}

static void
plan_sheet(lxw_workbook *wb, const struct value *sa, const struct formats *f,
    const struct xlsx_meta *meta)
{
	static const char *const cols[] = { "設問", "対策", "担当", "期限",
	    "緊急度", "重要度", "難易度", "状況" };
	static const enum pkey keys[] = { K_SA_ACT_ITEMS, K_SA_ACT_ACTION,
	    K_SA_ACT_OWNER, K_SA_ACT_DUE, K_SA_ACT_URGENCY,
	    K_SA_ACT_IMPORTANCE, K_SA_ACT_DIFFICULTY, K_SA_ACT_STATUS };
	static const double widths[] = { 8, 48, 12, 12, 7, 7, 7, 9 };
	lxw_worksheet *ws = workbook_add_worksheet(wb, "改善計画");
	const struct value *acts = profile_get(sa, K_SA_ACTIONS);
	size_t n = acts ? acts->n : 0, rows = n + 10, i, c;
	lxw_data_validation dv;

	for (c = 0; c < 8; c++) {
		worksheet_write_string(ws, 0, (lxw_col_t)c, cols[c], f->head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    widths[c], NULL);
	}
	for (i = 0; i < n; i++) {
		/* Wrapped actions: rows do not grow by themselves. */
		const char *action = str_at(acts->items[i], K_SA_ACT_ACTION);
		size_t chars = utf8_count(action, strlen(action));

		worksheet_set_row(ws, (lxw_row_t)(i + 1),
		    15.0 * (double)((chars + 23) / 24), NULL);
	}
	for (i = 0; i < rows; i++)
		for (c = 0; c < 8; c++) {
			const char *v = i < n ? str_at(acts->items[i],
			    keys[c]) : NULL;

			if (v != NULL)
				worksheet_write_string(ws, (lxw_row_t)(i + 1),
				    (lxw_col_t)c, v, f->open);
			else
				worksheet_write_blank(ws, (lxw_row_t)(i + 1),
				    (lxw_col_t)c, f->open);
		}
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = level_list;
	worksheet_data_validation_range(ws, 1, 4, (lxw_row_t)rows, 6, &dv);
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = status_list;
	worksheet_data_validation_range(ws, 1, 7, (lxw_row_t)rows, 7, &dv);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	xlsx_page_header(ws, meta);
}

int
xlsx_assessment(lxw_workbook *wb, const struct value *profile,
    const struct xlsx_meta *meta, struct diags *d)
{
	const struct value *sa = profile_at(profile, K_SELF_ASSESSMENT);
	const char *agg = profile_str(profile, K_SA_AGGREGATE);
	struct formats f;

	(void)d;
	make_formats(wb, &f);
	answer_sheet(wb, sa, &f, meta, agg != NULL &&
	    strcmp(agg, "median") == 0);
	result_sheet(wb, sa, &f, meta);
	plan_sheet(wb, sa, &f, meta);
	return 0;
}
