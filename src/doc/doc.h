/*
 * doc.h: one document ready for the back ends: its metadata from the
 * profile (title, company, classification, dates, revisions, approvals),
 * its parsed body and what page style it wants.  doc.c builds any document
 * of the registry (docset.h) for a profile, or one from a standalone
 * Markdown file.
 */
#ifndef KITEI_DOC_H
#define KITEI_DOC_H

#include "doc/docset.h"
#include "md/markdown.h"
#include "tmpl/tmpl.h"

/* The approval box: 承認, 確認, 作成. */
#define APPROVAL_COUNT 3

struct revision {
	const char	*version, *date, *description, *approver;
};

struct document {
	const char	*id;		/* "policy", "handbook", … */
	const char	*title;		/* 情報セキュリティ基本方針 */
	const char	*company;	/* NULL for a standalone file */
	const char	*lang;		/* HTML lang; NULL: "ja" */
	const char	*short_company;	/* for the running header, or NULL */
	const char	*classification;/* e.g. 社外秘; NULL when public */
	const char	*version;	/* 版, e.g. "1.0" */
	const char	*date_text;	/* printed date, e.g. 2025年4月1日 */
	const char	*review_text;	/* 次回見直し日　… (derived), or NULL */
	long long	 epoch;		/* document date for PDF metadata */
	enum paper	 paper;
	int		 cover;		/* cover page with approval box */
	int		 toc;		/* table of contents */
	int		 chapter_breaks;/* # headings start a new page */
	int		 indent;	/* 1 em first-line indent */
	int		 show_title;	/* title atop the first page */
	int		 line_chars;	/* measure in body ems; 0: the paper's */
	int		 compare;	/* 新旧対照表: equal, justified columns */
	const char	*approvals[APPROVAL_COUNT];	/* see struct cover */
	struct revision	*revisions;
	size_t		 nrevisions;
	const char	**signature;	/* closing lines set flush right */
	size_t		 nsignature;
	struct mdoc	 front;		/* generated: the revision history */
	struct mdoc	 body;
	struct expansion exp;		/* the body's expanded Markdown */
	void		*owned;		/* strings made for this document */
};

/*
 * A cover page, described once: its parts top to bottom with their text.
 * The PDF layout and the HTML writer both set this list, each in its own
 * medium, so the two covers cannot disagree on what they show or in what
 * order; only the placing and the type sizes are theirs.
 */
enum cover_part {
	COVER_MARK,		/* classification, boxed at the top right */
	COVER_TITLE,
	COVER_VERSION,		/* 第1.0版 */
	COVER_DATES,		/* 制定・改定日 */
	COVER_REVIEW,		/* 次回見直し日 */
	COVER_COMPANY,
	COVER_APPROVALS,	/* the 承認・確認・作成 box */
	COVER__COUNT
};


struct cover {
	struct {
		enum cover_part	 part;
		const char	*text;	/* NULL for COVER_APPROVALS */
	}		 items[COVER__COUNT];
	size_t		 n;
	const char	*labels[APPROVAL_COUNT];	/* 承認, 確認, 作成 */
	const char	*names[APPROVAL_COUNT];		/* or NULL: blank cell */
	char		 version[256];			/* storage for 第…版 */
};

/* Fills c with doc's cover; c points into doc, which must outlive it. */
void	document_cover(const struct document *doc, struct cover *c);

struct value;

/*
 * Expands, parses and describes the document of job for a resolved
 * profile.  Returns 0, or -1 after reporting errors.  The document points
 * into the profile and the registry, which must outlive it.
 */
int	document_build(struct document *doc, const struct job *job,
	    const struct value *profile, struct tmpl_set *ts,
	    struct diags *d);
/* A standalone Markdown file as a document (kitei render). */
int	document_from_markdown(struct document *doc, const char *path,
	    const char *title, const char *md, size_t len, enum paper paper,
	    struct diags *d);
/* Date style of a resolved profile. */
enum date_style profile_date_style(const struct value *profile);
void	document_free(struct document *doc);

#endif
