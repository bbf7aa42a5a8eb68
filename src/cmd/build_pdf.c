/*
 * build_pdf.c: the PDF writing of kitei build, on every core.
 *
 * Writing a PDF (font subsetting, libharu's objects, Flate compression)
 * is most of a whole-set build, and each document's PDF depends only on
 * its display list and the characters it used.  So the build lays out the
 * documents one after another as before and hands each finished display
 * list, with a snapshot of its fonts (font_snapshot), to this queue.
 * Worker threads write PDFs while the main thread lays out the next
 * document; when it has laid out the last one it writes PDFs too, until
 * none is left.  A job shares nothing mutable with anything else: its
 * display list, fonts, output buffer and messages are its own (libharu,
 * zlib and HarfBuzz keep no global state between documents), so every
 * PDF is the same byte for byte whichever thread writes it, and the
 * messages are printed in document order once all are done.
 */
#define _GNU_SOURCE		/* sched_getaffinity, CPU_COUNT */
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>

#include "cmd/build_pdf.h"
#include "dev/pdf.h"
#include "layout/layout.h"
#include "base/util.h"

/* More threads than this gain nothing on a set of about twenty PDFs. */
#define PDFQ_MAX_WORKERS 3

struct pdfjob {
	struct dlist	*dl;
	struct font	*fonts[FONT__COUNT];
	struct buf	*out;
	const char	*name;
	struct diags	 diags;		/* held until pdfq_finish */
	size_t		 weight;	/* display list items: the work */
	int		 taken;
};

struct pdfq {
	pthread_mutex_t	 lock;
	pthread_cond_t	 added;
	struct pdfjob	**jobs;
	size_t		 n, cap, left;	/* left: added, not yet taken */
	int		 closed;
	pthread_t	 workers[PDFQ_MAX_WORKERS];
	int		 nworkers;
	FILE		*msgs;
};

static void
job_run(struct pdfjob *j)
{
	pdf_write(j->dl, j->fonts, j->out, &j->diags, j->name);
	dlist_free(j->dl);
	j->dl = NULL;
	for (int k = 0; k < FONT__COUNT; k++) {
		font_free(j->fonts[k]);
		j->fonts[k] = NULL;
	}
}

/*
 * The largest job not yet taken (the first of equals); NULL once the
 * queue is closed and empty.  Largest first, so that the threads finish
 * together: the report, laid out last, is one of the longest jobs, and
 * taken in order it was left to run alone at the end.
 */
static struct pdfjob *
take(struct pdfq *q)
{
	struct pdfjob *j = NULL;
	size_t i;

	pthread_mutex_lock(&q->lock);
	while (q->left == 0 && !q->closed)
		pthread_cond_wait(&q->added, &q->lock);
	for (i = 0; i < q->n; i++)
		if (!q->jobs[i]->taken && (j == NULL ||
		    q->jobs[i]->weight > j->weight))
			j = q->jobs[i];
	if (j != NULL) {
		j->taken = 1;
		q->left--;
	}
	pthread_mutex_unlock(&q->lock);
	return j;
}

static void *
worker(void *arg)
{
	struct pdfq *q = arg;
	struct pdfjob *j;

	while ((j = take(q)) != NULL)
		job_run(j);
	return NULL;
}

/*
 * One worker per core kitei may run on (taskset, cgroups) beside the main
 * thread: none on a single core, where the main thread writes them all.
 */
static int
worker_count(void)
{
	cpu_set_t set;
	int cpus;

	if (sched_getaffinity(0, sizeof(set), &set) != 0)
		return 0;
	cpus = CPU_COUNT(&set);
	if (cpus <= 1)
		return 0;
	return cpus - 1 > PDFQ_MAX_WORKERS ? PDFQ_MAX_WORKERS : cpus - 1;
}

struct pdfq *
pdfq_start(FILE *msgs)
{
	struct pdfq *q = xcalloc(1, sizeof(*q));
	int want = worker_count();
	sigset_t all, old;

	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->added, NULL);
	q->msgs = msgs;
	/*
	 * Workers start with every signal blocked, so that SIGTERM and the
	 * like reach the main thread alone: the output stage holds them back
	 * there while files of the set are on disk (out/output.c), which a
	 * worker taking them would defeat.
	 */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	/* A thread that cannot start leaves its share to the main thread. */
	while (q->nworkers < want && pthread_create(&q->workers[q->nworkers],
	    NULL, worker, q) == 0)
		q->nworkers++;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return q;
}

void
pdfq_add(struct pdfq *q, struct dlist *dl, struct font *fonts[FONT__COUNT],
    struct buf *out, const char *name)
{
	struct pdfjob *j = xcalloc(1, sizeof(*j));

	j->dl = dl;
	for (size_t p = 0; p < dl->npages; p++)
		j->weight += dl->pages[p].n;
	for (int k = 0; k < FONT__COUNT; k++)
		j->fonts[k] = fonts[k] ? font_snapshot(fonts[k]) : NULL;
	j->out = out;
	j->name = name;
	diags_init(&j->diags, q->msgs);
	diags_hold(&j->diags);
	pthread_mutex_lock(&q->lock);
	if (q->n == q->cap) {
		q->cap = q->cap ? q->cap * 2 : 16;
		q->jobs = xrealloc(q->jobs, q->cap * sizeof(*q->jobs));
	}
	q->jobs[q->n++] = j;
	q->left++;
	pthread_cond_signal(&q->added);
	pthread_mutex_unlock(&q->lock);
}

void
pdfq_finish(struct pdfq *q, struct diags *d)
{
	struct pdfjob *j;
	size_t i;

	if (q == NULL)
		return;
	pthread_mutex_lock(&q->lock);
	q->closed = 1;
	pthread_cond_broadcast(&q->added);
	pthread_mutex_unlock(&q->lock);
	while ((j = take(q)) != NULL)
		job_run(j);
	for (int w = 0; w < q->nworkers; w++)
		pthread_join(q->workers[w], NULL);
	for (i = 0; i < q->n; i++) {
		diags_merge(d, &q->jobs[i]->diags);
		diags_free(&q->jobs[i]->diags);
		free(q->jobs[i]);
	}
	free(q->jobs);
	pthread_cond_destroy(&q->added);
	pthread_mutex_destroy(&q->lock);
	free(q);
}
