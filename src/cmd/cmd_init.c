/*
 * cmd_init.c: kitei init (a commented starter profile) and kitei
 * schema-doc (the profile reference), both written from the schema.
 */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"
#include "cmd/cmd.h"
#include "out/output.h"
#include "profile/profile.h"
#include "profile/schema.h"

int
cmd_init(struct run *r)
{
	struct buf out = {0}, path = {0};
	struct stat st;

	if (r->opt.input == NULL)
		return usage_error("会社の名前（ファイル名）を指定してください");
	if (strchr(r->opt.input, '/') || r->opt.input[0] == '.')
		return usage_error("名前にはフォルダを含めないでください");
	/* The name becomes the file name unless -o names the file. */
	if (r->opt.output == NULL && !profile_name_valid(r->opt.input))
		return usage_error("名前は英数字と . _ - だけで、英数字で始めて"
		    "ください");
	if (run_load_schema(r) != 0)
		return run_status(r);
	if (r->opt.output)
		buf_adds(&path, r->opt.output);
	else
		buf_addf(&path, "content/%s.yaml", r->opt.input);
	if (stat(path.p, &st) == 0) {
		fprintf(stderr, "kitei: %s はすでにあります（上書きしません）\n",
		    path.p);
		buf_free(&path);
		return EXIT_INPUT;
	}
	schema_write_starter(schema_root(r->schema), r->opt.input, &out);
	out_write_file(path.p, out.p, out.n, &r->diags);
	if (!diags_failed(&r->diags) && !r->opt.quiet)
		fprintf(stderr, "kitei: %s を作成しました\n", path.p);
	buf_free(&out);
	buf_free(&path);
	return run_status(r);
}

int
cmd_schema_doc(struct run *r)
{
	struct buf out = {0};

	if (run_load_schema(r) != 0)
		return run_status(r);
	schema_write_doc(schema_root(r->schema), &out);
	if (r->opt.output)
		out_write_file(r->opt.output, out.p, out.n, &r->diags);
	else
		fwrite(out.p, 1, out.n, stdout);
	buf_free(&out);
	return run_status(r);
}

