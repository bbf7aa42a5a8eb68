/*
 * xlsx.h: the workbooks kitei writes (Excel .xlsx, through libxlsxwriter;
 * xlsx.c is its only user).  A registry entry with `outputs: [xlsx]` names
 * its workbook with `workbook:`; each workbook is one function that reads
 * the resolved profile (with its derived values, so the workbook and the
 * PDF can never disagree) and writes the file at a path the output stage
 * reserved inside the atomic output set.
 */
#ifndef KITEI_XLSX_H
#define KITEI_XLSX_H

#include "base/diag.h"

struct value;

/* What every workbook prints in its header and document properties. */
struct xlsx_meta {
	const char	*title;		/* the registry's title */
	const char	*company;
	const char	*classification;/* NULL when public */
	long long	 epoch;		/* creation date: reproducible files */
};

/* Whether name is a workbook kitei knows (the registry is checked). */
int	xlsx_known(const char *name);
/* The known names, comma-separated (for messages). */
const char *xlsx_names(void);
/*
 * Writes workbook name for profile to path.  Returns 0, or -1 after
 * reporting; the caller's output set then removes the file.
 */
int	xlsx_write(const char *name, const char *path,
	    const struct value *profile, const struct xlsx_meta *meta,
	    struct diags *d);

#endif
