/*
 * xlsx.c: the table of workbooks and what they share: a workbook with
 * reproducible properties, the header with company and classification.
 * Each workbook's sheets are written by a function of its own file
 * (xlsx_<name>.c), listed in the table below.
 */
#include <string.h>

#include <xlsxwriter.h>

#include "base/util.h"
#include "data/xlsx.h"
#include "data/xlsx_int.h"

static const struct {
	const char	*name;
	int		(*write)(lxw_workbook *, const struct value *,
			    const struct xlsx_meta *, struct diags *);
} workbooks[] = {
	{ "checksheet", xlsx_checksheet },
	{ "assessment", xlsx_assessment },
	{ "assets", xlsx_assets },
	{ "distribution", xlsx_distribution },
};

int
xlsx_known(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(workbooks) / sizeof(workbooks[0]); i++)
		if (strcmp(workbooks[i].name, name) == 0)
			return 1;
	return 0;
}

const char *
xlsx_names(void)
{
	static char names[256];
	size_t i;

	names[0] = '\0';
	for (i = 0; i < sizeof(workbooks) / sizeof(workbooks[0]); i++) {
		if (i)
			strncat(names, ", ", sizeof(names) - strlen(names) - 1);
		strncat(names, workbooks[i].name,
		    sizeof(names) - strlen(names) - 1);
	}
	return names;
}

/* Header: company left, title and classification right (print setup). */
void
xlsx_page_header(lxw_worksheet *ws, const struct xlsx_meta *meta)
{
	struct buf h = {0};

	buf_adds(&h, "&L");
	buf_adds(&h, meta->company ? meta->company : "");
	buf_adds(&h, "&R");
	buf_adds(&h, meta->title ? meta->title : "");
	if (meta->classification)
		buf_addf(&h, "［%s］", meta->classification);
	worksheet_set_header(ws, h.p);
	worksheet_set_footer(ws, "&C&P / &N");
	buf_free(&h);
}

int
xlsx_write(const char *name, const char *path, const struct value *profile,
    const struct xlsx_meta *meta, struct diags *d)
{
	lxw_workbook_options opt = { .constant_memory = LXW_FALSE,
	    .tmpdir = NULL };
	lxw_doc_properties props;
	lxw_workbook *wb;
	lxw_error err;
	size_t i;
	int rc;

	for (i = 0; i < sizeof(workbooks) / sizeof(workbooks[0]); i++)
		if (strcmp(workbooks[i].name, name) == 0)
			break;
	if (i == sizeof(workbooks) / sizeof(workbooks[0]))
		return -1;	/* the registry was checked with xlsx_known */
	if ((wb = workbook_new_opt(path, &opt)) == NULL) {
		diag(d, E_XLSX, (struct pos){ path, 0, 0 }, "開けません");
		return -1;
	}
	/* A fixed creation date keeps rebuilds byte-identical. */
	memset(&props, 0, sizeof(props));
	props.title = (char *)meta->title;
	props.company = (char *)meta->company;
	props.created = (time_t)meta->epoch;
	workbook_set_properties(wb, &props);
	rc = workbooks[i].write(wb, profile, meta, d);
	if ((err = workbook_close(wb)) != LXW_NO_ERROR) {
		diag(d, E_XLSX, (struct pos){ path, 0, 0 },
		    lxw_strerror(err));
		return -1;
	}
	return rc;
}
