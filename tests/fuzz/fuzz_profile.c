/*
 * fuzz_profile.c: bytes → source → YAML loader → schema validation →
 * derived values → consistency checks: what `kitei check` does to a
 * profile, with the real schema and registry from templates/.
 */
#include <stdint.h>
#include <string.h>

#include "profile/consistency.h"
#include "profile/derive.h"
#include "profile/schema.h"
#include "base/source.h"
#include "base/util.h"
#include "profile/value.h"
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct schema_set *schema;
	static struct docset *registry;
	/* A company folder that does not exist: CSV names are errors. */
	struct derive_opts o = { NULL, "content/fuzz-no-such-folder",
	    ENC_AUTO };
	struct diags d;
	struct source src;
	struct arena *a;
	struct value *root, *resolved;

	fuzz_schema(&schema, &registry);
	o.registry = registry;
	diags_init(&d, fuzz_devnull());
	source_from_text(&src, "fuzz.yaml", (const char *)data, size);
	/* Inputs with NUL bytes are cut there, as files are by the loader. */
	src.len = strlen(src.text);
	a = arena_new();
	if ((root = yaml_load(&src, a, &d)) != NULL &&
	    (resolved = schema_check(schema_root(schema), root, a,
	    &d)) != NULL && derive_all(resolved, a, &o, &d) == 0)
		profile_check_consistency(resolved, &d);
	arena_free(a);
	source_free(&src);
	diags_free(&d);
	return 0;
}
