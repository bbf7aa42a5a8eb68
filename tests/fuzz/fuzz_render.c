/*
 * fuzz_render.c: bytes as Markdown → cmark-gfm → layout → PDF in memory:
 * the `kitei render` path.  Inputs are capped at 64 KiB so that one
 * execution stays well under a second.
 */
#include <stdint.h>
#include <string.h>

#include "doc/doc.h"
#include "text/font.h"
#include "layout/layout.h"
#include "text/linebreak.h"
#include "dev/pdf.h"
#include "base/util.h"
#include "base/source.h"
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct font *fonts[FONT__COUNT];
	struct document doc;
	struct dlist *dl;
	struct buf out = {0};
	struct diags d;
	size_t at;
	int k;

	/*
	 * Only what the source stage lets through reaches layout in kitei:
	 * UTF-8 (other encodings are converted to it) with no control
	 * characters.  Other bytes once drove libharu into an error path
	 * that leaks (regress/render/leak-8dbb…, refused by the CLI).
	 */
	if (size > 65536 || utf8_valid_prefix((const char *)data, size) != size ||
	    source_control_char((const char *)data, size, &at) >= 0)
		return 0;
	diags_init(&d, fuzz_devnull());
	lb_init();
	for (k = 0; k < FONT__COUNT; k++) {
		if (fonts[k] == NULL &&
		    (fonts[k] = font_open((enum font_face)k, "fonts", &d)) == NULL)
			abort();
		font_reset_used(fonts[k]);
	}
	document_from_markdown(&doc, "fuzz.md", "fuzz", (const char *)data, size,
	    size % 2 ? PAPER_A5 : PAPER_A4, &d);
	if ((dl = layout_document(&doc, fonts, &d)) != NULL) {
		pdf_write(dl, fonts, &out, &d, "fuzz.pdf");
		dlist_free(dl);
	}
	buf_free(&out);
	document_free(&doc);
	diags_free(&d);
	return 0;
}
