/*
 * profile.c: the profile object: source → YAML → schema check → derived
 * values, owned in one place.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "base/util.h"
#include "profile/consistency.h"
#include "profile/derive.h"
#include "profile/profile.h"
#include "profile/schema.h"

char *
profile_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	char *stem = xstrdup(base ? base + 1 : path);
	size_t n = strlen(stem);

	if (n > 5 && strcmp(stem + n - 5, ".yaml") == 0)
		stem[n - 5] = '\0';
	else if (n > 4 && strcmp(stem + n - 4, ".yml") == 0)
		stem[n - 4] = '\0';
	return stem;
}

int
profile_name_valid(const char *stem)
{
	size_t i;
	int ok = isalnum((unsigned char)stem[0]) && strstr(stem, "..") == NULL;

	for (i = 0; ok && stem[i]; i++)
		ok = (isalnum((unsigned char)stem[i]) && (unsigned char)stem[i] <
		    0x80) || strchr("._-", stem[i]) != NULL;
	return ok;
}

/* Company additions live beside the profile: content/<stem>/. */
static char *
company_folder(const char *path, const char *stem)
{
	const char *slash = strrchr(path, '/');
	struct buf b = {0};

	buf_addf(&b, "%.*s%s", slash ? (int)(slash - path + 1) : 0, path,
	    stem);
	return buf_take(&b);
}

struct profile *
profile_load(const char *path, const struct schema *root,
    const struct docset *registry, enum encoding enc, struct diags *d)
{
	struct profile *p = xcalloc(1, sizeof(*p));
	struct derive_opts o = { registry, NULL, enc };
	struct value *raw, *resolved;
	int errors = d->errors;

	p->path = xstrdup(path);
	p->stem = profile_stem(path);
	p->folder = company_folder(path, p->stem);
	o.folder = p->folder;
	if (source_load(&p->src, path, enc, d) != 0)
		goto fail;
	p->arena = arena_new();
	if ((raw = yaml_load(&p->src, p->arena, d)) == NULL)
		goto fail;
	if ((resolved = schema_check(root, raw, p->arena, d)) == NULL)
		goto fail;
	o.folder = p->folder;
	if (derive_all(resolved, p->arena, &o, d) != 0)
		goto fail;
	/* Facts that contradict each other (telework with its chapter left
	 * out, …): warnings, or errors where the documents would lie. */
	profile_check_consistency(resolved, d);
	if (d->errors > errors)
		goto fail;
	p->root = resolved;
	return p;
fail:
	profile_free(p);
	return NULL;
}

void
profile_free(struct profile *p)
{
	if (p == NULL)
		return;
	source_free(&p->src);
	arena_free(p->arena);
	free(p->path);
	free(p->stem);
	free(p->folder);
	free(p);
}

const struct value *
profile_at(const struct value *root, enum pkey k)
{
	return value_at(root, pkey_path(k));
}

const struct value *
profile_get(const struct value *map, enum pkey k)
{
	return value_get(map, pkey_leaf(k), NULL);
}

const char *
profile_str(const struct value *root, enum pkey k)
{
	return profile_str_at(root, pkey_path(k));
}

const char *
profile_str_at(const struct value *root, const char *path)
{
	const struct value *v = value_at(root, path);

	return v != NULL && v->kind == V_STR && v->str[0] ? v->str : NULL;
}
