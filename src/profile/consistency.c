/*
 * consistency.c: contradictions between a profile's facts and the status
 * of its regulation chapters, and gaps in the organisation model.
 *
 * Errors are combinations that would make the documents send readers to
 * text that does not exist: the 組織的対策 chapter defines the roles every
 * other chapter assigns, so it cannot be left out.  Warnings are
 * judgements a consultant may make on purpose but should make knowingly:
 * an activity the organisation carries on (telework, its own development,
 * outsourcing) whose chapter is marked 作成不要, an incident chapter left
 * out, a status written for a chapter that its switch leaves out anyway,
 * and a micro business with nobody outside to check its work.
 */
#include <string.h>

#include "base/diag.h"
#include "base/util.h"
#include "profile/consistency.h"
#include "profile/profile.h"
#include "profile/schema.h"
#include "profile/value.h"

/* A chapter, the switch that leaves it out, and the activity it covers. */
static const struct {
	const char	*id, *name;
	enum pkey	 only_if;	/* off: the chapter is not written;
					   K__COUNT: no switch */
	enum pkey	 activity;	/* true: the chapter is needed */
	const char	*doing;		/* what the activity is, in a message */
} chapters[] = {
	{ "development", "システム開発及び保守", K_IN_HOUSE_DEV, K_IN_HOUSE_DEV,
	    "自社で情報システムを開発・保守する（business.in_house_development）" },
	{ "outsourcing", "委託管理", K__COUNT, K_OUTSOURCING,
	    "情報の取扱いを伴う業務を委託している（business.outsourcing）" },
	{ "telework", "テレワークにおける対策", K_TELEWORK, K_TELEWORK,
	    "テレワークを認めている（telework.enabled）" },
};

static int
is_true(const struct value *profile, enum pkey k)
{
	int b = 0;

	value_bool(profile_at(profile, k), &b);
	return b;
}

static const struct value *
status_of(const struct value *profile, const char *id)
{
	const struct value *ch = value_get(profile_at(profile,
	    K_REG_CHAPTERS), id, NULL);
	const struct value *st = profile_get(ch, K_CHAPTER_STATUS);

	return st != NULL && st->kind == V_STR ? st : NULL;
}

static int
omitted(const struct value *st)
{
	return st != NULL && strcmp(st->str, "作成不要") == 0;
}

static void
hint_at(struct diags *d, struct pos at, const char *what,
    const struct value *v)
{
	if (v != NULL && v->pos.file != NULL)
		diag(d, H_PROFILE_AT, at, what, v->pos.file, v->pos.line,
		    v->pos.col);
}

/*
 * The mark in the header must be one of the classes the documents define,
 * or readers meet a class name the class table never explains.
 */
static void
check_class_mark(const struct value *profile, struct diags *d)
{
	const struct value *mark = profile_at(profile, K_CLASSIFICATION);
	const struct value *classes = profile_at(profile, K_REG_CLASSES);
	struct buf names = {0};
	size_t i;

	if (mark == NULL || mark->kind != V_STR || classes == NULL ||
	    classes->kind != V_LIST)
		return;
	for (i = 0; i < classes->n; i++) {
		const struct value *nm = profile_get(classes->items[i],
		    K_CLASS_NAME);

		if (nm == NULL || nm->kind != V_STR)
			continue;
		if (strcmp(nm->str, mark->str) == 0) {
			buf_free(&names);
			return;
		}
		buf_addf(&names, "%s%s", names.n ? "、" : "", nm->str);
	}
	diag(d, W_CLASS_MARK, mark->pos, mark->str, names.p ? names.p : "");
	buf_free(&names);
}

void
profile_check_consistency(const struct value *profile, struct diags *d)
{
	check_class_mark(profile, d);
	const struct value *st;
	size_t i;

	st = status_of(profile, "organization");
	if (omitted(st)) {
		diag(d, E_CHAPTER_NEEDED, st->pos, "組織的対策",
		    "役割と責任を定める章で、ほかのすべての章が参照します");
		diag(d, H_CHAPTER_STATUS, st->pos);
	}
	st = status_of(profile, "incident");
	if (omitted(st))
		diag(d, W_CHAPTER_NEEDED, st->pos,
		    "どの組織にも事故への備えが必要な",
		    "情報セキュリティインシデント対応及び事業継続管理");
	for (i = 0; i < sizeof(chapters) / sizeof(chapters[0]); i++) {
		const struct value *act = profile_at(profile,
		    chapters[i].activity);

		st = status_of(profile, chapters[i].id);
		if (st == NULL)
			continue;
		if (is_true(profile, chapters[i].activity) && omitted(st)) {
			diag(d, W_CHAPTER_NEEDED, st->pos, chapters[i].doing,
			    chapters[i].name);
			hint_at(d, st->pos, pkey_path(chapters[i].activity),
			    act);
		}
		if (chapters[i].only_if != K__COUNT && !st->defaulted &&
		    !omitted(st) && !is_true(profile, chapters[i].only_if))
			diag(d, W_CHAPTER_IGNORED, st->pos,
			    pkey_path(chapters[i].only_if), chapters[i].name);
	}
	if (!is_true(profile, K_INTERNAL_AUDIT)) {
		const struct value *rv = profile_at(profile, K_REVIEWER);
		const struct value *ia = profile_at(profile, K_INTERNAL_AUDIT);

		if ((rv == NULL || rv->n == 0) && ia != NULL)
			diag(d, W_NO_REVIEWER, ia->pos);
	}
}
