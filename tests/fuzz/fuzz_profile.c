/*
 * fuzz_profile.c: bytes → source (encoding detection) → YAML loader →
 * schema validation, with the real schema from templates/schema.
 */
#include <stdint.h>
#include <string.h>

#include "profile/schema.h"
#include "base/source.h"
#include "base/util.h"
#include "profile/value.h"
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct schema_set *schema;
	struct diags d;
	struct source src;
	struct arena *a;
	struct value *root;

	diags_init(&d, fuzz_devnull());
	if (schema == NULL && (schema = schema_load_dir("templates/schema",
	    &d)) == NULL)
		abort();
	source_from_text(&src, "fuzz.yaml", (const char *)data, size);
	/* Inputs with NUL bytes are cut there, as files are by the loader. */
	src.len = strlen(src.text);
	a = arena_new();
	if ((root = yaml_load(&src, a, &d)) != NULL)
		schema_check(schema_root(schema), root, a, &d);
	arena_free(a);
	source_free(&src);
	diags_free(&d);
	return 0;
}
