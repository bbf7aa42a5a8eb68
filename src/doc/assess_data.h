/*
 * assess_data.h: the data kitei ships for the self-assessment (自社診断):
 * templates/data/assessment-items.yaml, checked against
 * templates/data/schema/.  It holds kitei's wording of the 25 items, the
 * Part boundaries of each edition, the four answers with their points and
 * the default interpretation bands.  The document registry owns it (it is
 * content, like the chapter list); the self-assessment deriver and the
 * answer import read it.
 */
#ifndef KITEI_ASSESS_DATA_H
#define KITEI_ASSESS_DATA_H

#include "base/diag.h"

struct buf;
struct docset;
struct value;

#define ASSESS_ITEMS	25

/*
 * Every key of the data file the C code reads, as PROFILE_KEYS lists the
 * profile's (profile/keys.h): assess_data_load() checks each against the
 * data's own schema, so renaming one there fails loudly at start-up.
 */
#define ASSESS_DATA_KEYS(X) \
	X(A_EDITIONS,		"editions",			T_LIST) \
	X(A_EDITION_ID,		"editions[].id",		T_STRING) \
	X(A_EDITION_MAPPED,	"editions[].mapped",		T_BOOL) \
	X(A_EDITION_PARTS,	"editions[].parts",		T_LIST) \
	X(A_PART_NAME,		"editions[].parts[].name",	T_STRING) \
	X(A_PART_FIRST,		"editions[].parts[].first",	T_INT) \
	X(A_PART_LAST,		"editions[].parts[].last",	T_INT) \
	X(A_ITEMS,		"items",			T_LIST) \
	X(A_ITEM_NO,		"items[].no",			T_INT) \
	X(A_ITEM_TITLE,		"items[].title",		T_STRING) \
	X(A_ITEM_CHAPTER,	"items[].chapter",		T_STRING) \
	X(A_ITEM_ADVICE,	"items[].advice",		T_STRING) \
	X(A_BANDS,		"bands",			T_LIST) \
	X(A_BAND_MIN,		"bands[].min",			T_INT) \
	X(A_BAND_LABEL,		"bands[].label",		T_STRING) \
	X(A_BAND_NEXT,		"bands[].next",			T_STRING)

enum akey {
#define AKEY_ENUM(id, path, type) id,
	ASSESS_DATA_KEYS(AKEY_ENUM)
#undef AKEY_ENUM
	A__COUNT
};

struct assess_data;

/* Loads and checks the data; NULL after reporting.  chapter ids checked. */
struct assess_data	*assess_data_load(const char *templates_dir,
			    const struct docset *registry, struct diags *d);
void			 assess_data_free(struct assess_data *a);
void			 assess_data_list_files(const struct assess_data *a,
			    struct buf *out);
/* The checked tree: editions, items, bands. */
const struct value	*assess_data_root(const struct assess_data *a);
/* The last key of k's path: what to look up in an item of the data. */
const char		*assess_leaf(enum akey k);
/* The value at k's last key in map (the root or an item), or NULL. */
const struct value	*assess_get(const struct value *map, enum akey k);

/* Points of an answer (4, 2, 0, -1); -9 when it is not one. */
int	assess_points(const char *answer);
/* Level of an answer (2, 1, 0; -1 for わからない); -9 when not one. */
int	assess_level(const char *answer);

#endif
