/*
 * output.c: atomic file output.  Each file of a set is first written to
 * an unnamed O_TMPFILE in the target folder, which the kernel reclaims if
 * kitei is killed.  Only when every file is written does out_commit()
 * replace the old set, in steps that can all be undone:
 *
 *   1. every file gets a temporary name (".kitei-new-NAME");
 *   2. every target is checked: it must be absent or a regular file (a
 *      folder named index.html, a FIFO or a device is never replaced);
 *   3. every old file gets a second name (".kitei-keep-NAME", a hard
 *      link), or a marker ".kitei-none-NAME" says there was none;
 *   4. the new files are renamed over the old ones, and files outside
 *      the folder (the --deps file) last;
 *   5. ".kitei-done" is created, then the old names are removed.
 *
 * A failure in steps 1-4 puts every old file back, so the folder holds
 * the previous set; after step 5 it holds the new one.  A build killed
 * (SIGKILL, power loss) in the middle leaves these names behind, and the
 * next build into the folder finishes the job before it starts: without
 * ".kitei-done" it puts the old set back, with it it keeps the new one.
 *
 * Builds into the same folder take turns: out_begin() waits for an
 * exclusive flock() on the folder, held until the set is committed or
 * abandoned.  While a set holds named files on disk, SIGTERM, SIGINT
 * and SIGHUP are held back; they take effect once the set is committed
 * or removed, so they never leave temporary files behind.
 *
 * KITEI_FAIL_AT=STEP[:N[:kill]] (a test hook, docs/limits.md) makes the
 * Nth (default first) attempt of STEP fail as if the disk had failed, or
 * kills kitei there with SIGKILL; STEP is one of begin, write, name,
 * check, keep, rename, done, file.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "out/output.h"
#include "base/source.h"
#include "base/util.h"

#define TMP_PREFIX	".kitei-"
#define NEW_PREFIX	".kitei-new-"
#define KEEP_PREFIX	".kitei-keep-"
#define NONE_PREFIX	".kitei-none-"
#define DONE_NAME	".kitei-done"

struct pending {
	int	 fd;		/* unnamed file, or -1 once named */
	char	*tmp;		/* its name, once it has one */
	char	*final;
	int	 outside;	/* a file outside the folder (out_add_path) */
	char	*dir;		/* outside: its folder */
	char	*name;		/* its name in its folder */
	int	 had_old;	/* an old file was kept (".kitei-keep-") */
	int	 marked;	/* a ".kitei-keep-" or "-none-" name exists */
	int	 renamed;
	char	*reserved;	/* out_reserve: the full path handed out */
};

struct outset {
	char		*dir;
	int		 dirfd;		/* the folder, locked */
	struct diags	*diags;
	sigset_t	 oldmask;	/* signals as they were before */
	int		 new_kept;	/* recovery kept a killed build's set */
	VEC(struct pending) files;
};

/* ---- the failure-injection test hook ---- */

/*
 * Whether step should fail now (KITEI_FAIL_AT=STEP[:N]); sets errno to
 * EIO when it should.  Without the variable this is one getenv.
 */
static int
fail_at(const char *step)
{
	static int count;
	const char *want = getenv("KITEI_FAIL_AT"), *colon;
	size_t len;
	int n = 1;

	if (want == NULL)
		return 0;
	colon = strchr(want, ':');
	len = colon ? (size_t)(colon - want) : strlen(want);
	if (strlen(step) != len || strncmp(step, want, len) != 0)
		return 0;
	if (colon != NULL)
		n = atoi(colon + 1);
	if (++count != n)
		return 0;
	/* STEP:N:kill dies there instead, as a power cut would. */
	if (colon != NULL && strstr(colon, ":kill") != NULL)
		raise(SIGKILL);
	errno = EIO;
	return 1;
}

/* ---- signals ---- */

static void
hold_signals(sigset_t *old)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigprocmask(SIG_BLOCK, &set, old);
}

static void
release_signals(const sigset_t *old)
{
	sigprocmask(SIG_SETMASK, old, NULL);
}

/* ---- the folder ---- */

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

static int
has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/*
 * Finishes what a killed build left in the folder (see the top of the
 * file): the old set comes back unless the new one was complete, and
 * every temporary name goes.  Runs under the folder's lock.
 */
