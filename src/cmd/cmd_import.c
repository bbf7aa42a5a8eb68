/*
 * cmd_import.c: `kitei import-answers PROFILE CSV` reads the answers a
 * consultant collected in a spreadsheet (the workbook's 回答 sheet saved
 * as CSV, or any sheet with a No column and one column per respondent)
 * and prints the round as YAML to paste under self_assessment.rounds.
 * Respondents whose header is a person of the profile (id or name) become
 * `person:` references; others are named outsiders.  Nothing is written.
 */
#include <stdio.h>
#include <string.h>

#include "base/util.h"
#include "cmd/cmd.h"
#include "profile/answers_csv.h"
#include "profile/profile.h"
#include "profile/schema.h"

/* The id of the person called name (or with that id), or NULL. */
static const char *
person_id(const struct value *root, const char *name)
{
	const struct value *people = profile_at(root, K_PEOPLE);
	size_t i;

	for (i = 0; people != NULL && i < people->n; i++) {
		const struct value *id = profile_get(people->items[i],
		    K_PERSON_ID);
		const struct value *nm = profile_get(people->items[i],
		    K_PERSON_NAME);

		if ((id && strcmp(id->str, name) == 0) ||
		    (nm && strcmp(nm->str, name) == 0))
			return id ? id->str : NULL;
	}
	return NULL;
}

/* A YAML scalar that stays a string whatever the name holds. */
static void
quoted(struct buf *out, const char *s)
{
	buf_addc(out, '"');
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			buf_addc(out, '\\');
		buf_addc(out, *s);
	}
	buf_addc(out, '"');
}

int
cmd_import(struct run *r)
{
	struct csv_answers ca;
	struct arena *a;
	struct buf out = {0};
	size_t i, k;
	int rc;

	if (r->opt.docname == NULL)
		return usage_error("CSV ファイルを指定してください");
	if (run_load_profile(r) != 0)
		return run_status(r);
	a = arena_new();
	rc = answers_csv_read(r->opt.docname, r->opt.encoding, a, &ca,
	    &r->diags);
	if (rc == 0) {
		buf_adds(&out, "    - date: YYYY-MM-DD   # 実施日に書き換える\n"
		    "      respondents:\n");
		for (i = 0; i < ca.nresp; i++) {
			const char *id = person_id(r->profile->root,
			    ca.resp[i].name);

			if (id != NULL)
				buf_addf(&out, "        - person: %s\n", id);
			else {
				buf_adds(&out, "        - name: ");
				quoted(&out, ca.resp[i].name);
				buf_adds(&out, "\n");
			}
			buf_adds(&out, "          answers:\n");
			for (k = 0; k < ASSESS_ITEMS; k++)
				buf_addf(&out, "            %zu: %s\n", k + 1,
				    ca.resp[i].answers[k]);
		}
		rc = run_emit(r, out.p, out.n);
	}
	buf_free(&out);
	arena_free(a);
	return rc != 0 ? EXIT_INPUT : run_status(r);
}
