/*
 * fuzz_template.c: bytes as a template, parsed and expanded against the
 * sample profile content/kumo-systems.yaml, loaded as kitei loads it
 * (registry, schema, derived values).
 */
#include <stdint.h>
#include <string.h>

#include "profile/profile.h"
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
	static struct docset *registry;
	static struct profile *profile;
	struct tmpl_options opt;
	struct expansion e;
	struct tmpl_set *set;
	struct diags d;
	size_t at;

	/*
	 * Templates reach the engine through source_load, which lets only
	 * UTF-8 without control characters through (as fuzz_render).
	 */
	if (utf8_valid_prefix((const char *)data, size) != size ||
	    source_control_char((const char *)data, size, &at) >= 0)
		return 0;
	fuzz_schema(&schema, &registry);
	diags_init(&d, fuzz_devnull());
	if (profile == NULL && (profile = profile_load(
	    "content/kumo-systems.yaml", schema_root(schema), registry,
	    ENC_AUTO, &d)) == NULL)
		abort();
	memset(&opt, 0, sizeof(opt));
	opt.templates_dir = "templates";
	opt.profile = profile->root;
	opt.schema = schema_root(schema);
	set = tmpl_set_new(&opt, &d);
	tmpl_add_text(set, "fuzz.md", (const char *)data, size);
	if (tmpl_expand(set, "fuzz.md", &e) == 0)
		expansion_free(&e);
	tmpl_set_free(set);
	diags_free(&d);
	return 0;
}