static int
recover(int dirfd)
{
	DIR *dp;
	struct dirent *de;
	VEC(char *) names = {0};
	int fd = dup(dirfd), done;
	size_t i;

	if (fd < 0 || (dp = fdopendir(fd)) == NULL) {
		if (fd >= 0)
			close(fd);
		return 1;
	}
	while ((de = readdir(dp)) != NULL)
		if (has_prefix(de->d_name, TMP_PREFIX))
			VEC_PUSH(names, xstrdup(de->d_name));
	closedir(dp);
	done = faccessat(dirfd, DONE_NAME, F_OK, AT_SYMLINK_NOFOLLOW) == 0;
	for (i = 0; i < names.n && !done; i++) {
		const char *n = names.v[i];

		if (has_prefix(n, KEEP_PREFIX))
			renameat(dirfd, n, dirfd, n + strlen(KEEP_PREFIX));
		else if (has_prefix(n, NONE_PREFIX))
			unlinkat(dirfd, n + strlen(NONE_PREFIX), 0);
	}
	for (i = 0; i < names.n; i++) {
		if (strcmp(names.v[i], DONE_NAME) != 0)
			unlinkat(dirfd, names.v[i], 0);
		free(names.v[i]);
	}
	unlinkat(dirfd, DONE_NAME, 0);
	VEC_FREE(names);
	return done;
}

/*
 * A file outside the folder kept by a killed build (".kitei-keep-NAME"
 * or "-none-" beside it) follows the folder: back if the folder's old
 * set came back, else removed.
 */
static void
recover_outside(struct outset *o, int dirfd, const char *base)
{
	struct buf keep = {0}, none = {0};

	buf_addf(&keep, KEEP_PREFIX "%s", base);
	buf_addf(&none, NONE_PREFIX "%s", base);
	if (!o->new_kept) {
		renameat(dirfd, keep.p, dirfd, base);
		if (faccessat(dirfd, none.p, F_OK, AT_SYMLINK_NOFOLLOW) == 0)
			unlinkat(dirfd, base, 0);
	}
	unlinkat(dirfd, keep.p, 0);
	unlinkat(dirfd, none.p, 0);
	buf_free(&keep);
	buf_free(&none);
}

