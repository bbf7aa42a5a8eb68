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
#include "base/srcmap.h"

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

struct tmpl_set	*tmpl_set_new(const struct tmpl_options *opt,
		    struct diags *d);
void		 tmpl_set_free(struct tmpl_set *set);
/*
 * Expands the template at name (relative to templates_dir).  Returns 0, or
 * -1 after reporting every error found; out is then empty.
 */
int		 tmpl_expand(struct tmpl_set *set, const char *name,
		    struct expansion *out);
/*
 * The same for a document made once per item of a list (the registry's
 * per:): names resolve in item first, then in the profile; `this` is item.
 */
int		 tmpl_expand_for(struct tmpl_set *set, const char *name,
		    const struct value *item, struct expansion *out);
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

#endif
