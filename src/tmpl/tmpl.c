/*
 * tmpl.c: parsing and expanding templates.
 *
 * A template is parsed once into a tree of nodes (text, value, section,
 * include, slot), then expanded against the profile.  Names are checked
 * against the schema, not against the profile, so a name the schema knows
 * but this profile leaves empty is "empty", and a name the schema does not
 * know is an error even where the profile happens to have no value.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "md/markdown.h"
#include "profile/schema.h"
#include "tmpl/tmpl.h"
#include "profile/keys.h"
#include "profile/profile.h"
#include "base/util.h"
#include "profile/value.h"
#include "text/jtext.h"

enum tkind { TN_TEXT, TN_VAR, TN_IF, TN_UNLESS, TN_EACH, TN_WITH,
    TN_INCLUDE, TN_SLOT, TN_COUNTER, TN_ROLE, TN_CHAPTER };

enum cmp { CMP_NONE, CMP_EQ, CMP_NE };

/* The filters a value may go through ({{ path | name }}). */
enum filter { FILTER_NONE, FILTER_DATE, FILTER_JOIN, FILTER_COUNT,
    FILTER_NAME, FILTER__COUNT };

static const char *const filter_names[FILTER__COUNT] = {
	[FILTER_DATE] = "date",
	[FILTER_JOIN] = "join",
	[FILTER_COUNT] = "count",
	[FILTER_NAME] = "name",
};

struct tnode {
	enum tkind	 kind;
	struct pos	 pos;		/* the tag, or the text's first char */
	const char	*text;		/* TN_TEXT */
	size_t		 len;
	char		*path;		/* name, include path or slot name */
	enum filter	 filter;	/* TN_VAR */
	char		*filter_name;	/* as written, while parsing */
	enum cmp	 cmp;
	char		*operand;	/* what == / != compares with */
	char		*where;		/* TN_EACH: item key compared */
	long		 set;		/* TN_COUNTER: "= N" sets, -1 prints */
	struct tnode	*body;		/* sections: the children */
	struct tnode	*alt;		/* after {{else}} */
	struct tnode	*next;
};

struct template {
	char		*name;
	struct source	 src;
	struct tnode	*root;
	int		 ok;
	int		 expanding;	/* on the include stack now */
	struct template	*next;
};

struct frame {
	const struct value	*val;
	const struct schema	*schema;
	size_t			 index, count;	/* #each */
	int			 is_each;
};

struct counter {
	char	*name;
	long	 value;
};

struct tmpl_set {
	struct tmpl_options	 opt;
	struct diags		*diags;
	struct arena		*arena;
	struct template		*templates;
	VEC(char *)		 slots_used;	/* slot names met */
	VEC(char *)		 kept_paths;	/* file names the map uses */
	/* expansion state */
	struct buf		 out;
	VEC(struct pos)		 lines;
	VEC(size_t)		 starts;	/* byte offset of each line */
	VEC(char)		 verbatim;	/* each line copied as written */
	int			 copying;	/* emitting company Markdown */
	int			 at_line_start;
	VEC(struct frame)	 frames;
	VEC(struct counter)	 counters;
	int			 include_depth;
	int			 overflow;
	/* the company folder, opened once without following a link:
	 * -2 not yet opened, -1 refused */
	int			 slots_fd;
};

/* ---- parsing ---- */

struct parser {
	struct tmpl_set		*set;
	const struct source	*src;
	size_t			 i;
	int			 failed;
	int			 fatal;	/* stop parsing: the rest is noise */
	size_t			 at;	/* offset of cursor */
	struct pos		 cursor;/* its line and column */
};

/*
 * The position of offset off.  The parser asks in increasing order, so
 * the cursor moves forward from the last answer: linear in the template,
 * where counting from the start each time was quadratic.
 */
static struct pos
parser_pos(struct parser *p, size_t off)
{
	if (p->cursor.line == 0 || off < p->at) {
		p->at = 0;
		p->cursor = (struct pos){ p->src->path, 1, 1 };
	}
	for (; p->at < off && p->at < p->src->len; p->at++) {
		unsigned char ch = (unsigned char)p->src->text[p->at];

		if (ch == '\n') {
			p->cursor.line++;
			p->cursor.col = 1;
		} else if ((ch & 0xC0) != 0x80)
			p->cursor.col++;
	}
	return p->cursor;
}

static struct tnode *
new_node(struct parser *p, enum tkind kind, size_t off)
{
	struct tnode *n = arena_alloc(p->set->arena, sizeof(*n));

	n->kind = kind;
	n->pos = parser_pos(p, off);
	return n;
}

/* A tag's text, trimmed: the part between {{ and }}. */
struct tag {
	size_t		 start, end;	/* offsets of "{{" and after "}}" */
	const char	*body;
	size_t		 len;
};

static int
is_block_tag(const struct tag *t)
{
	char c = t->len ? t->body[0] : 0;

	if (c == '#' || c == '/' || c == '>' || c == '!')
		return 1;
	if (t->len == 4 && memcmp(t->body, "else", 4) == 0)
		return 1;
	if (t->len > 8 && memcmp(t->body, "counter ", 8) == 0 &&
	    memchr(t->body, '=', t->len) != NULL)
		return 1;	/* setting a counter prints nothing */
	return t->len > 5 && memcmp(t->body, "slot ", 5) == 0;
}

/*
 * Finds the next tag from p->i.  Returns 0 and fills t, 1 at the end of
 * input, -1 on an unterminated tag.
 */
/*
 * The first occurrence of the two-byte pair ab in s[0..len), or NULL.
 * Scans with memchr: strstr would measure the whole remaining text on
 * every call under AddressSanitizer, making the template scan quadratic.
 */
static const char *
find_pair(const char *s, size_t len, char a, char b)
{
	const char *end = s + len, *p = s;

	while (p < end && (p = memchr(p, a, (size_t)(end - p))) != NULL) {
		if (p + 1 < end && p[1] == b)
			return p;
		p++;
	}
	return NULL;
}

/*
 * Finds the next tag from p->i.  Returns 0 and fills t, 1 at the end of
 * input, -1 on an unterminated tag.
 */
