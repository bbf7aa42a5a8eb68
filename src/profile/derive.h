/*
 * derive.h: the derived-values stage.  After the profile is validated and
 * before templates and writers read it, a table of derivers computes the
 * values kitei owns (chapter numbers and states, and later scores, risk
 * values and due dates) and puts them into the resolved tree at the keys
 * the schema marks `derived: true`.  Templates and every writer read the
 * same values, so no two outputs can disagree; each derived value carries
 * the position of the input it came from, so a message about it still
 * points into the profile.
 */
#ifndef KITEI_DERIVE_H
#define KITEI_DERIVE_H

#include "base/diag.h"
#include "base/source.h"
#include "profile/keys.h"
#include "profile/value.h"

struct arena;
struct docset;
struct schema;

struct derive_opts {
	const struct docset	*registry;	/* chapters, documents */
	const char		*folder;	/* the company folder (CSV input) */
	enum encoding		 encoding;	/* of files read from it */
};

/* Runs every deriver on a resolved profile; 0, or -1 after reporting. */
int	derive_all(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);

/* Building derived values (for derivers). */
struct value *derive_str(struct arena *a, const char *s, struct pos pos);
struct value *derive_list(struct arena *a, size_t cap, struct pos pos);
/* An empty map described by s, with room for all its keys. */
struct value *derive_map(struct arena *a, const struct schema *s,
    struct pos pos);

/* The derivers of other files (derive.c runs them from its table). */
int	derive_org(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);
int	derive_assessment(struct value *root, struct arena *a,
	    const struct derive_opts *o, struct diags *d);
/*
 * Puts v at key of map m, whose schema has the key (derived keys have
 * room: the checker sizes maps by their schema).  Sets v's schema.
 */
void	derive_put(struct value *m, const char *key, struct value *v);
/* derive_put at k's last key (k a derived key of keys.h). */
void	derive_set(struct value *m, enum pkey k, struct value *v);

#endif
