/*
 * main.c: the kitei command line.  Reads the arguments, runs one command
 * (src/cmd/) and returns its exit status:
 *   0 success, 1 errors in the input, 2 wrong usage, 3 (kitei due)
 *   something is overdue.
 * The pipeline a build runs is in the folders of src/, in this order:
 * base (input files) → profile (YAML, schema, derived values) → doc (the
 * registry and each document) → tmpl → md → text + layout → dev (PDF) /
 * html → out.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "base/util.h"
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
	{ "due", cmd_due },
	{ "compare", cmd_compare },
};

/*
 * Whether what went to standard output was lost (kitei expand … >
 * /dev/full, a closed pipe): reported, so that the exit status says so.
 */
static int
stdout_failed(struct diags *d)
{
	int err = 0;

	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (err == 0)
		return 0;
	diag(d, E_STDOUT, (struct pos){ NULL, 0, 0 }, errno_text(err));
	return 1;
}

int
main(int argc, char **argv)
{
	struct run r;
	size_t c;
	int rc, i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(usage_text, stdout);
			return fflush(stdout) != 0 ? EXIT_INPUT : 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("kitei %s\n", KITEI_VERSION);
			return fflush(stdout) != 0 ? EXIT_INPUT : 0;
		}
	}
	/*
	 * A full disk or a file size limit is an error, not a signal; and a
	 * closed pipe on stderr (kitei build 2>&1 | head) must not stop a
	 * build: messages that cannot be written are lost, nothing else.
	 */
	signal(SIGXFSZ, SIG_IGN);
	signal(SIGPIPE, SIG_IGN);
	lb_init();
	memset(&r, 0, sizeof(r));
	if ((rc = options_parse(argc, argv, &r.opt)) != 0) {
		free(r.opt.args);
		return rc;
	}
	diags_init(&r.diags, stderr);
	for (c = 0; r.opt.command != NULL &&
	    c < sizeof(commands) / sizeof(commands[0]); c++)
		if (strcmp(r.opt.command, commands[c].name) == 0)
			break;
	if (r.opt.command == NULL)	/* everything is freed below */
		rc = usage_error("コマンドを指定してください");
	else if (c == sizeof(commands) / sizeof(commands[0]))
		rc = usage_error("不明なコマンドです");
	else
		rc = commands[c].run(&r);
	run_free(&r);
	if (stdout_failed(&r.diags))
		rc = EXIT_INPUT;
	diags_summary(&r.diags);
	diags_free(&r.diags);
	md_release();
	return rc;
}