struct outset *
out_begin(const char *dir, struct diags *d)
{
	struct outset *o;
	int fd = -1;

	errno = 0;
	if (fail_at("begin") || mkdir_p(dir) != 0 ||
	    (fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0) {
		diag(d, E_OUTPUT, (struct pos){ dir, 0, 0 }, dir,
		    errno_text(errno ? errno : ENOTDIR));
		return NULL;
	}
	/* Another build into this folder: wait for it to finish. */
	while (flock(fd, LOCK_EX) != 0) {
		if (errno == EINTR)
			continue;
		if (errno == ENOLCK || errno == EOPNOTSUPP)
			break;	/* no locks on this file system: go on */
		diag(d, E_OUTPUT, (struct pos){ dir, 0, 0 }, dir,
		    errno_text(errno));
		close(fd);
		return NULL;
	}
	o = xcalloc(1, sizeof(*o));
	hold_signals(&o->oldmask);
	o->new_kept = recover(fd);
	o->dir = xstrdup(dir);
	o->dirfd = fd;
	o->diags = d;
	return o;
}

/* ---- writing ---- */

static int
write_all(int fd, const char *data, size_t len)
{
	size_t done = 0;
	ssize_t n;

	if (fail_at("write"))
		return -1;
	while (done < len) {
		n = write(fd, data + done, len - done);
		if (n < 0 && errno == EINTR)
			continue;
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
 * Writes data to an unnamed file in the folder dirfd; its descriptor, or
 * -1 when the file system cannot make one (*unsupported) or the write
 * failed (reported).
 */
static int
write_unnamed(int dirfd, const char *data, size_t len, struct diags *d,
    const char *final, int *unsupported)
{
	int fd = openat(dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);

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

/*
 * Writes data to a new named file tmp (relative to dirfd), replacing a
 * leftover of that name; 0, or -1 after reporting.
 */
static int
write_named(int dirfd, const char *tmp, const char *data, size_t len,
    struct diags *d, const char *final)
{
	int fd;

	unlinkat(dirfd, tmp, 0);
	fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC |
	    O_NOFOLLOW, 0666);
	if (fd < 0 || write_all(fd, data, len) != 0) {
		diag(d, E_OUTPUT, (struct pos){ final, 0, 0 }, final,
		    errno_text(errno));
		if (fd >= 0) {
			close(fd);
			unlinkat(dirfd, tmp, 0);
		}
		return -1;
	}
	if (close(fd) != 0) {
		diag(d, E_OUTPUT, (struct pos){ final, 0, 0 }, final,
		    errno_text(errno));
		unlinkat(dirfd, tmp, 0);
		return -1;
	}
	return 0;
}

/* Gives an unnamed file its temporary name p->tmp in dirfd; 0 or -1. */
static int
name_unnamed(struct pending *p, int dirfd)
{
	char proc[64];
	int rc;

	snprintf(proc, sizeof(proc), "/proc/self/fd/%d", p->fd);
	unlinkat(dirfd, p->tmp, 0);
	rc = fail_at("name") ? -1 :
	    linkat(AT_FDCWD, proc, dirfd, p->tmp, AT_SYMLINK_FOLLOW);
	close(p->fd);
	p->fd = -1;
	return rc;
}

/* Adds a file (written, unnamed or named) to the set; 0 or -1. */
static int
add_file(struct outset *o, struct pending *p, int dirfd, const char *data,
    size_t len)
{
	int unsupported;

	p->fd = write_unnamed(dirfd, data, len, o->diags, p->final,
	    &unsupported);
	if (p->fd < 0 && !unsupported)
		return -1;
	if (p->fd < 0 && write_named(dirfd, p->tmp, data, len, o->diags,
	    p->final) != 0)
		return -1;
	VEC_PUSH(o->files, *p);
	return 0;
}

int
out_add(struct outset *o, const char *name, const char *data, size_t len)
{
	struct pending p;
	struct buf final = {0}, tmp = {0};

	if (strchr(name, '/') != NULL || name[0] == '.' || name[0] == '\0')
		abort();	/* names come from kitei, never from input */
	memset(&p, 0, sizeof(p));
	buf_addf(&final, "%s/%s", o->dir, name);
	buf_addf(&tmp, NEW_PREFIX "%s", name);
	p.final = buf_take(&final);
	p.tmp = buf_take(&tmp);
	p.name = xstrdup(name);
	if (add_file(o, &p, o->dirfd, data, len) != 0) {
		free(p.final);
		free(p.tmp);
		free(p.name);
		return -1;
	}
	return 0;
}

const char *
out_reserve(struct outset *o, const char *name)
{
	struct pending p;
	struct buf final = {0}, tmp = {0}, path = {0};

	if (strchr(name, '/') != NULL || name[0] == '.' || name[0] == '\0')
		abort();	/* names come from kitei, never from input */
	memset(&p, 0, sizeof(p));
	p.fd = -1;
	buf_addf(&final, "%s/%s", o->dir, name);
	buf_addf(&tmp, NEW_PREFIX "%s", name);
	buf_addf(&path, "%s/" NEW_PREFIX "%s", o->dir, name);
	p.final = buf_take(&final);
	p.tmp = buf_take(&tmp);
	p.name = xstrdup(name);
	p.reserved = buf_take(&path);
	/* An empty named file now: the library writes it before commit. */
	if (write_named(o->dirfd, p.tmp, "", 0, o->diags, p.final) != 0) {
		free(p.final);
		free(p.tmp);
		free(p.name);
		free(p.reserved);
		return NULL;
	}
	VEC_PUSH(o->files, p);
	return o->files.v[o->files.n - 1].reserved;
}

/* dir and base name of path, for a file outside the folder. */
static void
split_path(const char *path, char **dir, const char **base)
{
	const char *slash = strrchr(path, '/');

	if (slash == NULL) {
		*dir = xstrdup(".");
		*base = path;
	} else if (slash == path) {
		*dir = xstrdup("/");
		*base = slash + 1;
	} else {
		*dir = xstrndup(path, (size_t)(slash - path));
		*base = slash + 1;
	}
}

int
out_add_path(struct outset *o, const char *path, const char *data,
    size_t len)
{
	struct pending p;
	struct buf tmp = {0};
	const char *base;
	int dirfd, rc;

	memset(&p, 0, sizeof(p));
	p.outside = 1;
	split_path(path, &p.dir, &base);
	buf_addf(&tmp, TMP_PREFIX "%s.%ld", base, (long)getpid());
	p.tmp = buf_take(&tmp);
	p.final = xstrdup(path);
	p.name = xstrdup(base);
	dirfd = open(p.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dirfd < 0) {
		diag(o->diags, E_OUTPUT, (struct pos){ path, 0, 0 }, path,
		    errno_text(errno));
		rc = -1;
	} else {
		recover_outside(o, dirfd, base);
		rc = add_file(o, &p, dirfd, data, len);
		close(dirfd);
	}
	if (rc != 0) {
		free(p.dir);
		free(p.tmp);
		free(p.final);
		free(p.name);
	}
	return rc;
}

/* ---- committing ---- */

/* The folder of p as a descriptor (the set's, or p's own); -1. */
static int
file_dir(const struct outset *o, const struct pending *p)
{
	return p->outside ? open(p->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) :
	    o->dirfd;
}

static void
close_dir(const struct outset *o, int fd)
{
	if (fd >= 0 && fd != o->dirfd)
		close(fd);
}


/*
 * Whether the target of p may be replaced: absent, or a regular file.
 * Reports a folder, link, FIFO, device or socket in its place.
 */
static int
check_target(struct outset *o, const struct pending *p, int dirfd)
{
	struct stat st;

	if (fail_at("check"))
		goto failed;
	if (fstatat(dirfd, p->name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		if (errno == ENOENT)
			return 0;
		goto failed;
	}
	if (S_ISREG(st.st_mode))
		return 0;
	diag(o->diags, E_OUTPUT_NOT_FILE, (struct pos){ p->final, 0, 0 },
	    S_ISLNK(st.st_mode) ? "シンボリックリンクです" :
	    source_file_kind(st.st_mode));
	return -1;
failed:
	diag(o->diags, E_OUTPUT, (struct pos){ p->final, 0, 0 }, p->final,
	    errno_text(errno));
	return -1;
}

/* Step 3: keeps the old file of p under a second name, or marks none. */
static int
keep_old(struct outset *o, struct pending *p)
{
	struct buf keep = {0}, none = {0};
	int rc = 0, fd, dirfd = file_dir(o, p);

	buf_addf(&keep, KEEP_PREFIX "%s", p->name);
	buf_addf(&none, NONE_PREFIX "%s", p->name);
	if (dirfd < 0 || fail_at("keep"))
		rc = -1;
	else {
		unlinkat(dirfd, keep.p, 0);
		unlinkat(dirfd, none.p, 0);
	}
	if (rc != 0)
		;
	else if (linkat(dirfd, p->name, dirfd, keep.p, 0) == 0)
		p->had_old = 1;
	else if (errno == ENOENT) {
		fd = openat(dirfd, none.p, O_WRONLY | O_CREAT | O_EXCL |
		    O_CLOEXEC, 0666);
		if (fd < 0 || close(fd) != 0)
			rc = -1;
	} else if (renameat(dirfd, p->name, dirfd, keep.p) == 0)
		p->had_old = 1;	/* no hard links here: move it aside */
	else
		rc = -1;
	if (rc == 0)
		p->marked = 1;
	else
		diag(o->diags, E_OUTPUT, (struct pos){ p->final, 0, 0 },
		    p->final, errno_text(errno));
	close_dir(o, dirfd);
	buf_free(&keep);
	buf_free(&none);
	return rc;
}

/* Removes the ".kitei-keep-" or "-none-" name of p. */
static void
drop_kept(struct outset *o, struct pending *p)
{
	struct buf name = {0};
	int dirfd;

	if (!p->marked)
		return;
	buf_addf(&name, "%s%s", p->had_old ? KEEP_PREFIX : NONE_PREFIX,
	    p->name);
	if ((dirfd = file_dir(o, p)) >= 0)
		unlinkat(dirfd, name.p, 0);
	close_dir(o, dirfd);
	buf_free(&name);
	p->marked = 0;
}

/* Undoes steps 3 and 4 for every file of the set: the old set is back. */
static void
roll_back(struct outset *o)
{
	struct buf keep = {0};
	size_t i;
	int dirfd;

	for (i = 0; i < o->files.n; i++) {
		struct pending *p = &o->files.v[i];

		if (!p->marked || (dirfd = file_dir(o, p)) < 0)
			continue;
		if (p->had_old) {
			keep.n = 0;
			buf_addf(&keep, KEEP_PREFIX "%s", p->name);
			/*
			 * Back over the new file, or back into its place.
			 * (Over its own hard link rename does nothing, and
			 * drop_kept removes the second name.)
			 */
			renameat(dirfd, keep.p, dirfd, p->name);
		} else if (p->renamed)
			unlinkat(dirfd, p->name, 0);
		close_dir(o, dirfd);
		drop_kept(o, p);
	}
	buf_free(&keep);
}

/* Removes the temporary names of files not renamed into place. */
static void
remove_temps(struct outset *o)
{
	size_t i;

	for (i = 0; i < o->files.n; i++) {
		struct pending *p = &o->files.v[i];
		int fd;

		if (p->fd >= 0 || p->renamed || p->tmp == NULL)
			continue;
		if ((fd = file_dir(o, p)) >= 0)
			unlinkat(fd, p->tmp, 0);
		close_dir(o, fd);
	}
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
		free(o->files.v[i].dir);
		free(o->files.v[i].name);
		free(o->files.v[i].reserved);
	}
	VEC_FREE(o->files);
	if (o->dirfd >= 0)
		close(o->dirfd);	/* and with it the lock */
	release_signals(&o->oldmask);
	free(o->dir);
	free(o);
}

/* Steps 1 and 2 for every file; 0 or -1 (reported). */
static int
prepare(struct outset *o)
{
	size_t i;
	int rc = 0, fd;

	for (i = 0; i < o->files.n; i++) {
		struct pending *p = &o->files.v[i];

		if ((fd = file_dir(o, p)) < 0 ||
		    (p->fd >= 0 && name_unnamed(p, fd) != 0)) {
			diag(o->diags, E_OUTPUT, (struct pos){ p->final, 0, 0 },
			    p->final, errno_text(errno));
			rc = -1;
		}
		if (fd >= 0 && rc == 0 && check_target(o, p, fd) != 0)
			rc = -1;
		close_dir(o, fd);
		if (rc != 0)
			break;
	}
	return rc;
}

/* Step 4: renames every new file into place; 0 or -1 (reported). */
static int
rename_all(struct outset *o)
{
	size_t i;
	int fd, rc = 0;

	for (i = 0; i < o->files.n && rc == 0; i++) {
		struct pending *p = &o->files.v[i];

		if ((fd = file_dir(o, p)) < 0 || fail_at("rename") ||
		    renameat(fd, p->tmp, fd, p->name) != 0) {
			diag(o->diags, E_OUTPUT, (struct pos){ p->final, 0, 0 },
			    p->final, errno_text(errno));
			rc = -1;
		} else
			p->renamed = 1;
		close_dir(o, fd);
	}
	return rc;
}

int
out_commit(struct outset *o)
{
	size_t i;
	int rc = prepare(o), fd;

	for (i = 0; rc == 0 && i < o->files.n; i++)
		if (keep_old(o, &o->files.v[i]) != 0)
			rc = -1;
	if (rc == 0)
		rc = rename_all(o);
	if (rc == 0) {
		/* Step 5: from here on the new set stands. */
		fd = fail_at("done") ? -1 : openat(o->dirfd, DONE_NAME,
		    O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
		if (fd < 0) {
			diag(o->diags, E_OUTPUT, (struct pos){ o->dir, 0, 0 },
			    o->dir, errno_text(errno));
			rc = -1;
		} else {
			close(fd);
			for (i = 0; i < o->files.n; i++)
				drop_kept(o, &o->files.v[i]);
			unlinkat(o->dirfd, DONE_NAME, 0);
		}
	}
	if (rc != 0)
		roll_back(o);
	remove_temps(o);
	out_free(o);
	return rc;
}

void
out_abort(struct outset *o)
{
	if (o == NULL)
		return;
	remove_temps(o);
	out_free(o);
}

int
out_write_file(const char *path, const char *data, size_t len,
    struct diags *d)
{
	struct outset o;
	struct pending p;
	struct buf tmp = {0};
	const char *base;
	int rc = -1, fd;

	/* A set of one file outside any folder: no lock, no keep names. */
	memset(&o, 0, sizeof(o));
	o.dirfd = -1;
	o.diags = d;
	memset(&p, 0, sizeof(p));
	p.outside = 1;
	p.fd = -1;
	p.final = (char *)path;
	split_path(path, &p.dir, &base);
	p.name = (char *)base;
	hold_signals(&o.oldmask);
	buf_addf(&tmp, TMP_PREFIX "%s.%ld", base, (long)getpid());
	p.tmp = buf_take(&tmp);
	fd = open(p.dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* The target first: nothing is written beside a device. */
	if (fd < 0 || fail_at("file"))
		diag(d, E_OUTPUT, (struct pos){ path, 0, 0 }, path,
		    errno_text(errno));
	else if (check_target(&o, &p, fd) == 0 &&
	    write_named(fd, p.tmp, data, len, d, path) == 0) {
		if (renameat(fd, p.tmp, fd, base) == 0)
			rc = 0;
		else {
			diag(d, E_OUTPUT, (struct pos){ path, 0, 0 }, path,
			    errno_text(errno));
			unlinkat(fd, p.tmp, 0);
		}
	}
	if (fd >= 0)
		close(fd);
	release_signals(&o.oldmask);
	free(p.tmp);
	free(p.dir);
	return rc;
}
