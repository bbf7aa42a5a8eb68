/*
 * util.c: the small helpers of util.h.  No stage logic lives here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/diag.h"
#include "base/util.h"

/*
 * Out of memory is an error like any other to the caller of kitei: a
 * message and exit status 1, never abort()'s 134.  No output was
 * committed (a build interrupted while committing is finished by the
 * next one); unnamed temporary files vanish with the process.
 */
static void
die_oom(void)
{
	fprintf(stderr, "kitei: error: %s\n", diag_text(E_NOMEM));
	_exit(1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		die_oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		die_oom();
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		die_oom();
	return p;
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void
buf_grow(struct buf *b, size_t extra)
{
	if (b->n + extra + 1 <= b->cap)
		return;
	while (b->n + extra + 1 > b->cap)
		b->cap = b->cap ? b->cap * 2 : 64;
	b->p = xrealloc(b->p, b->cap);
}

void
buf_add(struct buf *b, const char *s, size_t n)
{
	buf_grow(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

void
buf_adds(struct buf *b, const char *s)
{
	buf_add(b, s, strlen(s));
}

void
buf_addc(struct buf *b, int c)
{
	char ch = (char)c;

	buf_add(b, &ch, 1);
}

void
buf_addf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	buf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)n;
}

void
buf_add_hex4(struct buf *b, uint32_t v)
{
	static const char digits[] = "0123456789ABCDEF";
	char h[4] = { digits[v >> 12 & 15], digits[v >> 8 & 15],
	    digits[v >> 4 & 15], digits[v & 15] };

	buf_add(b, h, 4);
}

void
buf_add_utf8(struct buf *b, uint32_t cp)
{
	char s[4];
	size_t n;

	if (cp < 0x80) {
		s[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		s[0] = (char)(0xC0 | (cp >> 6));
		s[1] = (char)(0x80 | (cp & 0x3F));
		n = 2;
	} else if (cp < 0x10000) {
		s[0] = (char)(0xE0 | (cp >> 12));
		s[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[2] = (char)(0x80 | (cp & 0x3F));
		n = 3;
	} else {
		s[0] = (char)(0xF0 | (cp >> 18));
		s[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
		s[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
		s[3] = (char)(0x80 | (cp & 0x3F));
		n = 4;
	}
	buf_add(b, s, n);
}

void
buf_free(struct buf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

char *
buf_take(struct buf *b)
{
	char *p = b->p;

	if (p == NULL)
		p = xstrdup("");
	b->p = NULL;
	b->n = b->cap = 0;
	return p;
}

/* Arena: a chain of blocks; big requests get a block of their own. */
struct arena_block {
	struct arena_block *next;
	size_t used, size;
	max_align_t data[];
};

struct arena {
	struct arena_block *head;
};

struct arena *
arena_new(void)
{
	return xcalloc(1, sizeof(struct arena));
}

void *
arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	size_t align = sizeof(max_align_t);
	void *p;

	n = (n + align - 1) / align * align;
	if (b == NULL || b->used + n > b->size) {
		size_t size = n > 32768 ? n : 32768;

		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

void
arena_free(struct arena *a)
{
	struct arena_block *b, *next;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = next) {
		next = b->next;
		free(b);
	}
	free(a);
}

/* Length of the valid UTF-8 sequence at s, or 0 when invalid. */
static size_t
utf8_seq(const unsigned char *s, size_t len, uint32_t *out)
{
	uint32_t cp;
	size_t n, k;

	if (s[0] < 0x80) {
		*out = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		cp = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		n = 3;
		cp = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		cp = s[0] & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	/* Reject overlong forms, surrogates and values past U+10FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
		return 0;
	*out = cp;
	return n;
}

uint32_t
utf8_next(const char *s, size_t len, size_t *i)
{
	uint32_t cp;
	size_t n = utf8_seq((const unsigned char *)s + *i, len - *i, &cp);

	if (n == 0) {
		(*i)++;
		return 0xFFFD;
	}
	*i += n;
	return cp;
}

size_t
utf8_valid_prefix(const char *s, size_t len)
{
	size_t i = 0, n;
	uint32_t cp;

	while (i < len) {
		n = utf8_seq((const unsigned char *)s + i, len - i, &cp);
		if (n == 0)
			break;
		i += n;
	}
	return i;
}

size_t
utf8_count(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

int
path_next(const char **p, char *key, size_t size)
{
	const char *dot;
	size_t n;

	if (**p == '\0')
		return 0;
	dot = strchr(*p, '.');
	n = dot ? (size_t)(dot - *p) : strlen(*p);
	if (n >= size)
		return -1;
	memcpy(key, *p, n);
	key[n] = '\0';
	*p += n + (dot != NULL);
	return 1;
}

const char *
errno_text(int err)
{
	switch (err) {
	case ENOENT:
		return "ファイルがありません";
	case EACCES:
	case EPERM:
		return "権限がありません";
	case EISDIR:
		return "ファイルではなくフォルダです";
	case ENOSPC:
		return "ディスクに空きがありません";
	case EFBIG:
		return "ファイルの大きさの上限を超えました";
	case EROFS:
		return "読み取り専用の場所です";
	case ENOTDIR:
		return "途中にフォルダでないものがあります";
	case EIO:
		return "入出力エラーが起きました";
	case EPIPE:
		return "読み手がパイプを閉じました";
	default:
		return strerror(err);
	}
}

char *
read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	struct buf b = {0};
	char chunk[65536];
	size_t n;
	int err;

	if (f == NULL)
		return NULL;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_add(&b, chunk, n);
	err = ferror(f);
	fclose(f);
	if (err) {
		buf_free(&b);
		errno = EIO;
		return NULL;
	}
	*len = b.n;
	return buf_take(&b);
}