static int
next_tag(struct parser *p, struct tag *t)
{
	const char *s = p->src->text, *end = s + p->src->len;
	const char *open = find_pair(s + p->i, p->src->len - p->i, '{', '{');
	const char *close, *q;

	if (open == NULL)
		return 1;
	t->start = (size_t)(open - s);
	if (open + 4 < end && open[2] == '!' && open[3] == '-' && open[4] == '-') {
		/* {{!-- … --}} may contain }} and line breaks. */
		close = NULL;
		for (q = open + 5; (q = find_pair(q, (size_t)(end - q), '-',
		    '-')) != NULL; q++)
			if (q + 3 < end && q[2] == '}' && q[3] == '}') {
				close = q + 2;
				break;
			}
	} else
		close = find_pair(open + 2, (size_t)(end - open - 2), '}', '}');
	if (close == NULL || (memchr(open, '\n', (size_t)(close - open)) &&
	    open[2] != '!')) {
		diag(p->set->diags, E_TPL_UNTERMINATED, parser_pos(p, t->start));
		p->failed = 1;
		return -1;
	}
	t->end = (size_t)(close - s) + 2;
	t->body = open + 2;
	t->len = (size_t)(close - open) - 2;
	while (t->len && isspace((unsigned char)*t->body))
		t->body++, t->len--;
	while (t->len && isspace((unsigned char)t->body[t->len - 1]))
		t->len--;
	return 0;
}

/*
 * A block tag alone on its line takes the whole line with it.  Returns the
 * range to drop: [*from, *to).
 */
static void
standalone_range(struct parser *p, const struct tag *t, size_t *from,
    size_t *to)
{
	const char *s = p->src->text;
	size_t a = t->start, b = t->end;

	*from = t->start;
	*to = t->end;
	while (a > 0 && (s[a - 1] == ' ' || s[a - 1] == '\t'))
		a--;
	if (a > 0 && s[a - 1] != '\n')
		return;
	while (b < p->src->len && (s[b] == ' ' || s[b] == '\t' || s[b] == '\r'))
		b++;
	if (b < p->src->len && s[b] != '\n')
		return;
	*from = a;
	*to = b < p->src->len ? b + 1 : b;
}

static int
valid_name_char(int c)
{
	return isalnum(c) || c == '_' || c == '.' || c == '@';
}

static enum filter
filter_named(const char *name)
{
	int i;

	for (i = 1; i < FILTER__COUNT; i++)
		if (strcmp(name, filter_names[i]) == 0)
			return (enum filter)i;
	return FILTER_NONE;
}

/* Splits "path [== "x"]" or "path | filter"; 0 when well formed. */
static int
parse_expr(struct parser *p, struct tnode *n, const char *s, size_t len,
    int allow_filter, int allow_cmp)
{
	struct arena *a = p->set->arena;
	size_t i = 0, start;

	while (i < len && valid_name_char((unsigned char)s[i]))
		i++;
	if (i == 0)
		return -1;
	n->path = arena_strndup(a, s, i);
	while (i < len && s[i] == ' ')
		i++;
	if (i == len)
		return 0;
	if (allow_filter && s[i] == '|') {
		i++;
		while (i < len && s[i] == ' ')
			i++;
		start = i;
		while (i < len && isalpha((unsigned char)s[i]))
			i++;
		if (i == start || i != len)
			return -1;
		n->filter_name = arena_strndup(a, s + start, i - start);
		return 0;
	}
	if (allow_cmp && i + 1 < len && (s[i] == '=' || s[i] == '!') &&
	    s[i + 1] == '=') {
		n->cmp = s[i] == '=' ? CMP_EQ : CMP_NE;
		i += 2;
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && s[i] == '"') {
			start = ++i;
			while (i < len && s[i] != '"')
				i++;
			if (i != len - 1)
				return -1;
			n->operand = arena_strndup(a, s + start, i - start);
			return 0;
		}
		start = i;
		while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-'))
			i++;
		if (i == start || i != len)
			return -1;
		n->operand = arena_strndup(a, s + start, i - start);
		return 0;
	}
	return -1;
}

static int
word_is(const char *s, size_t len, const char *w)
{
	size_t n = strlen(w);

	return len >= n && memcmp(s, w, n) == 0 &&
	    (len == n || s[n] == ' ');
}

static void
bad_tag(struct parser *p, const struct tag *t)
{
	char *body = xstrndup(t->body, t->len);

	diag(p->set->diags, E_TPL_TAG, parser_pos(p, t->start), body);
	free(body);
	p->failed = 1;
}

static struct tnode *parse_seq(struct parser *p, const char *closer,
    struct tnode *owner, int depth, struct tnode **alt_out);

/*
 * "path" or "path where key == "value"" for #each: only the items whose
 * key has that value are repeated (and counted by @first / @last).
 */
static int
parse_where(struct parser *p, struct tnode *n, const char *s, size_t len)
{
	static const char kw[] = " where ";
	struct tnode cond;
	size_t i;

	for (i = 0; i + sizeof(kw) - 1 <= len; i++)
		if (memcmp(s + i, kw, sizeof(kw) - 1) == 0)
			break;
	if (i + sizeof(kw) - 1 > len)
		return parse_expr(p, n, s, len, 0, 0);
	if (parse_expr(p, n, s, i, 0, 0) != 0)
		return -1;
	memset(&cond, 0, sizeof(cond));
	i += sizeof(kw) - 1;
	if (parse_expr(p, &cond, s + i, len - i, 0, 1) != 0 ||
	    cond.cmp == CMP_NONE || strchr(cond.path, '.') != NULL)
		return -1;
	n->where = cond.path;
	n->cmp = cond.cmp;
	n->operand = cond.operand;
	return 0;
}

