/*
 * pdf_font.h: a font of the PDF device — a Type0 font over a TrueType
 * subset, its CIDs numbered by kitei (see pdf_font.c).
 */
#ifndef KITEI_PDF_FONT_H
#define KITEI_PDF_FONT_H

#include <stdint.h>
#include <hpdf.h>

#include "text/font.h"

struct pdf_font {
	HPDF_Dict		 dict;	/* the Type0 font, owned by the document */
	struct font_embed	 e;
};

/* Makes the font objects for the characters src has used; 0 or -1. */
int		 pdf_font_make(HPDF_Doc pdf, struct font *src,
		    struct pdf_font *pf);
void		 pdf_font_free(struct pdf_font *pf);
/* The CID that draws cp (0, .notdef, for a character not in the font). */
unsigned	 pdf_font_cid(const struct pdf_font *pf, uint32_t cp);

#endif
