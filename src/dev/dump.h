/*
 * dump.h: the text device.  Prints a display list as plain text, so that
 * line breaking and pagination can be tested without reading PDF.
 */
#ifndef KITEI_DUMP_H
#define KITEI_DUMP_H

struct dlist;
struct buf;

enum dump_mode {
	DUMP_LINES,	/* one line of text per baseline, per page */
	DUMP_ITEMS,	/* every item with its coordinates */
};

void	dump_write(const struct dlist *dl, enum dump_mode mode,
	    struct buf *out);

#endif
