/*
 * keys.c: the table of profile paths the C code reads, and its check.
 */
#include <string.h>

#include "profile/keys.h"

static const struct {
	const char	*path;
	enum stype	 type;
} keys[K__COUNT] = {
#define PKEY_ROW(id, path, type) { path, type },
	PROFILE_KEYS(PKEY_ROW)
#undef PKEY_ROW
};

const char *
pkey_path(enum pkey k)
{
	return keys[k].path;
}

const char *
pkey_leaf(enum pkey k)
{
	const char *dot = strrchr(keys[k].path, '.');

	return dot ? dot + 1 : keys[k].path;
}

int
keys_check(const struct schema *root, const char *schema_dir,
    struct diags *d)
{
	struct pos at = { schema_dir, 0, 0 };
	const struct schema *s;
	int bad = 0;
	size_t i;

	for (i = 0; i < K__COUNT; i++) {
		if ((s = schema_at(root, keys[i].path)) == NULL ||
		    s->type != keys[i].type) {
			diag(d, E_KEY_MISSING, at, keys[i].path);
			bad = 1;
		}
	}
	return bad ? -1 : 0;
}
