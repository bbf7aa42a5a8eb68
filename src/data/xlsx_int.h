/*
 * xlsx_int.h: what the workbook files of src/data/ share.  Only files of
 * this folder include it (and so libxlsxwriter).
 */
#ifndef KITEI_XLSX_INT_H
#define KITEI_XLSX_INT_H

#include <xlsxwriter.h>

#include "data/xlsx.h"

/* Sets the print header (company, title, classification) and n / N. */
void	xlsx_page_header(lxw_worksheet *ws, const struct xlsx_meta *meta);

/* The workbooks (one file each). */
int	xlsx_checksheet(lxw_workbook *wb, const struct value *profile,
	    const struct xlsx_meta *meta, struct diags *d);
int	xlsx_assets(lxw_workbook *wb, const struct value *profile,
	    const struct xlsx_meta *meta, struct diags *d);

int	xlsx_assessment(lxw_workbook *wb, const struct value *profile,
	    const struct xlsx_meta *meta, struct diags *d);
int	xlsx_distribution(lxw_workbook *wb, const struct value *profile,
	    const struct xlsx_meta *meta, struct diags *d);

#endif
