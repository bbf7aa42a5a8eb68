/*
 * profile.h: one organisation's profile as every later stage sees it: the
 * file read and decoded, its YAML tree, the validated copy with defaults
 * and the derived values.  A run may hold many (a review across all
 * companies, a comparison of two versions); each owns its memory.
 */
#ifndef KITEI_PROFILE_H
#define KITEI_PROFILE_H

#include "base/source.h"
#include "profile/keys.h"
#include "profile/value.h"

struct arena;
struct docset;
struct schema;

struct profile {
	char			*path;		/* as given */
	char			*stem;		/* file name without .yaml */
	char			*folder;	/* content/<stem>: its own Markdown */
	struct source		 src;
	struct arena		*arena;
	const struct value	*root;		/* resolved, with derived values */
};

/*
 * Reads, validates and derives the profile at path.  Returns NULL after
 * reporting every problem.  The schema and registry must outlive it.
 */
struct profile	*profile_load(const char *path, const struct schema *root,
		    const struct docset *registry, enum encoding enc,
		    struct diags *d);
void		 profile_free(struct profile *p);
/*
 * Whether a profile's file name (without .yaml) may name folders: the
 * output folder out/<name> and the company folder content/<name>/ come
 * from it.  Letters, digits, ".", "_" and "-", starting with a letter or
 * a digit, no ".." (docs/limits.md).
 */
int		 profile_name_valid(const char *stem);
/* The file name of path without folder and .yaml / .yml; caller frees. */
char		*profile_stem(const char *path);

/* Typed reads of a resolved profile: NULL / the fallback when absent. */
const char		*profile_str(const struct value *root, enum pkey k);
const struct value	*profile_at(const struct value *root, enum pkey k);
/*
 * The value at k's last key in map: an item of a list k runs through
 * (k is "a.b[].c"), or a map reached another way.  NULL when absent.
 */
const struct value	*profile_get(const struct value *map, enum pkey k);
/* The same for a path the registry names (checked when it was loaded). */
const char		*profile_str_at(const struct value *root,
			    const char *path);

#endif
