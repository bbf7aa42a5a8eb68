/*
 * anchor.c: the stable anchors of headings, part of the Markdown stage.
 * A link to "the password section of the regulations" must keep working
 * when the company leaves out a chapter, when a section is inserted before
 * it, and across companies; so an id names the section as the template
 * writes it, never by a counter or by its printed number (both move).
 *
 * A heading's id is, in order of preference:
 *   1. the explicit anchor written at its end, "## 見出し {#name}" (pandoc's
 *      spelling; "{#name -}" also marks it unnumbered, like "{-}");
 *   2. its text as the template writes it, before kitei numbers it:
 *      "## パスワードの設定" is "パスワードの設定", spaces become "-";
 *   3. for a second heading with the same text, the id of its chapter (the
 *      last "#" heading) and its own, "情報資産管理/バックアップ"; then a
 *      suffix "-2", "-3" … as the last resort.
 * Explicit anchors are taken first, so a text id never takes an explicit
 * one's name.  Ids starting with "_" are left to the HTML page's own
 * elements (skip link, table of contents).  Called by mdoc_parse before the
 * numbering pass; the marker is removed, so the PDF never sees it.
 */
#include <stdlib.h>
#include <string.h>

#include "md/markdown.h"
#include "base/strmap.h"
#include "base/util.h"

#define IDEOGRAPHIC_SPACE	"\xe3\x80\x80"	/* U+3000 */

/* A character an explicit anchor may hold: ASCII letters, digits, "-",
 * and any non-ASCII byte (Japanese names). */
static int
anchor_char(unsigned char c)
{
	return c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-';
}

/*
 * Takes an explicit anchor "{#name}" (or "{#name -}", "{- #name}") off
 * the end of heading and returns name (the caller frees it), or NULL.
 * A combined marker leaves "{-}" in its place for the numbering pass.
 */
static char *
take_explicit_anchor(cmark_node *heading)
{
	cmark_node *t = cmark_node_last_child(heading);
	const char *s, *open, *p, *name = NULL;
	char *id;
	size_t namelen = 0;
	int unnumbered = 0;
	struct buf rest = {0};

	if (t == NULL || cmark_node_get_type(t) != CMARK_NODE_TEXT ||
	    (s = cmark_node_get_literal(t)) == NULL)
		return NULL;
	if (*s == '\0' || s[strlen(s) - 1] != '}' ||
	    (open = strrchr(s, '{')) == NULL)
		return NULL;
	for (p = open + 1; *p != '}'; ) {
		if (*p == ' ') {
			p++;
		} else if (*p == '-' && (p[1] == ' ' || p[1] == '}')) {
			unnumbered = 1;
			p++;
		} else if (*p == '#' && name == NULL && anchor_char(p[1]) &&
		    p[1] != '-') {
			name = ++p;
			while (anchor_char((unsigned char)*p))
				p++;
			namelen = (size_t)(p - name);
			if (*p != ' ' && *p != '}')
				return NULL;
		} else
			return NULL;
	}
	if (name == NULL)
		return NULL;
	id = xstrndup(name, namelen);	/* before s is replaced */
	buf_add(&rest, s, (size_t)(open - s));
	while (rest.n > 0 && rest.p[rest.n - 1] == ' ')
		rest.n--;
	if (unnumbered)
		buf_adds(&rest, " {-}");
	buf_addc(&rest, '\0');
	cmark_node_set_literal(t, rest.p);
	buf_free(&rest);
	return id;
}

/*
 * The id made from a heading's text: the plain text without a trailing
 * "{-}", runs of spaces (ASCII or U+3000) as one "-", and of the other
 * ASCII characters only letters, digits, "-" and "." (no quote, "#", "%"
 * or "/" to escape in a URL).  Never empty, never starting with "_".
 */
