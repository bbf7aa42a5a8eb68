/*
 * fuzz_template.c: bytes as a template, parsed and expanded against the
 * sample profile content/kumo-systems.yaml with the real schema.
 */
#include <stdint.h>
#include <string.h>

#include "profile/schema.h"
#include "base/source.h"
#include "tmpl/tmpl.h"
#include "base/util.h"
#include "profile/value.h"
#include "common.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct schema_set *schema;
	static struct source psrc;
	static struct arena *pa;
	static const struct value *profile;
	struct tmpl_options opt;
	struct expansion e;
	struct tmpl_set *set;
	struct diags d;

	diags_init(&d, fuzz_devnull());
	if (schema == NULL) {
		struct value *root;

		schema = schema_load_dir("templates/schema", &d);
		pa = arena_new();
		if (schema == NULL || source_load(&psrc,
		    "content/kumo-systems.yaml", ENC_UTF8, &d) != 0 ||
		    (root = yaml_load(&psrc, pa, &d)) == NULL ||
		    (profile = schema_check(schema_root(schema), root, pa,
		    &d)) == NULL)
			abort();
	}
	memset(&opt, 0, sizeof(opt));
	opt.templates_dir = "templates";
	opt.profile = profile;
	opt.schema = schema_root(schema);
	set = tmpl_set_new(&opt, &d);
	tmpl_add_text(set, "fuzz.md", (const char *)data, size);
	if (tmpl_expand(set, "fuzz.md", &e) == 0)
		expansion_free(&e);
	tmpl_set_free(set);
	diags_free(&d);
	return 0;
}
