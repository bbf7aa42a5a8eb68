/*
 * util.h: memory, growable buffers, arenas and UTF-8 helpers used by every
 * stage.  Allocation failure aborts: kitei is a batch tool and has nothing
 * sensible to do without memory.
 */
#ifndef KITEI_UTIL_H
#define KITEI_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* A growable byte buffer, always NUL-terminated.  The owner frees p. */
struct buf {
	char	*p;
	size_t	 n;
	size_t	 cap;
};
void	buf_grow(struct buf *b, size_t extra);
void	buf_add(struct buf *b, const char *s, size_t n);
void	buf_adds(struct buf *b, const char *s);
void	buf_addc(struct buf *b, int c);
void	buf_addf(struct buf *b, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	buf_add_utf8(struct buf *b, uint32_t cp);
/* The low 16 bits of v as four capital hex digits (PDF codes). */
void	buf_add_hex4(struct buf *b, uint32_t v);
void	buf_free(struct buf *b);
char   *buf_take(struct buf *b);	/* hands p to the caller, resets b */

/* A growable array of fixed-size elements. */
#define VEC(T) struct { T *v; size_t n, cap; }
#define VEC_PUSH(a, x) do { \
	if ((a).n == (a).cap) { \
		(a).cap = (a).cap ? (a).cap * 2 : 8; \
		(a).v = xrealloc((a).v, (a).cap * sizeof(*(a).v)); \
	} \
	(a).v[(a).n++] = (x); \
} while (0)
#define VEC_FREE(a) do { free((a).v); (a).v = NULL; (a).n = (a).cap = 0; } while (0)

/*
 * An arena: many small allocations freed at once.  Profiles, schemas and
 * template trees live in arenas owned by the run context.
 */
struct arena;
struct arena *arena_new(void);
void	     *arena_alloc(struct arena *a, size_t n);	/* zeroed */
char	     *arena_strdup(struct arena *a, const char *s);
char	     *arena_strndup(struct arena *a, const char *s, size_t n);
void	      arena_free(struct arena *a);

/*
 * Decodes one UTF-8 character at s[*i] (s has len bytes), advances *i.
 * Returns U+FFFD for an invalid sequence (advancing one byte).
 */
uint32_t utf8_next(const char *s, size_t len, size_t *i);
/* Length in bytes of a valid UTF-8 prefix of s; == len when all valid. */
size_t	 utf8_valid_prefix(const char *s, size_t len);
/* Number of characters in s[0..n). */
size_t	 utf8_count(const char *s, size_t n);

/*
 * Reads the next segment of a dotted path ("it.password.min_length") into
 * key and advances *p.  Returns 1 for a segment, 0 at the end, -1 when a
 * segment does not fit in size bytes.
 */
int	path_next(const char **p, char *key, size_t size);

/* errno in Japanese for the common file errors; strerror otherwise. */
const char *errno_text(int err);

/* Reads a whole file; NULL with errno set on failure.  Caller frees. */
char	*read_file(const char *path, size_t *len);

#endif