static char *
text_anchor(cmark_node *heading)
{
	struct buf text = {0}, id = {0};
	const char *s;
	size_t n;
	int space = 0;

	md_plain_text(heading, &text);
	buf_addc(&text, '\0');
	s = text.p;
	n = strlen(s);
	if (n >= 3 && strcmp(s + n - 3, "{-}") == 0)
		n -= 3;
	for (size_t i = 0; i < n; ) {
		unsigned char c = (unsigned char)s[i];

		if (c == ' ' || c == '\t' || strncmp(s + i, IDEOGRAPHIC_SPACE, 3) == 0) {
			space = 1;
			i += c >= 0x80 ? 3 : 1;
			continue;
		}
		if (c < 0x80 && !anchor_char(c) && c != '.') {
			i++;
			continue;
		}
		if (space && id.n > 0)
			buf_addc(&id, '-');
		space = 0;
		buf_addc(&id, (char)c);
		i++;
	}
	buf_free(&text);
	if (id.n == 0)
		buf_addc(&id, 'h');
	buf_addc(&id, '\0');
	return buf_take(&id);
}

/*
 * The ids given so far, in a hash table, and for each id that was taken
 * twice the next suffix to try, so that a document of thousands of
 * headings alike stays linear (a comparison of 6,000 articles has them).
 */
struct given {
	struct strmap	 ids;		/* id → 0 */
	struct strmap	 bases;		/* id → index into next */
	VEC(int)	 next;
	VEC(char *)	 owned;		/* the bases' copies */
};

static int
taken(const struct given *g, const char *id)
{
	return strmap_get(&g->ids, id, NULL);
}

/*
 * id, or the first of "id-2", "id-3" … that no heading has; records what
 * it returns.  Frees id when it returns another string.
 */
static char *
unique(struct given *g, char *id)
{
	struct buf b = {0};
	size_t at;
	int k;

	if (strmap_put(&g->ids, id, 0, NULL) == 0)
		return id;
	if (!strmap_get(&g->bases, id, &at)) {
		char *base = xstrdup(id);

		VEC_PUSH(g->owned, base);
		at = g->next.n;
		VEC_PUSH(g->next, 2);
		strmap_put(&g->bases, base, at, NULL);
	}
	for (k = g->next.v[at]; ; k++) {
		b.n = 0;
		buf_addf(&b, "%s-%d", id, k);
		if (!taken(g, b.p))
			break;
	}
	g->next.v[at] = k + 1;
	free(id);
	id = buf_take(&b);
	strmap_put(&g->ids, id, 0, NULL);
	return id;
}

static void
given_free(struct given *g)
{
	size_t i;

	strmap_free(&g->ids);
	strmap_free(&g->bases);
	for (i = 0; i < g->owned.n; i++)
		free(g->owned.v[i]);
	VEC_FREE(g->owned);
	VEC_FREE(g->next);
}

char **
md_anchors(cmark_node *root)
{
	VEC(cmark_node *) hs = {0};
	struct given g;
	char **ids, *id;
	const char *chapter = NULL;
	cmark_node *c;
	size_t i;

	for (c = cmark_node_first_child(root); c; c = cmark_node_next(c))
		if (cmark_node_get_type(c) == CMARK_NODE_HEADING)
			VEC_PUSH(hs, c);
	memset(&g, 0, sizeof(g));
	ids = xcalloc(hs.n + 1, sizeof(*ids));
	/* Explicit anchors first: they are promises made in a template. */
	for (i = 0; i < hs.n; i++)
		if ((id = take_explicit_anchor(hs.v[i])) != NULL)
			ids[i] = unique(&g, id);
	for (i = 0; i < hs.n; i++) {
		int level = cmark_node_get_heading_level(hs.v[i]);

		if (ids[i] == NULL) {
			id = text_anchor(hs.v[i]);
			while (id[0] == '_')
				memmove(id, id + 1, strlen(id));
			if (id[0] == '\0') {
				free(id);
				id = xstrdup("h");
			}
			if (taken(&g, id) && level > 1 && chapter) {
				struct buf b = {0};

				buf_addf(&b, "%s/%s", chapter, id);
				free(id);
				id = buf_take(&b);
			}
			ids[i] = unique(&g, id);
		}
		if (level == 1)
			chapter = ids[i];
	}
	VEC_FREE(hs);
	given_free(&g);
	return ids;
}
