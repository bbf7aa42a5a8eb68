/*
 * docset.h: the document registry.  templates/documents.yaml says which
 * documents a company gets and how each is made (template, paper,
 * numbering, cover, contents, condition, one per list item, outputs), and
 * lists the chapters of the regulations.  It is checked against its own
 * schema (templates/registry/) and every profile path it names is checked
 * against the profile schema when it is loaded, so a renamed key fails at
 * start-up, not as a blank.  Adding a document is a registry entry plus a
 * template: no C change.
 */
#ifndef KITEI_DOCSET_H
#define KITEI_DOCSET_H

#include <stddef.h>

#include "base/diag.h"
#include "md/markdown.h"

struct schema;
struct value;

enum doc_kind { DOC_TEXT, DOC_FORM, DOC_LEDGER, DOC_COMPARISON };
enum paper { PAPER_A4, PAPER_A5, PAPER_A4_LANDSCAPE, PAPER_A3_LANDSCAPE };
enum out_fmt { OUT_PDF = 1, OUT_HTML = 2, OUT_XLSX = 4 };

struct docdef {
	const char	*id;		/* output file stem */
	const char	*title;
	const char	*template;	/* under templates/ */
	enum doc_kind	 kind;
	enum paper	 paper;
	const char	*paper_key;	/* profile enum a4|a5, or NULL */
	enum numbering	 numbering;
	const char	*numbering_key;	/* profile enum, or NULL */
	unsigned	 cover:1, toc:1, chapter_breaks:1, show_title:1,
			 public:1, signature:1,
			 page_refs:1;	/* links to the set's documents get pages */
	const char	*when;		/* profile bool or list path, or NULL */
	const char	*per;		/* profile list path, or NULL */
	unsigned	 outputs;	/* enum out_fmt bits */
	const char	*workbook;	/* xlsx: which workbook (data/xlsx.h) */
	struct pos	 pos;		/* its entry in the registry */
};

struct chapdef {
	const char	*id;
	const char	*title;
	const char	*template;
	const char	*only_when;	/* profile bool path, or NULL */
	struct pos	 pos;
};

struct docset {
	struct docdef	*docs;
	size_t		 ndocs;
	struct chapdef	*chapters;
	size_t		 nchapters;
	struct assess_data *assessment;	/* templates/data/assessment-items */
	void		*priv;		/* sources, arenas, the registry schema */
};

/* One document to make for one profile: a definition, maybe a list item. */
struct job {
	const struct docdef	*def;
	const struct value	*item;	/* the list item of a per: entry */
	char			 stem[80];/* output file stem */
};

/*
 * Loads templates_dir/documents.yaml, checks it against
 * templates_dir/registry/ and its chapters' paths against profile_schema.
 * Returns NULL after reporting errors.  Free with docset_free().
 */
struct docset	*docset_load(const char *templates_dir,
		    const struct schema *profile_schema, struct diags *d);
void		 docset_free(struct docset *set);
/*
 * Checks the profile paths the documents name (paper_key, numbering_key,
 * when, per) against the profile schema, after schema_instantiate() has
 * made the chapter maps; 0, or -1 after reporting.
 */
int		 docset_check_paths(const struct docset *set,
		    const struct schema *profile_schema, struct diags *d);
/* Appends the registry's files, each followed by a space (make deps). */
void		 docset_list_files(const struct docset *set, struct buf *out);
/* The definition with this id, or NULL. */
const struct docdef *docset_find(const struct docset *set, const char *id);

/*
 * The documents to make for a resolved profile, in registry order: entries
 * whose condition is false are left out, a per: entry gives one job per
 * item.  Returns the number of jobs; the caller frees *jobs.
 */
size_t		 docset_plan(const struct docset *set,
		    const struct value *profile, struct job **jobs);
/* Whether chapter c is written for this profile (its only_when holds). */
int		 chapter_applies(const struct chapdef *c,
		    const struct value *profile);

#endif
