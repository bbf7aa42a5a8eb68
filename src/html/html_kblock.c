/*
 * html_kblock.c: kitei's typed blocks in HTML.  Charts are inline SVG
 * (no image, no script) with their numbers as text and a table-like
 * description for screen readers; grids are tables whose shaded cells
 * carry classes (the page's CSP allows no style attributes); forms are
 * labelled fields that print as lines and boxes.  layout_kblock.c draws
 * the same blocks in the PDF.
 */
#include <stdio.h>

#include "base/util.h"
#include "html/html.h"
#include "md/md_block.h"

static void
html_chart(struct buf *out, const struct kblock *b)
{
	const int w = 640, row = 30, lab = 220, val = 70;
	const int bw = w - lab - val - 20;
	size_t i;

	/* The numbers are both drawn and said: the label is the data. */
	buf_addf(out, "<figure class=\"kchart\"><svg viewBox=\"0 0 %d %zu\" "
	    "role=\"img\" aria-label=\"", w, (size_t)row * b->nbars + 4);
	for (i = 0; i < b->nbars; i++) {
		buf_adds(out, i ? "、" : "");
		html_escape(out, b->bars[i].label);
		buf_adds(out, " ");
		html_escape(out, b->bars[i].text);
	}
	buf_adds(out, "\">\n");
	for (i = 0; i < b->nbars; i++) {
		const struct kb_bar *bar = &b->bars[i];
		int y = (int)i * row + 4;
		int fill = (int)((double)bw * bar->value / bar->max + 0.5);

		buf_addf(out, "<text x=\"0\" y=\"%d\" class=\"kchart-label\">",
		    y + 17);
		html_escape(out, bar->label);
		buf_addf(out, "</text><rect x=\"%d\" y=\"%d\" width=\"%d\" "
		    "height=\"16\" class=\"kchart-track\"/>", lab, y + 4, bw);
		if (fill > 0)
			buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" "
			    "height=\"16\" class=\"kchart-bar\"/>", lab, y + 4,
			    fill);
		buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
		    "class=\"kchart-value\">", w, y + 17);
		html_escape(out, bar->text);
		buf_adds(out, "</text>\n");
	}
	buf_adds(out, "</svg></figure>\n");
}

static void
html_grid(struct buf *out, const struct kblock *b)
{
	static const char *const level[] = { "shade-0", "shade-1", "shade-2" };
	size_t r, c, i;

	buf_adds(out, "<div class=\"table-wrap\" tabindex=\"0\">"
	    "<table class=\"kgrid\"><thead><tr><th scope=\"col\">");
	html_escape(out, b->row_title);
	buf_adds(out, "＼");
	html_escape(out, b->col_title);
	buf_adds(out, "</th>");
	for (c = 0; c < b->ncols; c++) {
		buf_adds(out, "<th scope=\"col\">");
		html_escape(out, b->cols[c]);
		buf_adds(out, "</th>");
	}
	buf_adds(out, "</tr></thead><tbody>\n");
	for (r = 0; r < b->nrows; r++) {
		buf_adds(out, "<tr><th scope=\"row\">");
		html_escape(out, b->rows[r]);
		buf_adds(out, "</th>");
		for (c = 0; c < b->ncols; c++) {
			int lv = kb_grid_shade(b, r, c);

			buf_addf(out, "<td class=\"%s\">%d</td>",
			    lv >= 0 && lv < 3 ? level[lv] : "shade-none",
			    b->counts[r * b->ncols + c]);
		}
		buf_adds(out, "</tr>\n");
	}
	buf_adds(out, "</tbody></table></div>\n");
	if (b->nshades > 0) {
		buf_adds(out, "<p class=\"kgrid-legend\">");
		for (i = 0; i < b->nshades; i++) {
			buf_addf(out, "<span class=\"%s\">",
			    i < 3 ? level[i] : "shade-none");
			html_escape(out, b->shades[i].label);
			buf_addf(out, "（%d〜%d）</span>", b->shades[i].lo,
			    b->shades[i].hi);
		}
		buf_adds(out, "</p>\n");
	}
}

static void
html_form(struct buf *out, const struct kblock *b)
{
	size_t i;

	buf_adds(out, "<div class=\"kform\">\n");
	for (i = 0; i < b->nfields; i++) {
		const struct kb_field *f = &b->fields[i];

		if (f->kind == KF_SEAL) {
			buf_adds(out, "<div class=\"kform-seal\">");
			html_escape(out, f->label);
			buf_adds(out, "</div>\n");
			continue;
		}
		buf_adds(out, "<div class=\"kform-row\"><span class=\"kform-label\">");
		html_escape(out, f->label);
		buf_addf(out, "</span><span class=\"kform-%s\">",
		    f->kind == KF_BOX ? "box" : f->kind == KF_DATE ? "date" :
		    "line");
		if (f->kind == KF_DATE) {
			html_escape(out, f->value ? f->value : "");
			buf_adds(out, "　　　年　　　月　　　日");
		} else if (f->value)
			html_escape(out, f->value);
		buf_adds(out, "</span></div>\n");
	}
	buf_adds(out, "</div>\n");
}

void
html_kblock(struct buf *out, const struct kblock *b)
{
	switch (b->kind) {
	case KB_PAGEBREAK:
		buf_adds(out, "<div class=\"page-break\"></div>\n");
		break;
	case KB_CHART:
		html_chart(out, b);
		break;
	case KB_GRID:
		html_grid(out, b);
		break;
	case KB_FORM:
		html_form(out, b);
		break;
	}
}
