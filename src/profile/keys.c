/*
 * keys.c: the table of profile paths the C code reads, and its check
 * (which the other files' key lists share).
 */
#include <string.h>

#include "profile/keys.h"

static const struct key_row keys[K__COUNT] = {
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
	return key_leaf(keys[k].path);
}

const char *
key_leaf(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot ? dot + 1 : path;
}

int
key_rows_check(const struct key_row *rows, size_t n,
    const struct schema *root, const char *schema_dir, const char *what,
    const char *fix, struct diags *d)
{
	struct pos at = { schema_dir, 0, 0 };
	const struct schema *s;
	int bad = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		if ((s = schema_at(root, rows[i].path)) != NULL &&
		    s->type == rows[i].type)
			continue;
		if (what == NULL)
			diag(d, E_KEY_MISSING, at, rows[i].path);
		else
			diag(d, E_FILE_KEY_MISSING, at, what, rows[i].path,
			    fix);
		bad = 1;
	}
	return bad ? -1 : 0;
}

int
keys_check(const struct schema *root, const char *schema_dir,
    struct diags *d)
{
	return key_rows_check(keys, K__COUNT, root, schema_dir, NULL, NULL,
	    d);
}
