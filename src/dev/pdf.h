/*
 * pdf.h: the PDF device.  Writes a display list as a PDF with subset,
 * extractable fonts, bookmarks and links.
 */
#ifndef KITEI_PDF_H
#define KITEI_PDF_H

#include "base/diag.h"
#include "text/font.h"

struct dlist;
struct buf;

/*
 * Appends the PDF of dl to out.  name is used in messages.  Returns 0, or
 * -1 after reporting an error.
 */
int	pdf_write(const struct dlist *dl, struct font *fonts[FONT__COUNT],
	    struct buf *out, struct diags *d, const char *name);

#endif