/* Parses an opening section tag's remainder and its body. */
static struct tnode *
parse_section(struct parser *p, const struct tag *t, int depth)
{
	static const struct { const char *word; enum tkind kind; } kinds[] = {
		{ "if", TN_IF }, { "unless", TN_UNLESS }, { "each", TN_EACH },
		{ "with", TN_WITH },
	};
	const char *s = t->body + 1;
	size_t len = t->len - 1, k, w;
	struct tnode *n;

	for (k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (word_is(s, len, kinds[k].word))
			break;
	if (k == sizeof(kinds) / sizeof(kinds[0])) {
		bad_tag(p, t);
		return NULL;
	}
	if (depth >= TMPL_MAX_NESTING) {
		diag(p->set->diags, E_TPL_DEPTH, parser_pos(p, t->start),
		    TMPL_MAX_NESTING);
		p->failed = 1;
		p->fatal = 1;	/* the sections around it cannot close now */
		return NULL;
	}
	n = new_node(p, kinds[k].kind, t->start);
	w = strlen(kinds[k].word);
	while (w < len && s[w] == ' ')
		w++;
	if (n->kind == TN_EACH && parse_where(p, n, s + w, len - w) != 0) {
		bad_tag(p, t);
		return NULL;
	}
	if (n->kind != TN_EACH && parse_expr(p, n, s + w, len - w, 0,
	    n->kind == TN_IF || n->kind == TN_UNLESS) != 0) {
		bad_tag(p, t);
		return NULL;
	}
	n->body = parse_seq(p, kinds[k].word, n, depth + 1, &n->alt);
	return n;
}

static int
valid_include_path(const char *s)
{
	const char *c;

	if (*s == '/' || strstr(s, "..") != NULL || *s == '\0')
		return 0;
	for (c = s; *c; c++)
		if (!isalnum((unsigned char)*c) && !strchr("_-./", *c))
			return 0;
	return 1;
}

/* Handles one tag; returns a node to append, NULL for none. */
static struct tnode *
parse_tag(struct parser *p, const struct tag *t, int depth)
{
	struct tnode *n;
	const char *s = t->body;
	size_t len = t->len;

	if (len == 0) {
		bad_tag(p, t);
		return NULL;
	}
	switch (s[0]) {
	case '!':
		return NULL;
	case '#':
		return parse_section(p, t, depth);
	case '>':
		s++, len--;
		while (len && *s == ' ')
			s++, len--;
		n = new_node(p, TN_INCLUDE, t->start);
		n->path = arena_strndup(p->set->arena, s, len);
		if (!valid_include_path(n->path)) {
			diag(p->set->diags, E_TPL_INCLUDE_PATH, n->pos,
			    n->path);
			p->failed = 1;
			return NULL;
		}
		return n;
	default:
		break;
	}
	if (word_is(s, len, "counter")) {
		size_t i = 7, start;

		n = new_node(p, TN_COUNTER, t->start);
		n->set = -1;
		while (i < len && s[i] == ' ')
			i++;
		start = i;
		while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '_'))
			i++;
		if (i == start) {
			bad_tag(p, t);
			return NULL;
		}
		n->path = arena_strndup(p->set->arena, s + start, i - start);
		while (i < len && s[i] == ' ')
			i++;
		if (i < len && s[i] == '=') {
			char *end, *num = arena_strndup(p->set->arena, s + i + 1,
			    len - i - 1);

			n->set = strtol(num, &end, 10);
			while (*end == ' ')
				end++;
			if (*end != '\0' || n->set < 0) {
				bad_tag(p, t);
				return NULL;
			}
		} else if (i < len) {
			bad_tag(p, t);
			return NULL;
		}
		return n;
	}
	if (word_is(s, len, "slot")) {
		size_t i;

		n = new_node(p, TN_SLOT, t->start);
		s += 4, len -= 4;
		while (len && *s == ' ')
			s++, len--;
		n->path = arena_strndup(p->set->arena, s, len);
		for (i = 0; i < len; i++)
			if (!islower((unsigned char)s[i]) &&
			    !isdigit((unsigned char)s[i]) && s[i] != '_')
				break;
		if (len == 0 || i < len) {
			diag(p->set->diags, E_TPL_SLOT_NAME, n->pos, n->path);
			p->failed = 1;
			return NULL;
		}
		return n;
	}
	/* {{role x}} and {{chapter x}} have an operand; a bare {{ role }}
	 * or {{ chapter }} is a value of that name (an #each item's key). */
	if ((word_is(s, len, "role") && len > 4) ||
	    (word_is(s, len, "chapter") && len > 7)) {
		int role = word_is(s, len, "role");

		n = new_node(p, role ? TN_ROLE : TN_CHAPTER, t->start);
		s += role ? 4 : 7, len -= role ? 4 : 7;
		while (len && *s == ' ')
			s++, len--;
		if (parse_expr(p, n, s, len, 0, 0) != 0) {
			bad_tag(p, t);
			return NULL;
		}
		return n;
	}
	n = new_node(p, TN_VAR, t->start);
	if (parse_expr(p, n, s, len, 1, 0) != 0) {
		bad_tag(p, t);
		return NULL;
	}
	if (n->filter_name != NULL && (n->filter = filter_named(
	    n->filter_name)) == FILTER_NONE) {
		diag(p->set->diags, E_TPL_FILTER, n->pos, n->filter_name);
		diag(p->set->diags, H_ALLOWED, n->pos, "date, join, count, name");
		p->failed = 1;
		return NULL;
	}
	return n;
}

static void
append(struct tnode ***tail, struct tnode *n)
{
	**tail = n;
	*tail = &n->next;
}

/*
 * Parses nodes until the closing tag of closer (NULL: end of input).
 * {{else}} switches the tail to *alt_out.
 */
static struct tnode *
parse_seq(struct parser *p, const char *closer, struct tnode *owner,
    int depth, struct tnode **alt_out)
{
	struct tnode *head = NULL, **tail = &head, *n;
	struct tag t;
	size_t from, to;
	int r, in_else = 0;

	for (;;) {
		if (p->fatal)
			return head;
		r = next_tag(p, &t);
		if (r != 0) {
			if (r > 0 && p->i < p->src->len) {
				n = new_node(p, TN_TEXT, p->i);
				n->text = p->src->text + p->i;
				n->len = p->src->len - p->i;
				append(&tail, n);
			}
			p->i = p->src->len;
			if (closer != NULL && r > 0) {
				diag(p->set->diags, E_TPL_UNCLOSED, owner->pos,
				    closer);
				p->failed = 1;
			}
			return head;
		}
		if (is_block_tag(&t))
			standalone_range(p, &t, &from, &to);
		else
			from = t.start, to = t.end;
		if (from > p->i) {
			n = new_node(p, TN_TEXT, p->i);
			n->text = p->src->text + p->i;
			n->len = from - p->i;
			append(&tail, n);
		}
		p->i = to;
		if (t.len > 0 && t.body[0] == '/') {
			const char *name = t.body + 1;
			size_t nl = t.len - 1;

			if (closer != NULL && nl == strlen(closer) &&
			    memcmp(name, closer, nl) == 0)
				return head;
			char *got = xstrndup(name, nl);

			if (closer == NULL) {
				char *body = xstrndup(t.body, t.len);

				diag(p->set->diags, E_TPL_STRAY,
				    parser_pos(p, t.start), body);
				free(body);
			}
			else {
				diag(p->set->diags, E_TPL_MISMATCH,
				    parser_pos(p, t.start), got, closer);
				diag(p->set->diags, H_OPENED_HERE,
				    owner->pos, owner->pos.file,
				    owner->pos.line, owner->pos.col);
			}
			free(got);
			p->failed = 1;
			return head;
		}
		if (t.len == 4 && memcmp(t.body, "else", 4) == 0) {
			struct pos at = parser_pos(p, t.start);

			if (closer == NULL)
				diag(p->set->diags, E_TPL_STRAY, at, "else");
			else if (owner->kind == TN_WITH)
				diag(p->set->diags, E_TPL_ELSE_WITH, at);
			else if (in_else) {
				diag(p->set->diags, E_TPL_ELSE_TWICE, at, closer);
				diag(p->set->diags, H_OPENED_HERE, owner->pos,
				    owner->pos.file, owner->pos.line,
				    owner->pos.col);
			}
			if (closer == NULL || in_else || owner->kind == TN_WITH) {
				p->failed = 1;
				continue;
			}
			in_else = 1;
			*tail = NULL;
			tail = alt_out;
			continue;
		}
		if ((n = parse_tag(p, &t, depth)) != NULL)
			append(&tail, n);
		if (p->failed && n == NULL && t.body[0] == '#')
			return head;	/* a broken section: stop here */
	}
}

