/*
 * xlsx_distribution.c: the 配布管理台帳 (distribution ledger): one row per
 * issued copy with its 配布番号, holder, dates and state, all from
 * distribution.issued as the deriver computed them.  Rows whose receipt
 * is still out are shaded light, copies of a superseded version not yet
 * collected dark; the state is also written out in words, so the sheet
 * reads the same printed in black and white.  The dates to fill in by
 * hand (受領日, 回収日, 備考) are the only unlocked cells.
 */
#include <stdlib.h>
#include <string.h>

#include "base/dates.h"
#include "data/xlsx_int.h"
#include "profile/keys.h"
#include "profile/profile.h"

enum { C_NUMBER, C_DOC, C_VERSION, C_NAME, C_DEPT, C_ISSUED, C_DUE,
    C_RECEIVED, C_PLEDGED, C_RETURNED, C_STATE, C_NOTE, C__COUNT };

static const struct {
	const char	*head;
	enum pkey	 key;	/* in a distribution.issued row */
	double		 width;
	int		 date, open;
} cols[C__COUNT] = {
	{ "配布番号", K_ISS_NUMBER, 16, 0, 0 },
	{ "文書", K_ISS_DOCUMENT, 30, 0, 0 },
	{ "版", K_ISS_VERSION, 6, 0, 0 },
	{ "氏名", K_ISS_NAME, 16, 0, 0 },
	{ "所属", K_ISS_DEPT, 14, 0, 0 },
	{ "配布日", K_ISS_ISSUED, 12, 1, 0 },
	{ "提出期限", K_ISS_DUE, 12, 1, 0 },
	{ "受領確認書の回収日", K_ISS_RECEIVED, 12, 1, 1 },
	{ "誓約書（入社時）", K_ISS_PLEDGED, 12, 1, 0 },
	{ "写しの回収日", K_ISS_RETURNED, 12, 1, 1 },
	{ "状態", K_ISS_STATE, 12, 0, 0 },
	{ "備考", K_ISS_NOTE, 30, 0, 1 },
};

/* Cell formats: plain and unlocked, each in three shades. */
struct fmts {
	lxw_format	*head;
	lxw_format	*cell[3][2][2];	/* [shade][date][open] */
};

enum shade { S_NONE, S_RECEIPT_OUT, S_OLD_UNCOLLECTED };

static const uint32_t shades[] = { LXW_COLOR_WHITE, 0xFFE699, 0xF4B084 };

static void
make_formats(lxw_workbook *wb, struct fmts *f)
{
	int s, dt, op;

	f->head = workbook_add_format(wb);
	format_set_bold(f->head);
	format_set_bg_color(f->head, 0xD9D9D9);
	format_set_border(f->head, LXW_BORDER_THIN);
	format_set_text_wrap(f->head);
	for (s = 0; s < 3; s++)
		for (dt = 0; dt < 2; dt++)
			for (op = 0; op < 2; op++) {
				lxw_format *c = workbook_add_format(wb);

				format_set_border(c, LXW_BORDER_THIN);
				if (s != S_NONE)
					format_set_bg_color(c, shades[s]);
				if (dt)
					format_set_num_format(c,
					    "yyyy/mm/dd");
				if (op)
					format_set_unlocked(c);
				f->cell[s][dt][op] = c;
			}
}

static enum shade
row_shade(const char *state)
{
	if (strcmp(state, "未受領") == 0)
		return S_RECEIPT_OUT;
	if (strcmp(state, "旧版未回収") == 0)
		return S_OLD_UNCOLLECTED;
	return S_NONE;
}

static void
write_cell(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
    lxw_format *f)
{
	struct date dt;

	if (s == NULL || *s == '\0')
		worksheet_write_blank(ws, r, c, f);
	else if (cols[c].date && date_parse(s, &dt) == 0) {
		lxw_datetime x = { dt.y, dt.m, dt.d, 0, 0, 0 };

		worksheet_write_datetime(ws, r, c, &x, f);
	} else
		worksheet_write_string(ws, r, c, s, f);
}

int
xlsx_distribution(lxw_workbook *wb, const struct value *profile,
    const struct xlsx_meta *meta, struct diags *d)
{
	const struct value *issued = profile_at(profile, K_DIST_ISSUED);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "配布管理台帳");
	struct fmts f;
	lxw_col_t c;
	size_t i;

	(void)d;
	make_formats(wb, &f);
	for (c = 0; c < C__COUNT; c++) {
		worksheet_write_string(ws, 0, c, cols[c].head, f.head);
		worksheet_set_column(ws, c, c, cols[c].width, NULL);
	}
	for (i = 0; issued != NULL && i < issued->n; i++) {
		const struct value *row = issued->items[i];
		const struct value *st = profile_get(row, K_ISS_STATE);
		enum shade s = row_shade(st->str);

		for (c = 0; c < C__COUNT; c++) {
			const struct value *v = profile_get(row, cols[c].key);

			write_cell(ws, (lxw_row_t)(i + 1), c,
			    v != NULL ? v->str : NULL,
			    f.cell[s][cols[c].date][cols[c].open]);
		}
	}
	worksheet_freeze_panes(ws, 1, 1);
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9);	/* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	xlsx_page_header(ws, meta);
	worksheet_protect(ws, NULL, NULL);
	return 0;
}
