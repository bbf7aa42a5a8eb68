/*
 * output.c: atomic file output.  Each file is first written to an unnamed
 * O_TMPFILE in the target folder, which the kernel reclaims if kitei is
 * killed.  Only when every file is written does out_commit() give each a
 * name (".kitei-NAME.PID") and rename it over the old file: a rename within
 * one folder is atomic.  A kill inside that short loop can leave one named
 * temporary file, which the next build's out_begin() removes.  Where the
 * file system has no O_TMPFILE, a named temporary file is used throughout.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out/output.h"
#include "base/util.h"

#define TMP_PREFIX ".kitei-"

struct pending {
	int	 fd;		/* unnamed file, or -1 once named */
	char	*tmp;		/* its name, once it has one */
	char	*final;
};

struct outset {
	char		*dir;
	struct diags	*diags;
	VEC(struct pending) files;
};

static int
mkdir_p(const char *dir)
{
	char *p = xstrdup(dir), *s;
	int rc = 0;

	for (s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST)
			rc = -1;
		*s = '/';
	}
	if (mkdir(p, 0777) != 0 && errno != EEXIST)
		rc = -1;
	free(p);
	return rc;
}

static void
remove_stale(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *de;
	struct buf path = {0};

	if (dp == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		if (strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX)) != 0)
			continue;
		path.n = 0;
		buf_addf(&path, "%s/%s", dir, de->d_name);
		unlink(path.p);
	}
	closedir(dp);
	buf_free(&path);
}

struct outset *
out_begin(const char *dir, struct diags *d)
{
	struct outset *o;
	struct stat st;

	if (mkdir_p(dir) != 0 || stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		diag(d, E_OUTPUT, (struct pos){ dir, 0, 0 }, dir,
		    errno_text(errno ? errno : ENOTDIR));
		return NULL;
	}
	remove_stale(dir);
	o = xcalloc(1, sizeof(*o));
	o->dir = xstrdup(dir);
	o->diags = d;
	return o;
}

static int
write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;
	ssize_t n;

	while (done < len) {
		n = write(fd, data + done, len - done);
		if (n <= 0) {
			if (n == 0)
				errno = ENOSPC;
			return -1;
		}
		done += (size_t)n;
	}
	return 0;
}

/* The mode a plain creat() would give: the files are read by others. */
static void
set_mode(int fd)
{
	mode_t mask = umask(0);

	umask(mask);
	fchmod(fd, 0666 & ~mask);
}

/*
 * Writes data to an unnamed file in dir; its descriptor, or -1 when the
 * file system cannot make one (errno EOPNOTSUPP/EISDIR/EINVAL) or the
 * write failed (reported).
 */
static int
write_unnamed(const char *dir, const char *data, size_t len, struct diags *d,
    const char *final, int *unsupported)
{
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);

	*unsupported = 0;
	if (fd < 0) {
		*unsupported = 1;
		return -1;
	}
	if (write_all(fd, data, len) != 0) {
		diag(d, E_OUTPUT, (struct pos){ final, 0, 0 }, final,
		    errno_text(errno));
		close(fd);
		return -1;
	}
	set_mode(fd);
	return fd;
}

/* Writes data to a new named temporary file in dir; its name, or NULL. */
static char *
write_temp(const char *dir, const char *name, const char *data, size_t len,
    struct diags *d, const char *final)
{
	struct buf tmp = {0};
	int fd;

	buf_addf(&tmp, "%s/" TMP_PREFIX "%s.XXXXXX", dir, name);
	if ((fd = mkstemp(tmp.p)) < 0 || write_all(fd, data, len) != 0) {
		diag(d, E_OUTPUT, (struct pos){ final, 0, 0 }, final,
		    errno_text(errno));
		if (fd >= 0) {
			close(fd);
			unlink(tmp.p);
		}
		buf_free(&tmp);
		return NULL;
	}
	set_mode(fd);
	if (close(fd) != 0) {
		diag(d, E_OUTPUT, (struct pos){ final, 0, 0 }, final,
		    errno_text(errno));
		unlink(tmp.p);
		buf_free(&tmp);
		return NULL;
	}
	return buf_take(&tmp);
}