/* Whether path, symbolic links resolved, lies inside dir. */
static int
inside(const char *dir, const char *path)
{
	char *d = realpath(dir, NULL), *p = realpath(path, NULL);
	size_t n;
	int ok;

	ok = d != NULL && p != NULL && (n = strlen(d), strncmp(d, p, n) == 0) &&
	    (p[n] == '/' || p[n] == '\0');
	free(d);
	free(p);
	return ok;
}

/* Loads and parses a template once; NULL when it cannot be read. */
static struct template *
get_template(struct tmpl_set *set, const char *name, struct pos from)
{
	struct template *t;
	struct buf path = {0};
	struct parser p = { .set = set };

	for (t = set->templates; t != NULL; t = t->next)
		if (strcmp(t->name, name) == 0)
			return t->ok ? t : NULL;
	t = xcalloc(1, sizeof(*t));
	t->name = xstrdup(name);
	t->next = set->templates;
	set->templates = t;
	buf_addf(&path, "%s/%s", set->opt.templates_dir, name);
	{
		struct stat st;

		if (stat(path.p, &st) != 0 || !S_ISREG(st.st_mode)) {
			diag(set->diags, E_TPL_INCLUDE, from, name);
			buf_free(&path);
			return NULL;
		}
		/* A symbolic link inside templates/ may not lead out of it. */
		if (!inside(set->opt.templates_dir, path.p)) {
			diag(set->diags, E_TPL_INCLUDE_PATH, from, name);
			buf_free(&path);
			return NULL;
		}
	}
	if (source_load(&t->src, path.p, ENC_UTF8, set->diags) != 0) {
		buf_free(&path);
		return NULL;
	}
	buf_free(&path);
	p.src = &t->src;
	t->root = parse_seq(&p, NULL, NULL, 0, NULL);
	t->ok = !p.failed;
	return t->ok ? t : NULL;
}

void
tmpl_add_text(struct tmpl_set *set, const char *name, const char *text,
    size_t len)
{
	struct template *t = xcalloc(1, sizeof(*t));
	struct parser p = { .set = set };

	t->name = xstrdup(name);
	source_from_text(&t->src, name, text, len);
	t->next = set->templates;
	set->templates = t;
	p.src = &t->src;
	t->root = parse_seq(&p, NULL, NULL, 0, NULL);
	t->ok = !p.failed;
}

/* ---- expansion ---- */

static void
emit(struct tmpl_set *set, const char *s, size_t len, struct pos pos)
{
	size_t i;

	if (set->out.n + len > TMPL_MAX_OUTPUT) {
		if (!set->overflow)
			diag(set->diags, E_LIMIT_OUTPUT, pos,
			    set->out.n + len, TMPL_MAX_OUTPUT);
		set->overflow = 1;
		return;
	}
	for (i = 0; i < len; i++) {
		if (set->at_line_start) {
			VEC_PUSH(set->lines, pos);
			VEC_PUSH(set->starts, set->out.n + i);
			VEC_PUSH(set->verbatim, (char)set->copying);
			set->at_line_start = 0;
		}
		if (s[i] == '\n') {
			set->at_line_start = 1;
			pos.line++;
			pos.col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80)
			pos.col++;
	}
	buf_add(&set->out, s, len);
}

static void
emit_value(struct tmpl_set *set, const char *s, struct pos pos)
{
	struct buf b = {0};

	md_escape(&b, s, set->at_line_start);
	emit(set, b.p ? b.p : "", b.n, pos);
	buf_free(&b);
}

/* The schema of the list a T_REF points into. */
static const struct schema *
ref_target_schema(const struct tmpl_set *set, const struct schema *ref)
{
	const struct schema *s = set->opt.schema;
	const char *p = ref->to;
	char key[128];
	int r;

	while (s != NULL && (r = path_next(&p, key, sizeof(key))) != 0) {
		if (r < 0)
			return NULL;
		s = schema_key(s, key);
	}
	return s && s->type == T_LIST ? s->items : NULL;
}

struct resolved {
	const struct value	*val;	/* NULL: known but empty */
	const struct schema	*schema;/* NULL with special set */
	int			 special;/* an @ name */
	long			 number;
};

static void
report_unknown(struct tmpl_set *set, const struct tnode *n, const char *seg,
    const struct schema *within)
{
	VEC(const char *) names = {0};
	const char *near;
	size_t i, f;

	diag(set->diags, E_TPL_NAME, n->pos, n->path);
	if (within != NULL) {
		for (i = 0; i < within->nkeys; i++)
			VEC_PUSH(names, within->keys[i]->name);
	} else
		for (f = 0; f < set->frames.n; f++) {
			const struct schema *s = set->frames.v[f].schema;

			for (i = 0; s != NULL && i < s->nkeys; i++)
				VEC_PUSH(names, s->keys[i]->name);
		}
	near = names.n ? closest_name(seg, names.v, names.n) : NULL;
	if (near != NULL)
		diag(set->diags, H_DID_YOU_MEAN, n->pos, near);
	VEC_FREE(names);
}

