/*
 * tmpl.h: the template stage.  Parses the Markdown templates (language in
 * docs/templates.md) and expands them against a resolved profile into one
 * Markdown text, with a map from each expanded line back to the template
 * line that produced it.
 */
#ifndef KITEI_TMPL_H
#define KITEI_TMPL_H

#include <stddef.h>

#include "base/dates.h"
#include "base/diag.h"
#include "base/source.h"

struct value;
struct schema;
struct tmpl_set;

/* Limits (docs/limits.md). */
#define TMPL_MAX_NESTING	100	/* open sections inside each other */
#define TMPL_MAX_INCLUDES	16	/* include depth */
#define TMPL_MAX_OUTPUT		((size_t)32 << 20)

struct tmpl_options {
	const char		*templates_dir;	/* "templates" */
	const char		*slots_dir;	/* content/<company>, or NULL */
	enum encoding		 encoding;	/* of company Markdown */
	enum date_style		 date_style;
	const struct value	*profile;	/* resolved profile */
	const struct schema	*schema;	/* its root description */
	/*
	 * Called with every value inserted and where the profile wrote
	 * it, so that a character the fonts lack is reported there, not
	 * at the template.  May be NULL.
	 */
	void	(*check_text)(void *ctx, const struct value *v, const char *s);
	void			*check_ctx;
};

/* The expanded Markdown and its line map.  The owner frees both arrays. */
struct expansion {
	char		*md;
	size_t		 len;
	struct pos	*lines;		/* lines[i]: origin of line i + 1 */
	size_t		 nlines;
	size_t		*starts;	/* starts[i]: byte offset of line i + 1 */
	char		*verbatim;	/* verbatim[i]: line i + 1 is a file's
					 * line as written (company Markdown) */
};

struct tmpl_set	*tmpl_set_new(const struct tmpl_options *opt,
		    struct diags *d);
void		 tmpl_set_free(struct tmpl_set *set);
/*
 * Expands the template at name (relative to templates_dir).  Returns 0, or
 * -1 after reporting every error found; out is then empty.
 */
int		 tmpl_expand(struct tmpl_set *set, const char *name,
		    struct expansion *out);
void		 expansion_free(struct expansion *e);
/*
 * Registers text as the template name (tests and fuzzing), so that
 * tmpl_expand and includes find it without reading a file.
 */
void		 tmpl_add_text(struct tmpl_set *set, const char *name,
		    const char *text, size_t len);
/* Warns about company Markdown files no template asked for (call last). */
void		 tmpl_check_slots(struct tmpl_set *set);
/* Appends the paths of every file read so far (templates, company
 * Markdown), each followed by a space, for a make dependency file. */
void		 tmpl_list_files(const struct tmpl_set *set, struct buf *out);
/* Appends s to b escaped so that Markdown prints it literally. */
void		 md_escape(struct buf *b, const char *s, int at_line_start);
/* The origin of expanded line (from 1), for later stages' messages. */
/*
 * The origin of line (from 1) of the expansion; col, a byte column of
 * that line (from 1, 0 for none), becomes a character column where the
 * line was copied as written.
 */
struct pos	 expansion_pos(const struct expansion *e, int line, int col);

#endif