/* Gives an unnamed file a temporary name in dir; 0 or -1. */
static int
name_unnamed(struct pending *p, const char *dir, const char *name)
{
	struct buf tmp = {0}, proc = {0};
	int rc;

	buf_addf(&tmp, "%s/" TMP_PREFIX "%s.%ld", dir, name, (long)getpid());
	buf_addf(&proc, "/proc/self/fd/%d", p->fd);
	unlink(tmp.p);
	rc = linkat(AT_FDCWD, proc.p, AT_FDCWD, tmp.p, AT_SYMLINK_FOLLOW);
	buf_free(&proc);
	close(p->fd);
	p->fd = -1;
	if (rc != 0) {
		buf_free(&tmp);
		return -1;
	}
	p->tmp = buf_take(&tmp);
	return 0;
}

int
out_add(struct outset *o, const char *name, const char *data, size_t len)
{
	struct pending p = { -1, NULL, NULL };
	struct buf final = {0};
	int unsupported;

	if (strchr(name, '/') != NULL || name[0] == '.' || name[0] == '\0')
		abort();	/* names come from kitei, never from input */
	buf_addf(&final, "%s/%s", o->dir, name);
	p.fd = write_unnamed(o->dir, data, len, o->diags, final.p,
	    &unsupported);
	if (p.fd < 0 && unsupported)
		p.tmp = write_temp(o->dir, name, data, len, o->diags, final.p);
	if (p.fd < 0 && p.tmp == NULL) {
		buf_free(&final);
		return -1;
	}
	p.final = buf_take(&final);
	VEC_PUSH(o->files, p);
	return 0;
}

const char *
out_reserve(struct outset *o, const char *name)
{
	struct pending p = { -1, NULL, NULL };
	struct buf tmp = {0}, final = {0};
	int fd;

	if (strchr(name, '/') != NULL || name[0] == '.' || name[0] == '\0')
		abort();	/* names come from kitei, never from input */
	buf_addf(&final, "%s/%s", o->dir, name);
	buf_addf(&tmp, "%s/" TMP_PREFIX "%s.XXXXXX", o->dir, name);
	if ((fd = mkstemp(tmp.p)) < 0) {
		diag(o->diags, E_OUTPUT, (struct pos){ final.p, 0, 0 },
		    final.p, errno_text(errno));
		buf_free(&tmp);
		buf_free(&final);
		return NULL;
	}
	set_mode(fd);
	close(fd);
	p.tmp = buf_take(&tmp);
	p.final = buf_take(&final);
	VEC_PUSH(o->files, p);
	return p.tmp;
}

static void
out_free(struct outset *o)
{
	size_t i;

	for (i = 0; i < o->files.n; i++) {
		if (o->files.v[i].fd >= 0)
			close(o->files.v[i].fd);
		free(o->files.v[i].tmp);
		free(o->files.v[i].final);
	}
	VEC_FREE(o->files);
	free(o->dir);
	free(o);
}

int
out_commit(struct outset *o)
{
	size_t i;
	int rc = 0;

	/* Name every file first, so the renames follow each other closely. */
	for (i = 0; i < o->files.n; i++) {
		struct pending *p = &o->files.v[i];
		const char *base = strrchr(p->final, '/') + 1;

		if (p->fd >= 0 && name_unnamed(p, o->dir, base) != 0) {
			diag(o->diags, E_OUTPUT, (struct pos){ p->final, 0, 0 },
			    p->final, errno_text(errno));
			rc = -1;
		}
	}
	for (i = 0; rc == 0 && i < o->files.n; i++)
		if (rename(o->files.v[i].tmp, o->files.v[i].final) != 0) {
			diag(o->diags, E_OUTPUT,
			    (struct pos){ o->files.v[i].final, 0, 0 },
			    o->files.v[i].final, errno_text(errno));
			rc = -1;
		}
	for (i = 0; rc != 0 && i < o->files.n; i++)
		if (o->files.v[i].tmp != NULL)
			unlink(o->files.v[i].tmp);
	out_free(o);
	return rc;
}

void
out_abort(struct outset *o)
{
	size_t i;

	if (o == NULL)
		return;
	for (i = 0; i < o->files.n; i++)
		if (o->files.v[i].tmp != NULL)
			unlink(o->files.v[i].tmp);
	out_free(o);
}

int
out_write_file(const char *path, const char *data, size_t len,
    struct diags *d)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/'), *tmp;
	const char *name = slash ? slash + 1 : path;
	int rc = 0;

	if (slash != NULL)
		*slash = '\0';
	else
		strcpy(dir, ".");
	tmp = write_temp(dir, name, data, len, d, path);
	if (tmp == NULL)
		rc = -1;
	else if (rename(tmp, path) != 0) {
		diag(d, E_OUTPUT, (struct pos){ path, 0, 0 }, path,
		    errno_text(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	free(dir);
	return rc;
}
