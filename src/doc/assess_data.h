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

struct assess_data;

/* Loads and checks the data; NULL after reporting.  chapter ids checked. */
struct assess_data	*assess_data_load(const char *templates_dir,
			    const struct docset *registry, struct diags *d);
void			 assess_data_free(struct assess_data *a);
void			 assess_data_list_files(const struct assess_data *a,
			    struct buf *out);
/* The checked tree: editions, items, bands. */
const struct value	*assess_data_root(const struct assess_data *a);

/* Points of an answer (4, 2, 0, -1); -9 when it is not one. */
int	assess_points(const char *answer);
/* Level of an answer (2, 1, 0; -1 for わからない); -9 when not one. */
int	assess_level(const char *answer);

#endif
