/*
 * output.c: atomic file output.  Temporary files are named
 * ".kitei-NAME.XXXXXX" in the target folder (a rename within one folder is
 * atomic); out_begin() deletes any such file left by a build that was
 * killed, so none survives the next build.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "util.h"

#define TMP_PREFIX ".kitei-"

struct pending {
	char	*tmp;
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
		    strerror(errno ? errno : ENOTDIR));
		return NULL;
	}
	remove_stale(dir);
	o = xcalloc(1, sizeof(*o));
	o->dir = xstrdup(dir);
	o->diags = d;
	return o;
}

/* Writes data to a new temporary file beside final; its name, or NULL. */
static char *
write_temp(const char *dir, const char *name, const char *data, size_t len,
    struct diags *d, const char *final)
{
	struct buf tmp = {0};
	size_t done = 0;
	ssize_t n;
	int fd;

	buf_addf(&tmp, "%s/" TMP_PREFIX "%s.XXXXXX", dir, name);
	if ((fd = mkstemp(tmp.p)) < 0) {
		diag(d, E_OUTPUT, (struct pos){ final, 0, 0 }, final,
		    strerror(errno));
		buf_free(&tmp);
		return NULL;
	}
	while (done < len) {
		n = write(fd, data + done, len - done);
		if (n <= 0) {
			diag(d, E_OUTPUT, (struct pos){ final, 0, 0 }, final,
			    strerror(n < 0 ? errno : ENOSPC));
			close(fd);
			unlink(tmp.p);
			buf_free(&tmp);
			return NULL;
		}
		done += (size_t)n;
	}
	/* Files are read by others: the mode a plain creat() would give. */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	if (close(fd) != 0) {
		diag(d, E_OUTPUT, (struct pos){ final, 0, 0 }, final,
		    strerror(errno));
		unlink(tmp.p);
		buf_free(&tmp);
		return NULL;
	}
	return buf_take(&tmp);
}

int
out_add(struct outset *o, const char *name, const char *data, size_t len)
{
	struct pending p;
	struct buf final = {0};

	if (strchr(name, '/') != NULL || name[0] == '.' || name[0] == '\0')
		abort();	/* names come from kitei, never from input */
	buf_addf(&final, "%s/%s", o->dir, name);
	p.tmp = write_temp(o->dir, name, data, len, o->diags, final.p);
	if (p.tmp == NULL) {
		buf_free(&final);
		return -1;
	}
	p.final = buf_take(&final);
	VEC_PUSH(o->files, p);
	return 0;
}

static void
out_free(struct outset *o)
{
	size_t i;

	for (i = 0; i < o->files.n; i++) {
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

	for (i = 0; i < o->files.n; i++)
		if (rename(o->files.v[i].tmp, o->files.v[i].final) != 0) {
			diag(o->diags, E_OUTPUT,
			    (struct pos){ o->files.v[i].final, 0, 0 },
			    o->files.v[i].final, strerror(errno));
			unlink(o->files.v[i].tmp);
			rc = -1;
		}
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
		    strerror(errno));
		unlink(tmp);
		rc = -1;
	}
	free(tmp);
	free(dir);
	return rc;
}