/* Resolves n->path in the current frames; -1 after an error. */
static int
resolve(struct tmpl_set *set, const struct tnode *n, struct resolved *r)
{
	char *path = xstrdup(n->path), *seg, *save = NULL;
	const struct value *v = NULL;
	const struct schema *s = NULL;
	size_t f;
	int first = 1;

	memset(r, 0, sizeof(*r));
	for (seg = strtok_r(path, ".", &save); seg != NULL;
	    seg = strtok_r(NULL, ".", &save), first = 0) {
		if (first && seg[0] == '@') {
			for (f = set->frames.n; f-- > 0;)
				if (set->frames.v[f].is_each)
					break;
			if (f == (size_t)-1 || (strcmp(seg, "@number") != 0 &&
			    strcmp(seg, "@first") != 0 &&
			    strcmp(seg, "@last") != 0)) {
				report_unknown(set, n, seg, NULL);
				free(path);
				return -1;
			}
			r->special = 1;
			if (strcmp(seg, "@number") == 0)
				r->number = (long)set->frames.v[f].index + 1;
			else if (strcmp(seg, "@first") == 0)
				r->number = set->frames.v[f].index == 0;
			else
				r->number = set->frames.v[f].index + 1 ==
				    set->frames.v[f].count;
			free(path);
			return 0;
		}
		if (first && strcmp(seg, "this") == 0) {
			struct frame *fr = &set->frames.v[set->frames.n - 1];

			v = fr->val;
			s = fr->schema;
			continue;
		}
		if (first) {
			for (f = set->frames.n; f-- > 0;)
				if (schema_key(set->frames.v[f].schema, seg))
					break;
			if (f == (size_t)-1) {
				report_unknown(set, n, seg, NULL);
				free(path);
				return -1;
			}
			s = schema_key(set->frames.v[f].schema, seg);
			v = value_get(set->frames.v[f].val, seg, NULL);
			continue;
		}
		if (s->type == T_REF) {
			v = v ? schema_deref(set->opt.profile, v) : NULL;
			s = ref_target_schema(set, s);
		}
		if (s == NULL || schema_key(s, seg) == NULL) {
			report_unknown(set, n, seg, s);
			free(path);
			return -1;
		}
		s = schema_key(s, seg);
		v = value_get(v, seg, NULL);
	}
	free(path);
	r->val = v && v->kind != V_NULL ? v : NULL;
	r->schema = s;
	return 0;
}

static int
truthy(const struct resolved *r)
{
	int b;

	if (r->special)
		return r->number != 0;
	if (r->val == NULL)
		return 0;
	switch (r->val->kind) {
	case V_LIST:
	case V_MAP:
		return r->val->n > 0;
	case V_STR:
		if (r->schema->type == T_BOOL && value_bool(r->val, &b) == 0)
			return b;
		if (r->schema->type == T_INT)
			return strtol(r->val->str, NULL, 10) != 0;
		return r->val->str[0] != '\0';
	default:
		return 0;
	}
}

/* The text a scalar prints as: dates in the profile's style, refs by name. */
static const char *
scalar_text(struct tmpl_set *set, const struct value *v, char *tmp,
    size_t size)
{
	struct date dt;

	if (v->schema && v->schema->type == T_DATE &&
	    date_parse(v->str, &dt) == 0) {
		date_format(dt, set->opt.date_style, tmp, size);
		return tmp;
	}
	if (v->schema && v->schema->type == T_REF) {
		const struct value *item = schema_deref(set->opt.profile, v);
		const struct value *name = profile_get(item, K_PERSON_NAME);

		if (name != NULL && name->kind == V_STR)
			return name->str;
	}
	return v->str;
}

static void
expand_var(struct tmpl_set *set, const struct tnode *n)
{
	struct resolved r;
	char tmp[64];
	struct buf b = {0};
	size_t i;

	if (resolve(set, n, &r) != 0)
		return;
	if (r.special) {
		snprintf(tmp, sizeof(tmp), "%ld", r.number);
		emit(set, tmp, strlen(tmp), n->pos);
		return;
	}
	if (n->filter == FILTER_COUNT) {
		if (r.schema->type != T_LIST) {
			diag(set->diags, E_TPL_FILTER_TYPE, n->pos,
			    filter_names[n->filter], "リスト以外");
			return;
		}
		snprintf(tmp, sizeof(tmp), "%zu", r.val ? r.val->n : 0);
		emit(set, tmp, strlen(tmp), n->pos);
		return;
	}
	if (r.val == NULL) {
		diag(set->diags, E_TPL_NOVALUE, n->pos, n->path);
		diag(set->diags, H_USE_IF, n->pos, n->path);
		return;
	}
	if (n->filter == FILTER_JOIN) {
		if (r.val->kind != V_LIST) {
			diag(set->diags, E_TPL_FILTER_TYPE, n->pos,
			    filter_names[n->filter], "リスト以外");
			return;
		}
		for (i = 0; i < r.val->n; i++) {
			const struct value *it = r.val->items[i];

			if (it->kind != V_STR) {
				diag(set->diags, E_TPL_NOTSCALAR, n->pos,
				    n->path, "マップのリスト");
				buf_free(&b);
				return;
			}
			if (i)
				buf_adds(&b, "、");
			if (set->opt.check_text)
				set->opt.check_text(set->opt.check_ctx, it,
				    it->str);
			buf_adds(&b, scalar_text(set, it, tmp, sizeof(tmp)));
		}
		emit_value(set, b.p ? b.p : "", n->pos);
		buf_free(&b);
		return;
	}
	if (r.val->kind != V_STR) {
		diag(set->diags, E_TPL_NOTSCALAR, n->pos, n->path,
		    value_kind_name(r.val));
		if (r.val->kind == V_MAP && r.schema && r.schema->nkeys > 0)
			diag(set->diags, H_MAP_KEY, n->pos, n->path,
			    r.schema->keys[0]->name);
		else
			diag(set->diags, H_USE_JOIN, n->pos);
		return;
	}
	if (n->filter == FILTER_DATE &&
	    r.schema->type != T_DATE) {
		diag(set->diags, E_TPL_FILTER_TYPE, n->pos,
		    filter_names[n->filter], "日付以外");
		return;
	}
	if (set->opt.check_text)
		set->opt.check_text(set->opt.check_ctx, r.val, r.val->str);
	if (n->filter == FILTER_NAME) {
		jt_join_name(&b, scalar_text(set, r.val, tmp, sizeof(tmp)));
		emit_value(set, b.p ? b.p : "", n->pos);
		buf_free(&b);
		return;
	}
	emit_value(set, scalar_text(set, r.val, tmp, sizeof(tmp)), n->pos);
}

static void expand_seq(struct tmpl_set *set, const struct tnode *n);

