/*
 * source.h: the first stage.  Reads an input file (profile, template or
 * company Markdown), checks or converts its encoding to UTF-8 and answers
 * "which line and column is this byte" for every later stage.
 */
#ifndef KITEI_SOURCE_H
#define KITEI_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

#include "base/diag.h"

enum encoding { ENC_AUTO, ENC_UTF8, ENC_CP932, ENC_EUCJP };

struct source {
	char	*path;	/* as named on the command line or by an include */
	char	*text;	/* UTF-8 without BOM, NUL-terminated */
	size_t	 len;
};

/* Largest input file accepted, in bytes (documented in docs/limits.md). */
#define SOURCE_MAX_BYTES ((size_t)4 << 20)

/*
 * Loads path into src.  ENC_AUTO accepts UTF-8 (with or without BOM) and
 * falls back to CP932 with a warning when the bytes are not UTF-8 but are
 * clean CP932.  Returns 0, or -1 after reporting an error; src is then
 * empty.  The caller frees with source_free().
 */
int		source_load(struct source *src, const char *path,
		    enum encoding enc, struct diags *d);
/*
 * Like source_load, for a file already open at fd (opened by
 * source_open, or with openat and O_NOFOLLOW); closes fd.  path is the
 * name messages use.
 */
int		source_load_fd(struct source *src, int fd, const char *path,
		    enum encoding enc, struct diags *d);
/* Opens path for source_load_fd without waiting on a FIFO; fd or -1. */
int		source_open(const char *path);
/*
 * The first control character in s (C0 other than tab, LF and CR; DEL;
 * C1), with its byte offset in *at; -1 when there is none.
 */
int		source_control_char(const char *s, size_t len, size_t *at);
/* What a file that is not a regular file is: "フォルダです", … */
const char	*source_file_kind(mode_t mode);
/* Wraps text already in memory (tests, generated input). Copies both. */
void		source_from_text(struct source *src, const char *path,
		    const char *text, size_t len);
void		source_free(struct source *src);
/* The line and character column of byte offset in src->text. */
struct pos	source_pos(const struct source *src, size_t offset);
/* Parses an --input-encoding name; -1 when unknown. */
int		encoding_parse(const char *name, enum encoding *out);

#endif
