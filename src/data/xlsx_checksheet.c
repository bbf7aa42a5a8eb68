/*
 * xlsx_checksheet.c: the regulations checksheet a consultant fills in at
 * the first visit: one row per chapter of the registry, with the state
 * kitei derived (a drop-down of the four states, so the client can change
 * it and send it back), the date the chapter shows and a note column.
 */
#include <string.h>

#include "data/xlsx_int.h"
#include "profile/keys.h"
#include "profile/profile.h"

/* libxlsxwriter takes char **; it only reads the strings. */
static char *states[] = { "新規作成", "改定", "対応なし", "作成不要", NULL };

static void
header_row(lxw_worksheet *ws, lxw_format *f)
{
	static const char *const cols[] = { "No", "分野", "章番号", "整備状況",
	    "改訂日", "備考" };
	static const double widths[] = { 5, 46, 9, 14, 16, 40 };
	lxw_col_t c;

	for (c = 0; c < 6; c++) {
		worksheet_write_string(ws, 0, c, cols[c], f);
		worksheet_set_column(ws, c, c, widths[c], NULL);
	}
}

int
xlsx_checksheet(lxw_workbook *wb, const struct value *profile,
    const struct xlsx_meta *meta, struct diags *d)
{
	const struct value *table = profile_at(profile, K_REG_TABLE);
	lxw_worksheet *ws = workbook_add_worksheet(wb, "規程チェックシート");
	lxw_format *head = workbook_add_format(wb);
	lxw_format *cell = workbook_add_format(wb);
	lxw_format *open = workbook_add_format(wb);
	lxw_data_validation dv;
	lxw_row_t r;
	size_t i;

	(void)d;
	format_set_bold(head);
	format_set_bg_color(head, 0xD9D9D9);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_text_wrap(cell);
	format_set_border(cell, LXW_BORDER_THIN);
	format_set_border(open, LXW_BORDER_THIN);
	format_set_unlocked(open);
	format_set_text_wrap(open);
	header_row(ws, head);
	for (i = 0; table != NULL && i < table->n; i++) {
		const struct value *row = table->items[i];
		const struct value *num = value_get(row, pkey_leaf(K_ROW_NUMBER), NULL);
		const struct value *date = value_get(row, pkey_leaf(K_ROW_DATE), NULL);

		r = (lxw_row_t)(i + 1);
		worksheet_write_number(ws, r, 0, (double)(i + 1), cell);
		worksheet_write_string(ws, r, 1,
		    value_get(row, pkey_leaf(K_ROW_TITLE), NULL)->str, cell);
		worksheet_write_string(ws, r, 2, num ? num->str : "―", cell);
		worksheet_write_string(ws, r, 3,
		    value_get(row, pkey_leaf(K_ROW_STATE), NULL)->str, open);
		worksheet_write_string(ws, r, 4, date ? date->str : "―",
		    open);
		worksheet_write_blank(ws, r, 5, open);
	}
	if (table != NULL && table->n > 0) {
		memset(&dv, 0, sizeof(dv));
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = states;
		worksheet_data_validation_range(ws, 1, 3, (lxw_row_t)table->n,
		    3, &dv);
	}
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_paper(ws, 9);	/* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_repeat_rows(ws, 0, 0);
	xlsx_page_header(ws, meta);
	worksheet_protect(ws, NULL, NULL);
	return 0;
}
