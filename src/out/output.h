/*
 * output.h: the only stage that creates files under the output folder.
 * A build's files are written to temporary files in the target folder and
 * renamed into place only when every one of them was written, so a failed
 * or killed build leaves the previous files as they were.
 */
#ifndef KITEI_OUTPUT_H
#define KITEI_OUTPUT_H

#include <stddef.h>

#include "base/diag.h"

struct outset;

/*
 * Starts a set of files in dir (created if missing, with its parents):
 * waits until no other build holds dir, then finishes whatever a killed
 * earlier build left there (the old set or the new, never a mix).
 * SIGTERM, SIGINT and SIGHUP are held back until the set is committed or
 * abandoned.  NULL on error.
 */
struct outset	*out_begin(const char *dir, struct diags *d);
/* Writes name (a plain file name) to a temporary file; 0 or -1. */
int		 out_add(struct outset *o, const char *name, const char *data,
		    size_t len);
/*
 * Adds a file outside the folder (path: any file name, such as the
 * --deps file) to the set: written now, renamed into place with the set,
 * after the folder's files; 0 or -1.
 */
int		 out_add_path(struct outset *o, const char *path,
		    const char *data, size_t len);
/*
 * For a library that writes its own file (libxlsxwriter 1.1.4 writes only
 * to a path): a temporary path in the target folder that is renamed to
 * name with the rest at out_commit(), or removed by out_abort().  The
 * caller writes the whole file there before committing.  NULL after
 * reporting an error.  The path belongs to o.
 */
const char	*out_reserve(struct outset *o, const char *name);
/*
 * Replaces the old set with the new one: every target is checked first
 * (a folder, FIFO, device or link in a file's place is an error), and a
 * failure at any step puts the old set back.  0 or -1.  Frees o.
 */
int		 out_commit(struct outset *o);
/* Removes the temporary files; frees o. */
void		 out_abort(struct outset *o);
/*
 * Writes one file at path atomically (temporary file + rename).  A path
 * that exists and is not a regular file (a device such as /dev/full, a
 * FIFO, a folder, a link such as /dev/stdout) is an error, never
 * replaced.
 */
int		 out_write_file(const char *path, const char *data, size_t len,
		    struct diags *d);

#endif
