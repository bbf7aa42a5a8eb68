/*
 * cmd.h: the commands and the per-run context they share.  main.c reads
 * the arguments and calls one command; every command owns what it loads
 * through struct run, freed in one place by run_free().
 */
#ifndef KITEI_CMD_H
#define KITEI_CMD_H

#include "base/diag.h"
#include "base/source.h"
#include "base/util.h"
#include "doc/doc.h"
#include "doc/docset.h"
#include "html/html.h"
#include "text/font.h"

#define EXIT_INPUT 1
#define EXIT_USAGE 2
#define EXIT_OVERDUE 3		/* kitei due: something is past its date */

struct options {
	const char	*command;
	const char	*input;
	const char	*docname;	/* expand: which document; import-answers: the CSV */
	const char	*output;
	const char	*deps;
	const char	*templates;
	const char	*fonts;
	const char	*author, *subject;	/* render: document information */
	const char	*lang;		/* render: the HTML's lang, e.g. "en" */
	int		 embed_fonts;	/* build: fonts inside the HTML */
	enum encoding	 encoding;
	enum paper	 paper;		/* render */
	int		 dump;		/* -1 none, else enum dump_mode */
	int		 quiet;
	int		 line_chars;
	const char	**args;		/* every operand after the command */
	int		 nargs;
	const char	*today;		/* due: YYYY-MM-DD */
	int		 within;	/* due: days counted as 間もなく */
	const char	*format;	/* due: text, tsv, ics */
	const char	*compare_doc;	/* compare: which document */
	const char	*old_templates;	/* compare: the old version's */
	const char	*compare_order;	/* compare: new-old, old-new */
	const char	*compare_unchanged;
	char		 found[2100];	/* templates found beside kitei */
};

/* Everything a run owns, freed in one place. */
struct run {
	struct options		 opt;
	struct diags		 diags;
	struct schema_set	*schema;
	struct docset		*registry;
	struct profile		*profile;
	struct source		 src;		/* render: the Markdown file */
	struct font		*fonts[FONT__COUNT];
	struct tmpl_set		*tmpl;
	struct html_theme	 theme;
};

/* Parses argv into o; 0, or an exit status after printing why. */
int	options_parse(int argc, char **argv, struct options *o);
int	usage_error(const char *what);
extern const char usage_text[];

void	run_free(struct run *r);
int	run_status(const struct run *r);
/* Loads the profile schema and the registry, and checks them together. */
int	run_load_schema(struct run *r);
/* The same from any templates folder (check_keys: the keys C reads). */
int	load_schema_at(const char *templates, struct schema_set **schema,
	    struct docset **registry, struct diags *d, int check_keys);
/* run_load_schema, then the profile named on the command line. */
int	run_load_profile(struct run *r);
int	run_open_fonts(struct run *r);
/* Starts the template set for the loaded profile. */
void	run_start_templates(struct run *r);
/* Writes a finished text to -o (atomically) or to standard output. */
int	run_emit(struct run *r, const char *data, size_t len);

struct layout_refs;

/* One planned document and what it became. */
struct made {
	struct document	 doc;
	struct buf	 pdf, html;
	char		 pdfname[96], htmlname[96], xlsxname[96];
	int		 pages;
	int		 xlsx;		/* written into the output set */
	int		*hpages;	/* PDF page of each heading, from 1 */
	int		 front;		/* its front matter pages */
	const struct layout_refs *refs;	/* in: the set's documents laid out
					   before (registry page_refs) */
};

struct pdfq;
/*
 * Expands, lays out and writes the job's document as PDF and HTML in
 * memory, as its registry entry asks (workbooks are written at commit).
 * With a queue q the PDF is queued (build_pdf.h) and is in m->pdf once
 * the queue is finished; without, it is written at once.  0, or -1 after
 * reporting.  The caller frees m with made_free().
 */
int	build_document(struct run *r, const struct job *job, struct made *m,
	    struct pdfq *q);
void	made_free(struct made *m);

int	cmd_build(struct run *r);
int	cmd_check(struct run *r);
int	cmd_expand(struct run *r);
int	cmd_render(struct run *r);
int	cmd_init(struct run *r);
int	cmd_schema_doc(struct run *r);
int	cmd_import(struct run *r);
int	cmd_due(struct run *r);
int	cmd_compare(struct run *r);

#endif