static int
condition(struct tmpl_set *set, const struct tnode *n, int *out)
{
	struct resolved r;
	char tmp[64];
	const char *text;

	if (resolve(set, n, &r) != 0)
		return -1;
	if (n->cmp == CMP_NONE) {
		*out = truthy(&r);
		return 0;
	}
	if (r.special) {
		snprintf(tmp, sizeof(tmp), "%ld", r.number);
		text = tmp;
	} else if (r.val == NULL)
		text = "";
	else if (r.val->kind != V_STR) {
		diag(set->diags, E_TPL_CMP, n->pos, n->path,
		    value_kind_name(r.val));
		return -1;
	} else
		text = r.val->str;
	*out = (strcmp(text, n->operand) == 0) == (n->cmp == CMP_EQ);
	return 0;
}

static void
push_frame(struct tmpl_set *set, const struct value *v,
    const struct schema *s, size_t index, size_t count, int is_each)
{
	struct frame f = { v, s, index, count, is_each };

	VEC_PUSH(set->frames, f);
}

/* Whether a list item passes the #each's where clause (if any). */
static int
item_matches(const struct tnode *n, const struct value *item)
{
	const struct value *v;

	if (n->where == NULL)
		return 1;
	v = value_get(item, n->where, NULL);
	return ((v != NULL && v->kind == V_STR &&
	    strcmp(v->str, n->operand) == 0) == (n->cmp == CMP_EQ));
}

/*
 * {{role path}}: the name of the role the schema gives path.  When the
 * organisation lacks it (path is false or empty), the role named by the
 * schema's stand_in acts for it; with none, the template assigns work to
 * nobody, which is reported at the tag and at the profile key.
 */
static void
expand_role(struct tmpl_set *set, const struct tnode *n)
{
	struct tnode hop = *n;
	struct resolved r;
	const char *label = NULL;
	int hops;

	if (resolve(set, n, &r) != 0)
		return;
	for (hops = 0; hops < 8; hops++) {
		if (r.special || r.schema->role == NULL) {
			diag(set->diags, E_TPL_NOT_ROLE, n->pos, hop.path);
			return;
		}
		if (label == NULL)
			label = r.schema->role;
		if (truthy(&r)) {
			emit(set, r.schema->role, strlen(r.schema->role),
			    n->pos);
			return;
		}
		if (r.schema->stand_in == NULL)
			break;
		hop.path = (char *)r.schema->stand_in;
		if (resolve(set, &hop, &r) != 0)
			return;
	}
	diag(set->diags, W_ROLE_ABSENT, n->pos, label, hop.path);
	if (r.val != NULL && r.val->pos.file != NULL)
		diag(set->diags, H_PROFILE_AT, n->pos, hop.path,
		    r.val->pos.file, r.val->pos.line, r.val->pos.col);
	emit(set, label, strlen(label), n->pos);
}

/*
 * {{chapter regulations.chapters.x}}: 「name」の章, a reference to another
 * regulation chapter.  A chapter marked 作成不要 is not in the document, so
 * referring to it is an error shown at the reference and at the status;
 * the template must switch the sentence on the status instead.
 */
static void
expand_chapter(struct tmpl_set *set, const struct tnode *n)
{
	struct resolved r;
	const struct value *st;
	struct buf b = {0};

	if (resolve(set, n, &r) != 0)
		return;
	if (r.special || r.schema->title == NULL) {
		diag(set->diags, E_TPL_NOT_ROLE, n->pos, n->path);
		return;
	}
	/* written: derived from the status and the registry's condition */
	st = value_get(r.val, pkey_leaf(K_CHAPTER_STATUS), NULL);
	if (!value_true(value_get(r.val, pkey_leaf(K_CHAPTER_WRITTEN),
	    NULL))) {
		diag(set->diags, E_CHAPTER_REF, n->pos, r.schema->title);
		if (st->pos.file != NULL)
			diag(set->diags, H_PROFILE_AT, n->pos, "整備状況",
			    st->pos.file, st->pos.line, st->pos.col);
	}
	buf_addf(&b, "「%s」の章", r.schema->title);
	emit(set, b.p, b.n, n->pos);
	buf_free(&b);
}

static void
expand_each(struct tmpl_set *set, const struct tnode *n)
{
	struct resolved r;
	const struct schema *item;
	size_t i, k, count;

	if (resolve(set, n, &r) != 0)
		return;
	if (r.special || r.schema->type != T_LIST) {
		diag(set->diags, E_TPL_NOTLIST, n->pos, n->path,
		    r.special ? "番号" : r.val ? value_kind_name(r.val) :
		    "リストでない名前");
		return;
	}
	if (r.val == NULL || r.val->n == 0) {
		expand_seq(set, n->alt);
		return;
	}
	item = r.schema->items;
	if (n->where && (item->type != T_MAP ||
	    schema_key(item, n->where) == NULL)) {
		diag(set->diags, E_TPL_NAME, n->pos, n->where);
		return;
	}
	for (i = count = 0; i < r.val->n; i++)
		count += item_matches(n, r.val->items[i]);
	if (count == 0) {
		expand_seq(set, n->alt);
		return;
	}
	for (i = k = 0; i < r.val->n; i++) {
		const struct value *v = r.val->items[i];
		const struct schema *s = item;

		if (!item_matches(n, v))
			continue;
		if (item->type == T_REF) {
			/* A list of refs iterates over the items they name. */
			v = schema_deref(set->opt.profile, v);
			s = ref_target_schema(set, item);
		}
		push_frame(set, v, s, k++, count, 1);
		expand_seq(set, n->body);
		set->frames.n--;
	}
}

static void
expand_with(struct tmpl_set *set, const struct tnode *n)
{
	struct resolved r;
	const struct value *v;
	const struct schema *s;

	if (resolve(set, n, &r) != 0)
		return;
	v = r.val;
	s = r.schema;
	if (!r.special && s->type == T_REF) {
		v = v ? schema_deref(set->opt.profile, v) : NULL;
		s = ref_target_schema(set, s);
	}
	if (r.special || s == NULL || s->type != T_MAP) {
		diag(set->diags, E_TPL_NOTMAP, n->pos, n->path,
		    r.val ? value_kind_name(r.val) : "マップでない名前");
		return;
	}
	push_frame(set, v, s, 0, 0, 0);
	expand_seq(set, n->body);
	set->frames.n--;
}

