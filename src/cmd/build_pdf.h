/*
 * build_pdf.h: kitei build's queue of PDFs to write, worked off by one
 * thread per core (see build_pdf.c).
 */
#ifndef KITEI_BUILD_PDF_H
#define KITEI_BUILD_PDF_H

#include <stdio.h>

#include "base/diag.h"
#include "base/util.h"
#include "text/font.h"

struct dlist;
struct pdfq;

/* Starts the workers; their messages will go to msgs. */
struct pdfq	*pdfq_start(FILE *msgs);
/*
 * Queues the PDF of dl, to be appended to out (which must live until
 * pdfq_finish).  The queue takes dl and snapshots fonts as they are now,
 * so the caller may lay out the next document at once.
 */
void		 pdfq_add(struct pdfq *q, struct dlist *dl,
		    struct font *fonts[FONT__COUNT], struct buf *out,
		    const char *name);
/*
 * Writes what is left on this thread too, waits for the workers, reports
 * every job's messages to d in the order the jobs were added and frees q.
 */
void		 pdfq_finish(struct pdfq *q, struct diags *d);

#endif
