/*
 * strmap.h: a hash table from strings to indexes, for the checks that
 * must stay linear however many keys, ids or messages an input has
 * (duplicate YAML keys, duplicate ids, messages printed once).  Keys are
 * not copied: they must outlive the table.
 */
#ifndef KITEI_STRMAP_H
#define KITEI_STRMAP_H

#include <stddef.h>

struct strmap {
	struct strmap_slot {
		const char	*key;	/* NULL: empty */
		size_t		 val;
	}		*slots;
	size_t		 cap, n;	/* cap is 0 or a power of two */
};

/*
 * Adds key with val unless key is there: 0 when added, 1 when it was
 * there already (its value in *old, if asked).
 */
int	strmap_put(struct strmap *m, const char *key, size_t val, size_t *old);
/* The value of key: 1 and *val, or 0 when key is absent. */
int	strmap_get(const struct strmap *m, const char *key, size_t *val);
void	strmap_free(struct strmap *m);

#endif