static void
expand_include(struct tmpl_set *set, const struct tnode *n)
{
	struct template *t = get_template(set, n->path, n->pos);

	if (t == NULL)
		return;
	if (t->expanding) {
		diag(set->diags, E_TPL_RECURSION, n->pos, n->path);
		return;
	}
	if (set->include_depth >= TMPL_MAX_INCLUDES) {
		diag(set->diags, E_LIMIT_INCLUDES, n->pos,
		    (size_t)set->include_depth + 1, (size_t)TMPL_MAX_INCLUDES);
		return;
	}
	t->expanding = 1;
	set->include_depth++;
	expand_seq(set, t->root);
	set->include_depth--;
	t->expanding = 0;
	if (!set->at_line_start)
		emit(set, "\n", 1, n->pos);
}

/*
 * The company folder, opened once with O_NOFOLLOW: every slot file is
 * then opened relative to this descriptor, so that no symbolic link
 * swapped in between a check and the open can lead elsewhere.  -1 after
 * reporting a folder that is a symbolic link.
 */
static int
slots_folder(struct tmpl_set *set)
{
	if (set->slots_fd != -2)
		return set->slots_fd;
	set->slots_fd = open(set->opt.slots_dir,
	    O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (set->slots_fd < 0)
		diag(set->diags, errno == ELOOP || errno == ENOTDIR ?
		    E_SLOT_LINK : E_OPEN, (struct pos){ set->opt.slots_dir,
		    0, 0 }, errno == ELOOP || errno == ENOTDIR ?
		    set->opt.slots_dir : errno_text(errno));
	return set->slots_fd;
}

/*
 * Opens slot file name.md in the company folder: a descriptor, or -1
 * when there is none (nothing reported) or it was refused (reported).
 * Only a regular file is read; not a symbolic link, not a FIFO.
 */
static int
open_slot(struct tmpl_set *set, const char *name, const char *path)
{
	struct buf file = {0};
	struct stat st;
	int dir = slots_folder(set), fd;

	if (dir < 0)
		return -1;
	buf_addf(&file, "%s.md", name);
	fd = openat(dir, file.p, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC | O_NOCTTY);
	buf_free(&file);
	if (fd < 0) {
		if (errno == ELOOP)
			diag(set->diags, E_SLOT_LINK, (struct pos){ path, 0, 0 },
			    path);
		else if (errno != ENOENT)
			diag(set->diags, E_OPEN, (struct pos){ path, 0, 0 },
			    errno_text(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag(set->diags, E_NOT_FILE, (struct pos){ path, 0, 0 },
		    source_file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * Company Markdown is inserted as it is (it is the consultant's own
 * Markdown, not a template), but only from a regular file inside the
 * company's folder.
 */
static void
expand_slot(struct tmpl_set *set, const struct tnode *n)
{
	struct buf path = {0};
	struct source src;
	size_t i;
	int fd;

	for (i = 0; i < set->slots_used.n; i++)
		if (strcmp(set->slots_used.v[i], n->path) == 0)
			break;
	if (i == set->slots_used.n)
		VEC_PUSH(set->slots_used, xstrdup(n->path));
	if (set->opt.slots_dir == NULL)
		return;
	buf_addf(&path, "%s/%s.md", set->opt.slots_dir, n->path);
	if ((fd = open_slot(set, n->path, path.p)) < 0) {
		buf_free(&path);
		return;
	}
	if (source_load_fd(&src, fd, path.p, set->opt.encoding,
	    set->diags) == 0) {
		struct pos start = { src.path, 1, 1 };

		if (!set->at_line_start)
			emit(set, "\n", 1, n->pos);
		emit(set, "\n", 1, n->pos);
		set->copying = 1;
		emit(set, src.text, src.len, start);
		set->copying = 0;
		if (!set->at_line_start)
			emit(set, "\n", 1, n->pos);
		emit(set, "\n", 1, n->pos);
		/* Keep the path alive for the line map. */
		VEC_PUSH(set->kept_paths, src.path);
		src.path = NULL;
		source_free(&src);
	}
	buf_free(&path);
}

/* {{counter NAME = N}} sets it; {{counter NAME}} adds one and prints. */
static void
expand_counter(struct tmpl_set *set, const struct tnode *n)
{
	struct counter *c = NULL;
	char num[32];
	size_t i;

	for (i = 0; i < set->counters.n; i++)
		if (strcmp(set->counters.v[i].name, n->path) == 0)
			c = &set->counters.v[i];
	if (c == NULL) {
		struct counter nc = { xstrdup(n->path), 0 };

		VEC_PUSH(set->counters, nc);
		c = &set->counters.v[set->counters.n - 1];
	}
	if (n->set >= 0) {
		c->value = n->set;
		return;
	}
	snprintf(num, sizeof(num), "%ld", ++c->value);
	emit(set, num, strlen(num), n->pos);
}

static void
expand_seq(struct tmpl_set *set, const struct tnode *n)
{
	int c;

	for (; n != NULL && !set->overflow; n = n->next) {
		switch (n->kind) {
		case TN_TEXT:
			emit(set, n->text, n->len, n->pos);
			break;
		case TN_VAR:
			expand_var(set, n);
			break;
		case TN_IF:
		case TN_UNLESS:
			if (condition(set, n, &c) != 0)
				break;
			if (n->kind == TN_UNLESS)
				c = !c;
			expand_seq(set, c ? n->body : n->alt);
			break;
		case TN_EACH:
			expand_each(set, n);
			break;
		case TN_WITH:
			expand_with(set, n);
			break;
		case TN_INCLUDE:
			expand_include(set, n);
			break;
		case TN_SLOT:
			expand_slot(set, n);
			break;
		case TN_COUNTER:
			expand_counter(set, n);
			break;
		case TN_ROLE:
			expand_role(set, n);
			break;
		case TN_CHAPTER:
			expand_chapter(set, n);
			break;
		}
	}
}

struct tmpl_set *
tmpl_set_new(const struct tmpl_options *opt, struct diags *d)
{
	struct tmpl_set *set = xcalloc(1, sizeof(*set));

	set->opt = *opt;
	set->diags = d;
	set->arena = arena_new();
	set->slots_fd = -2;
	return set;
}

void
tmpl_set_free(struct tmpl_set *set)
{
	struct template *t, *next;
	size_t i;

	if (set == NULL)
		return;
	if (set->slots_fd >= 0)
		close(set->slots_fd);
	for (t = set->templates; t != NULL; t = next) {
		next = t->next;
		source_free(&t->src);
		free(t->name);
		free(t);
	}
	for (i = 0; i < set->slots_used.n; i++)
		free(set->slots_used.v[i]);
	VEC_FREE(set->slots_used);
	for (i = 0; i < set->kept_paths.n; i++)
		free(set->kept_paths.v[i]);
	VEC_FREE(set->kept_paths);
	buf_free(&set->out);
	VEC_FREE(set->lines);
	VEC_FREE(set->starts);
	VEC_FREE(set->verbatim);
	VEC_FREE(set->frames);
	for (i = 0; i < set->counters.n; i++)
		free(set->counters.v[i].name);
	VEC_FREE(set->counters);
	arena_free(set->arena);
	free(set);
}

int
tmpl_expand(struct tmpl_set *set, const char *name, struct expansion *out)
{
	return tmpl_expand_for(set, name, NULL, out);
}

int
tmpl_expand_for(struct tmpl_set *set, const char *name,
    const struct value *item, struct expansion *out)
{
	struct template *t;
	int errors = set->diags->errors;
	struct pos from = { name, 0, 0 };

	memset(out, 0, sizeof(*out));
	set->out.n = 0;
	set->lines.n = 0;
	set->starts.n = 0;
	set->verbatim.n = 0;
	set->frames.n = 0;
	for (size_t i = 0; i < set->counters.n; i++)
		set->counters.v[i].value = 0;	/* each document counts anew */
	set->at_line_start = 1;
	set->overflow = 0;
	push_frame(set, set->opt.profile, set->opt.schema, 0, 0, 0);
	if (item != NULL)	/* `this` and its keys name the item */
		push_frame(set, item, item->schema, 0, 1, 0);
	if ((t = get_template(set, name, from)) != NULL) {
		t->expanding = 1;
		expand_seq(set, t->root);
		t->expanding = 0;
	}
	if (set->diags->errors > errors)
		return -1;
	out->md = xstrndup(set->out.p ? set->out.p : "", set->out.n);
	out->len = set->out.n;
	out->nlines = set->lines.n;
	out->lines = xcalloc(set->lines.n + 1, sizeof(*out->lines));
	out->starts = xcalloc(set->lines.n + 1, sizeof(*out->starts));
	out->verbatim = xcalloc(set->lines.n + 1, 1);
	if (set->lines.n) {
		memcpy(out->lines, set->lines.v,
		    set->lines.n * sizeof(*out->lines));
		memcpy(out->starts, set->starts.v,
		    set->lines.n * sizeof(*out->starts));
		memcpy(out->verbatim, set->verbatim.v, set->lines.n);
	}
	return 0;
}

/*
 * Looks for {{slot name}} in the template files of dir (not expanded for
 * this profile, or the slot would have been met); on a hit, puts the
 * file's first # heading into heading and returns 0.
 */
static int
slot_in_dir(const char *dir, const char *name, struct buf *heading)
{
	DIR *dp;
	struct dirent *de;
	struct buf tag = {0}, path = {0};
	int found = -1;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	buf_addf(&tag, "{{slot %s}}", name);
	while (found != 0 && (de = readdir(dp)) != NULL) {
		size_t n = strlen(de->d_name), len;
		char *text, *h;

		if (n < 4 || strcmp(de->d_name + n - 3, ".md") != 0)
			continue;
		path.n = 0;
		buf_addf(&path, "%s/%s", dir, de->d_name);
		if ((text = read_file(path.p, &len)) == NULL)
			continue;
		if (strstr(text, tag.p) != NULL) {
			h = strncmp(text, "# ", 2) == 0 ? text :
			    strstr(text, "\n# ");
			if (h != NULL) {
				h += h == text ? 2 : 3;
				buf_add(heading, h, strcspn(h, "\n"));
				found = 0;
			}
		}
		free(text);
	}
	closedir(dp);
	buf_free(&tag);
	buf_free(&path);
	return found;
}

static int
slot_home_heading(struct tmpl_set *set, const char *name, struct buf *heading)
{
	static const char *dirs[] = { "", "/regulations", "/fragments" };
	struct buf dir = {0};
	size_t i;
	int r = -1;

	for (i = 0; r != 0 && i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		dir.n = 0;
		buf_addf(&dir, "%s%s", set->opt.templates_dir, dirs[i]);
		r = slot_in_dir(dir.p, name, heading);
	}
	buf_free(&dir);
	return r;
}

void
tmpl_check_slots(struct tmpl_set *set)
{
	DIR *dp;
	struct dirent *de;
	size_t i, len;

	if (set->opt.slots_dir == NULL ||
	    (dp = opendir(set->opt.slots_dir)) == NULL)
		return;
	while ((de = readdir(dp)) != NULL) {
		len = strlen(de->d_name);
		if (len < 4 || strcmp(de->d_name + len - 3, ".md") != 0)
			continue;
		for (i = 0; i < set->slots_used.n; i++)
			if (strlen(set->slots_used.v[i]) == len - 3 &&
			    strncmp(set->slots_used.v[i], de->d_name,
			    len - 3) == 0)
				break;
		if (i < set->slots_used.n)
			continue;
		struct buf path = {0}, stem = {0}, heading = {0};
		const char *near;

		buf_addf(&path, "%s/%s", set->opt.slots_dir, de->d_name);
		buf_add(&stem, de->d_name, len - 3);
		if (slot_home_heading(set, stem.p, &heading) == 0) {
			/* The slot exists, in a chapter left out. */
			diag(set->diags, W_SLOT_OMITTED,
			    (struct pos){ path.p, 0, 0 }, stem.p, heading.p);
			buf_free(&heading);
			buf_free(&path);
			buf_free(&stem);
			continue;
		}
		diag(set->diags, W_SLOT_UNUSED, (struct pos){ path.p, 0, 0 });
		near = closest_name(stem.p, (const char *const *)
		    set->slots_used.v, set->slots_used.n);
		if (near != NULL)
			diag(set->diags, H_DID_YOU_MEAN,
			    (struct pos){ path.p, 0, 0 }, near);
		buf_free(&path);
		buf_free(&stem);
	}
	closedir(dp);
}

void
tmpl_list_files(const struct tmpl_set *set, struct buf *out)
{
	const struct template *t;
	size_t i;

	for (t = set->templates; t != NULL; t = t->next)
		if (t->src.path != NULL)
			buf_addf(out, "%s ", t->src.path);
	for (i = 0; i < set->kept_paths.n; i++)
		buf_addf(out, "%s ", set->kept_paths.v[i]);
}
