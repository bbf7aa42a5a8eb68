/*
 * strmap.c: open addressing with linear probing, FNV-1a hashes, grown to
 * keep the table at most half full, so every operation is constant time
 * on average.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/strmap.h"
#include "base/util.h"

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

/* The slot that holds key, or the empty slot where it would go. */
static struct strmap_slot *
find(const struct strmap *m, const char *key)
{
	size_t i = (size_t)hash(key) & (m->cap - 1);

	while (m->slots[i].key != NULL && strcmp(m->slots[i].key, key) != 0)
		i = (i + 1) & (m->cap - 1);
	return &m->slots[i];
}

static void
grow(struct strmap *m)
{
	struct strmap old = *m;
	size_t i;

	m->cap = old.cap ? old.cap * 2 : 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < old.cap; i++)
		if (old.slots[i].key != NULL)
			*find(m, old.slots[i].key) = old.slots[i];
	free(old.slots);
}

int
strmap_put(struct strmap *m, const char *key, size_t val, size_t *old)
{
	struct strmap_slot *s;

	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	s = find(m, key);
	if (s->key != NULL) {
		if (old != NULL)
			*old = s->val;
		return 1;
	}
	s->key = key;
	s->val = val;
	m->n++;
	return 0;
}

int
strmap_get(const struct strmap *m, const char *key, size_t *val)
{
	const struct strmap_slot *s;

	if (m->cap == 0)
		return 0;
	s = find(m, key);
	if (s->key == NULL)
		return 0;
	*val = s->val;
	return 1;
}

void
strmap_free(struct strmap *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}
