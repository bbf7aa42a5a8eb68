/*
 * main.c: the kitei command line.  Reads the arguments, runs one command
 * (src/cmd/) and returns its exit status:
 *   0 success, 1 errors in the input, 2 wrong usage.
 * The pipeline a build runs is in the folders of src/, in this order:
 * base (input files) → profile (YAML, schema, derived values) → doc (the
 * registry and each document) → tmpl → md → text + layout → dev (PDF) /
 * html → out.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cmd.h"
#include "md/markdown.h"
#include "text/linebreak.h"

#ifndef KITEI_VERSION
#define KITEI_VERSION "0.1.0"
#endif

static const struct {
	const char	*name;
	int		(*run)(struct run *);
} commands[] = {
	{ "build", cmd_build },
	{ "check", cmd_check },
	{ "expand", cmd_expand },
	{ "render", cmd_render },
	{ "init", cmd_init },
	{ "schema-doc", cmd_schema_doc },
	{ "import-answers", cmd_import },
};

int
main(int argc, char **argv)
{
	struct run r;
	size_t c;
	int rc, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("kitei %s\n", KITEI_VERSION);
			return 0;
		}
	}
	/* A full disk or a file size limit is an error, not a signal. */
	signal(SIGXFSZ, SIG_IGN);
	lb_init();
	memset(&r, 0, sizeof(r));
	if ((rc = options_parse(argc, argv, &r.opt)) != 0)
		return rc;
	diags_init(&r.diags, stderr);
	if (r.opt.command == NULL)
		return usage_error("コマンドを指定してください");
	for (c = 0; c < sizeof(commands) / sizeof(commands[0]); c++)
		if (strcmp(r.opt.command, commands[c].name) == 0)
			break;
	if (c == sizeof(commands) / sizeof(commands[0]))
		rc = usage_error("不明なコマンドです");
	else
		rc = commands[c].run(&r);
	run_free(&r);
	diags_free(&r.diags);
	md_release();
	return rc;
}
