/*
 * value.h: the tree every YAML input becomes (profiles and schemas alike).
 * Every value keeps the position it was written at, so that later stages
 * can point at it.  Values live in the arena of whoever loaded them.
 */
#ifndef KITEI_VALUE_H
#define KITEI_VALUE_H

#include <stddef.h>

#include "base/diag.h"
#include "base/source.h"

struct arena;
struct schema;

enum vkind { V_NULL, V_STR, V_LIST, V_MAP };

struct value {
	enum vkind		 kind;
	struct pos		 pos;
	const char		*str;	/* V_STR: the scalar text */
	int			 plain;	/* V_STR: written without quotes */
	size_t			 n;	/* V_LIST, V_MAP: number of items */
	struct value		**items;/* list items, or map values */
	const char		**keys;	/* V_MAP: keys, in file order */
	struct pos		*keypos;/* V_MAP: where each key was written */
	const struct schema	*schema;/* set by schema_check() */
	int			 defaulted;/* came from the schema, not the profile */
	int			 incomplete;/* some of its items had errors */
};

/* Limits of the loader (docs/limits.md). */
#define YAML_MAX_DEPTH	64
#define YAML_MAX_NODES	200000
/* Longest value in bytes: names and titles reach PDF strings, which
 * libharu limits to this. */
#define YAML_MAX_SCALAR	65535

/*
 * Parses src as one YAML document.  Returns its root, or NULL after
 * reporting errors.  Anchors and aliases are refused (they would let a
 * small file expand into a huge tree).  The tree lives in a.
 */
struct value	*yaml_load(const struct source *src, struct arena *a,
		    struct diags *d);

/* The value of key in map v, or NULL; *index gets its position if asked. */
struct value	*value_get(const struct value *v, const char *key,
		    size_t *index);
/* A human name of v's kind ("リスト", "マップ", "文字列 …"). */
const char	*value_kind_name(const struct value *v);
/* Whether a plain scalar reads as true / false (YAML 1.1 style). */
int		 value_bool(const struct value *v, int *out);
/* Whether v reads as true (absent, empty or not a bool: false). */
int		 value_true(const struct value *v);

#endif
