/*
 * consistency.h: checks between keys that the schema's per-key rules
 * (required_when, only_when) cannot express: a profile whose facts and
 * chapter statuses contradict each other.
 */
#ifndef KITEI_CONSISTENCY_H
#define KITEI_CONSISTENCY_H

struct diags;
struct value;

/* Reports every contradiction of a resolved, derived profile. */
void	profile_check_consistency(const struct value *profile,
	    struct diags *d);

#endif
