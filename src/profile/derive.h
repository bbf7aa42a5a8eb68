/*
 * derive.h: defaults that depend on other keys.  The schema's defaults are
 * fixed values; what an organisation calls itself, its head's title and
 * whether it has a committee, internal audit, 就業規則 or servers follow
 * from its legal form and its size.  profile_derive() fills those keys of a
 * resolved profile that the author left out.
 */
#ifndef KITEI_DERIVE_H
#define KITEI_DERIVE_H

struct arena;
struct value;

/*
 * Fills the derived keys of a resolved profile (schema_check's result)
 * that the profile does not set.  A filled value is marked defaulted and
 * carries the position of the key it was derived from (company.employees
 * or company.form), so that messages about it point there.  New values
 * live in a.
 */
void	profile_derive(struct value *profile, struct arena *a);
/* Marks 作成不要 the chapters whose business switch is off. */
void	profile_derive_chapters(struct value *profile, struct arena *a);

#endif
