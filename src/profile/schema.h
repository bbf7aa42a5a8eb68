/*
 * schema.h: the declarative description of every profile key, loaded from
 * templates/schema/ (*.yaml; format in docs/templates.md).  One description
 * drives three things: the validator (schema_check), the starter profile of
 * `kitei init` (schema_write_starter) and docs/profile.md
 * (schema_write_doc).
 */
#ifndef KITEI_SCHEMA_H
#define KITEI_SCHEMA_H

#include <stddef.h>

#include "base/diag.h"
#include "profile/value.h"

struct arena;
struct buf;

enum stype { T_STRING, T_TEXT, T_INT, T_BOOL, T_DATE, T_ENUM, T_REF,
    T_LIST, T_MAP };

struct schema {
	enum stype		 type;
	const char		*name;		/* key name; "" for list items */
	const char		*path;		/* dotted path, "[]" for items */
	const char		*doc;
	int			 required;
	const char		*required_when;	/* bool path, or NULL */
	const char		*only_when;	/* bool path, or NULL */
	const struct value	*def;		/* default, or NULL */
	const struct value	*example;
	const char		**values;	/* T_ENUM */
	size_t			 nvalues;
	long			 min, max;	/* T_INT */
	int			 has_min, has_max;
	const char		*to;		/* T_REF: path of the list */
	const char		*role;		/* the role it stands for */
	const char		*title;		/* a chapter's name */
	const char		*stand_in;	/* path of the role that acts
						   when this one is absent */
	struct schema		*items;		/* T_LIST */
	struct schema		**keys;		/* T_MAP, in file order */
	size_t			 nkeys;
	int			 derived;	/* computed by kitei (derive.c) */
	const char		*keys_from;	/* T_MAP: keys made from a list */
	const char		*ascending;	/* T_LIST: item key that must not
						   go down (dates, numbers) */
	struct schema		*each;		/* ... each described so */
	struct pos		 pos;		/* where it is described */
};

struct schema_set;

/*
 * Loads every *.yaml file of dir, in name order, into one schema.  Returns
 * NULL after reporting errors.  Free with schema_set_free().
 */
struct schema_set	*schema_load_dir(const char *dir, struct diags *d);
void			 schema_set_free(struct schema_set *set);
/* Appends the schema files' paths, each followed by a space. */
void			 schema_list_files(const struct schema_set *set,
			    struct buf *out);
const struct schema	*schema_root(const struct schema_set *set);
/* The description of key in a T_MAP description, or NULL. */
const struct schema	*schema_key(const struct schema *map, const char *key);
/*
 * The key that names an item of a list: a ref points at the item whose
 * id it is (schema.c), and a per-item document takes its file name from
 * it (docset.c).  Part of the schema format, like `keys` and `items`.
 */
#define SCHEMA_ID_KEY	"id"
/* The description at a dotted path from root ("a.b", "list[].c"), or NULL. */
const struct schema	*schema_at(const struct schema *root, const char *path);
/*
 * Gives every map described with `keys_from: from` one key per name, each
 * described by its `each:` (names and docs: n strings the caller keeps
 * alive as long as the set).  The document registry calls it with the
 * chapter ids, so that the chapter table is written once.
 */
void			 schema_instantiate(struct schema_set *set,
			    const char *from, const char *const *names,
			    const char *const *docs, size_t n);

/*
 * Validates profile against the schema and returns the resolved profile:
 * a copy in a with defaults filled in and every value's ->schema set.
 * Reports every problem; returns NULL when any was an error.
 */
struct value	*schema_check(const struct schema *root,
		    const struct value *profile, struct arena *a,
		    struct diags *d);
/* Looks up a dotted path from the root of a resolved profile. */
const struct value *value_at(const struct value *root, const char *path);
/* For a T_REF value: the list item it names, or NULL. */
const struct value *schema_deref(const struct value *root,
		    const struct value *ref);

void	schema_write_doc(const struct schema *root, struct buf *out);
void	schema_write_starter(const struct schema *root, const char *name,
	    struct buf *out);
/* Closest of the names to word (for "did you mean"), or NULL. */
const char *closest_name(const char *word, const char *const *names,
	    size_t n);

#endif
