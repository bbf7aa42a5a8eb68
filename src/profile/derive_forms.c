/*
 * derive_forms.c: the values behind the distribution and pledge forms.
 * The roster CSV (an optional file in the company's folder) becomes
 * distribution.staff; each copy of distribution.copies gets its 配布番号
 * (from the distribution.number format), its holder's name and
 * department, the receipt's due date and a state; the copies still owing
 * a receipt become distribution.receipts (one 受領確認書 page each) and
 * the pledges to print become pledge.pages.  receipts.pdf, the 配布管理台帳
 * workbook and the checks all read these values, never recompute them.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/csv.h"
#include "base/dates.h"
#include "base/util.h"
#include "doc/docset.h"
#include "profile/derive_forms.h"
#include "profile/profile.h"
#include "profile/schema.h"

static const char *
str_of(const struct value *m, enum pkey k)
{
	const struct value *v = profile_get(m, k);

	return v != NULL && v->kind == V_STR && v->str[0] ? v->str : NULL;
}

static void
put_str(struct arena *a, struct value *m, enum pkey k, const char *s,
    struct pos pos)
{
	if (s != NULL && *s)
		derive_set(m, k, derive_str(a, s, pos));
}

/* ---- the roster CSV ---- */

/* A roster is named by a plain file name inside the company's folder. */
static int
plain_file_name(const char *s)
{
	return *s && strchr(s, '/') == NULL && strcmp(s, ".") != 0 &&
	    strcmp(s, "..") != 0;
}

static const char *
trimmed(struct arena *a, const char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

/*
 * A roster date as Excel writes it (2025/4/1) or as profiles do
 * (2025-04-01), into YYYY-MM-DD; 0, or -1 when it is not a day.
 */
static int
roster_date(const char *s, char out[32])
{
	int y, m, dd, n = 0;
	struct date dt;

	if ((sscanf(s, "%4d/%2d/%2d%n", &y, &m, &dd, &n) != 3 &&
	    sscanf(s, "%4d-%2d-%2d%n", &y, &m, &dd, &n) != 3) ||
	    s[n] != '\0' || y < 1900 || m < 1 || m > 12)
		return -1;
	snprintf(out, 32, "%04d-%02d-%02d", y, m, dd);
	return date_parse(out, &dt);
}

/* Reads the roster file: UTF-8 when the bytes are, else CP932. */
static int
roster_source(struct source *src, const char *folder, const char *path,
    struct pos at, struct diags *d)
{
	struct stat st;
	struct buf why = {0};
	size_t len;
	char *bytes;
	enum encoding enc;

	/* Like the slots: a regular file, not a link, in a real folder. */
	if ((lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) ||
	    (lstat(folder, &st) == 0 && !S_ISDIR(st.st_mode))) {
		diag(d, E_SLOT_LINK, at, path);
		return -1;
	}
	if ((bytes = read_file(path, &len)) == NULL) {
		buf_addf(&why, "%s（%s）", path, errno_text(errno));
		diag(d, E_OPEN, at, why.p);
		buf_free(&why);
		return -1;
	}
	enc = utf8_valid_prefix(bytes, len) == len ? ENC_UTF8 : ENC_CP932;
	free(bytes);
	return source_load(src, path, enc, d);
}

static const char *const roster_cols[] = { "社員番号", "氏名", "所属",
    "入社日", "退職日" };
/* The staff keys the columns fill, in the order of roster_cols. */
static const enum pkey staff_keys[] = { K_STAFF_ID, K_STAFF_NAME,
    K_STAFF_DEPT, K_STAFF_JOINED, K_STAFF_LEFT };

/* One roster line into a staff map; errors at the cell. */
static struct value *
staff_row(struct arena *a, const struct schema *s, const struct csv_row *r,
    const int *col, struct diags *d)
{
	struct value *m = derive_map(a, s, r->at);
	size_t k;

	for (k = 0; k < 5; k++) {
		const char *cell;
		char day[32];

		if (col[k] < 0)
			continue;
		cell = trimmed(a, r->cells[col[k]]);
		if (*cell == '\0') {
			if (k < 2)
				diag(d, E_ROSTER_EMPTY, r->pos[col[k]],
				    roster_cols[k]);
			continue;
		}
		if (k >= 3) {
			if (roster_date(cell, day) != 0) {
				diag(d, E_ROSTER_DATE, r->pos[col[k]],
				    roster_cols[k], cell);
				continue;
			}
			cell = day;
		}
		derive_set(m, staff_keys[k], derive_str(a, cell,
		    r->pos[col[k]]));
	}
	return m;
}

static void
read_roster(struct value *dist, struct arena *a, const struct csv *csv,
    const struct value *at, struct diags *d)
{
	const struct schema *ls = schema_key(dist->schema,
	    pkey_leaf(K_DIST_STAFF));
	const struct csv_row *head = &csv->rows[0];
	struct value *staff = derive_list(a, csv->nrows, at->pos);
	int col[5];
	size_t i, j, k;

	for (k = 0; k < 5; k++) {
		col[k] = csv_column(head, roster_cols[k]);
		if (col[k] < 0 && k < 3) {
			diag(d, E_ROSTER_COLUMN, head->at, roster_cols[k]);
			return;
		}
	}
	for (i = 1; i < csv->nrows; i++) {
		const struct csv_row *r = &csv->rows[i];
		struct value *m;
		const char *id;

		if (r->n != head->n) {
			diag(d, E_ROSTER_CELLS, r->at, r->n, head->n);
			continue;
		}
		m = staff_row(a, ls->items, r, col, d);
		if ((id = str_of(m, K_STAFF_ID)) == NULL)
			continue;
		for (j = 0; j < staff->n; j++)
			if (strcmp(str_of(staff->items[j], K_STAFF_ID),
			    id) == 0) {
				diag(d, E_DUP_ID, r->pos[col[0]], id,
				    staff->items[j]->pos.line);
				break;
			}
		if (j == staff->n)
			staff->items[staff->n++] = m;
	}
	derive_set(dist, K_DIST_STAFF, staff);
}

int
derive_staff(struct value *root, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	struct value *dist = (struct value *)profile_at(root, K_DIST);
	const struct value *name = profile_at(root, K_DIST_ROSTER);
	struct source src = {0};
	struct buf path = {0};
	struct csv csv;

	if (dist == NULL || name == NULL || o->folder == NULL)
		return 0;
	if (!plain_file_name(name->str)) {
		diag(d, E_ROSTER_FILE, name->pos, name->str);
		return -1;
	}
	buf_addf(&path, "%s/%s", o->folder, name->str);
	if (roster_source(&src, o->folder, path.p, name->pos, d) == 0) {
		/* Positions outlive the source: they name the arena's copy. */
		char *kept = arena_strdup(a, src.path);

		free(src.path);
		src.path = kept;
		if (csv_parse(&src, a, &csv, d) == 0 && csv.nrows > 0)
			read_roster(dist, a, &csv, name, d);
		else if (csv.nrows == 0)
			diag(d, E_EMPTY, (struct pos){ kept, 0, 0 });
		src.path = NULL;
		source_free(&src);
	}
	buf_free(&path);
	return 0;
}

/* ---- people named by id, 社員番号 or name ---- */

struct person {
	const char	*name, *department, *staff_id, *id;
};

static const struct value *
find_by_id(const struct value *list, enum pkey key, const char *id)
{
	size_t i;

	for (i = 0; list != NULL && i < list->n; i++) {
		const char *s = str_of(list->items[i], key);

		if (s != NULL && strcmp(s, id) == 0)
			return list->items[i];
	}
	return NULL;
}

/* An id-like word: a typo of an id must not pass as somebody's name. */
static int
looks_like_id(const char *s)
{
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		    *s == '.'))
			return 0;
	return 1;
}

/*
 * Resolves a `to:` value: a people id, a roster 社員番号, else a name
 * written out.  Returns 0, or -1 after reporting an unknown id.
 */
static int
find_person(const struct value *root, const struct value *to,
    struct person *p, struct diags *d)
{
	const struct value *m;

	memset(p, 0, sizeof(*p));
	if ((m = find_by_id(profile_at(root, K_PEOPLE), K_PERSON_ID,
	    to->str)) != NULL) {
		p->id = to->str;
		p->name = str_of(m, K_PERSON_NAME);
		p->department = str_of(m, K_PERSON_DEPT);
		return 0;
	}
	if ((m = find_by_id(profile_at(root, K_DIST_STAFF), K_STAFF_ID,
	    to->str)) != NULL) {
		p->staff_id = to->str;
		p->name = str_of(m, K_STAFF_NAME);
		p->department = str_of(m, K_STAFF_DEPT);
		return 0;
	}
	if (looks_like_id(to->str)) {
		diag(d, E_PERSON_UNKNOWN, to->pos, to->str);
		return -1;
	}
	p->name = to->str;
	return 0;
}

/* The name a `to:` value stands for, without reporting anything. */
static const char *
person_name(const struct value *root, const char *to)
{
	const struct value *m;

	if ((m = find_by_id(profile_at(root, K_PEOPLE), K_PERSON_ID,
	    to)) != NULL)
		return str_of(m, K_PERSON_NAME);
	if ((m = find_by_id(profile_at(root, K_DIST_STAFF), K_STAFF_ID,
	    to)) != NULL)
		return str_of(m, K_STAFF_NAME);
	return to;
}

/* When the person of this name signed the pledge at hiring, or NULL. */
static const char *
pledge_signed(const struct value *root, const char *name)
{
	const struct value *records = profile_at(root, K_PLEDGE_RECORDS);
	size_t i;

	for (i = 0; name != NULL && records != NULL && i < records->n;
	    i++) {
		const struct value *r = records->items[i];
		const char *to = str_of(r, K_PREC_TO), *variant;

		variant = str_of(r, K_PREC_VARIANT);
		if (to != NULL && variant != NULL &&
		    strcmp(variant, "入社時") == 0 &&
		    strcmp(person_name(root, to), name) == 0)
			return str_of(r, K_PREC_SIGNED);
	}
	return NULL;
}

/* ---- 配布番号 ---- */

static const char *
doc_code(const char *doc)
{
	return strcmp(doc, "regulations") == 0 ? "RG" : "HB";
}

/*
 * Expands the number format: {doc}, {version}, {no} and {no:0N} (N from
 * 1 to 9).  Returns 0, or -1 when the format has anything else in braces.
 */
static int
format_number(const char *fmt, const char *code, const char *version,
    int no, struct buf *out)
{
	const char *p = fmt, *close;

	while (*p) {
		if (*p != '{') {
			if (*p == '}')
				return -1;
			buf_addc(out, *p++);
			continue;
		}
		if ((close = strchr(p, '}')) == NULL)
			return -1;
		if (strncmp(p, "{doc}", 5) == 0)
			buf_adds(out, code);
		else if (strncmp(p, "{version}", 9) == 0)
			buf_adds(out, version);
		else if (strncmp(p, "{no}", 4) == 0)
			buf_addf(out, "%d", no);
		else if (strncmp(p, "{no:0", 5) == 0 && p[5] >= '1' &&
		    p[5] <= '9' && p[6] == '}')
			buf_addf(out, "%0*d", p[5] - '0', no);
		else
			return -1;
		p = close + 1;
	}
	return 0;
}

/* Each document and version numbers its copies on its own. */
struct series {
	const char	*doc, *version;
	int		 last;
};

static int
next_number(struct series **s, size_t *n, const char *doc,
    const char *version, const struct value *no)
{
	size_t i;
	int want = no != NULL ? atoi(no->str) : 0;

	for (i = 0; i < *n; i++)
		if (strcmp((*s)[i].doc, doc) == 0 &&
		    strcmp((*s)[i].version, version) == 0)
			break;
	if (i == *n) {
		*s = xrealloc(*s, (*n + 1) * sizeof(**s));
		(*s)[i].doc = doc;
		(*s)[i].version = version;
		(*s)[i].last = 0;
		(*n)++;
	}
	if (want == 0)
		want = (*s)[i].last + 1;
	if (want > (*s)[i].last)
		(*s)[i].last = want;
	return want;
}

/* Whether doc is one of the documents distribution.documents numbers. */
static int
distributed(const struct value *root, const char *doc)
{
	const struct value *docs = profile_at(root, K_DIST_DOCUMENTS);
	size_t i;

	for (i = 0; docs != NULL && i < docs->n; i++)
		if (strcmp(docs->items[i]->str, doc) == 0)
			return 1;
	return 0;
}

static const char *
copy_state(int current, const char *received, const char *returned)
{
	if (returned != NULL)
		return "回収済";
	if (!current)
		return "旧版未回収";
	return received != NULL ? "受領済" : "未受領";
}

/* The receipt's due date: issued + due_days. */
static void
due_date(const char *issued, const struct value *days, char out[32])
{
	struct date dt;

	out[0] = '\0';
	if (date_parse(issued, &dt) != 0)
		return;
	dt = date_add_days(dt, days != NULL ? atoi(days->str) : 14);
	snprintf(out, 32, "%04d-%02d-%02d", dt.y, dt.m, dt.d);
}

static const char *
doc_title(const struct derive_opts *o, const char *doc)
{
	const struct docdef *def = o->registry ? docset_find(o->registry,
	    doc) : NULL;

	return def != NULL ? def->title : doc;
}

/* The copy's row of distribution.issued. */
static struct value *
issued_row(struct arena *a, const struct value *root,
    const struct schema *s, const struct value *c,
    const char *number, const char *title, const char *version,
    const struct person *p, const char *due, int current)
{
	struct value *m = derive_map(a, s, c->pos);
	const char *received = str_of(c, K_COPY_RECEIVED);
	const char *returned = str_of(c, K_COPY_RETURNED);

	put_str(a, m, K_ISS_NUMBER, number, c->pos);
	put_str(a, m, K_ISS_DOCUMENT, title, c->pos);
	put_str(a, m, K_ISS_VERSION, version, c->pos);
	put_str(a, m, K_ISS_NAME, p->name, c->pos);
	put_str(a, m, K_ISS_DEPT, p->department, c->pos);
	put_str(a, m, K_ISS_STAFF_ID, p->staff_id, c->pos);
	put_str(a, m, K_ISS_ISSUED, str_of(c, K_COPY_ISSUED), c->pos);
	put_str(a, m, K_ISS_DUE, due, c->pos);
	put_str(a, m, K_ISS_RECEIVED, received, c->pos);
	put_str(a, m, K_ISS_RETURNED, returned, c->pos);
	put_str(a, m, K_ISS_CURRENT, current ? "true" : "false", c->pos);
	put_str(a, m, K_ISS_STATE, copy_state(current, received, returned),
	    c->pos);
	put_str(a, m, K_ISS_NOTE, str_of(c, K_COPY_NOTE), c->pos);
	put_str(a, m, K_ISS_PLEDGED, pledge_signed(root, p->name), c->pos);
	return m;
}

/* The row of distribution.receipts: the few keys the form prints. */
static struct value *
receipt_row(struct arena *a, const struct schema *s, const struct value *r)
{
	static const struct {
		enum pkey	from, to;	/* issued row, receipt row */
	} keys[] = {
		{ K_ISS_NUMBER, K_RCPT_NUMBER },
		{ K_ISS_DOCUMENT, K_RCPT_DOCUMENT },
		{ K_ISS_VERSION, K_RCPT_VERSION },
		{ K_ISS_NAME, K_RCPT_NAME },
		{ K_ISS_DEPT, K_RCPT_DEPT },
		{ K_ISS_DUE, K_RCPT_DUE },
	};
	struct value *m = derive_map(a, s, r->pos);
	size_t k;

	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
		const struct value *v = profile_get(r, keys[k].from);

		if (v != NULL)
			derive_set(m, keys[k].to, derive_str(a, v->str,
			    v->pos));
	}
	return m;
}

/* Whom receipts go to: receipt.submit_to, else the security officer. */
static void
derive_submit_to(struct value *dist, const struct value *root,
    struct arena *a)
{
	const struct value *ref = profile_at(root, K_DIST_SUBMIT);
	const struct value *p;
	struct buf s = {0};

	if (ref == NULL)
		ref = profile_at(root, K_SECURITY_OFFICER);
	if ((p = schema_deref(root, ref)) == NULL)
		return;
	if (str_of(p, K_PERSON_TITLE))
		buf_addf(&s, "%s　", str_of(p, K_PERSON_TITLE));
	buf_adds(&s, str_of(p, K_PERSON_NAME));
	derive_set(dist, K_DIST_SUBMIT_TO, derive_str(a, s.p, ref->pos));
	buf_free(&s);
}

int
derive_issued(struct value *root, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	struct value *dist = (struct value *)profile_at(root, K_DIST);
	const struct value *copies = profile_at(root, K_DIST_COPIES);
	const struct value *fmt = profile_at(root, K_DIST_NUMBER);
	const char *current = profile_str(root, K_POLICY_VERSION);
	const struct schema *is, *rs;
	struct value *issued, *receipts;
	struct series *series = NULL;
	size_t nseries = 0, i, j;

	if (dist == NULL || copies == NULL || fmt == NULL || current == NULL)
		return 0;
	is = schema_key(dist->schema, pkey_leaf(K_DIST_ISSUED));
	rs = schema_key(dist->schema, pkey_leaf(K_DIST_RECEIPTS));
	issued = derive_list(a, copies->n, copies->pos);
	receipts = derive_list(a, copies->n, copies->pos);
	for (i = 0; i < copies->n; i++) {
		const struct value *c = copies->items[i];
		const char *doc = str_of(c, K_COPY_DOCUMENT);
		const char *version = str_of(c, K_COPY_VERSION);
		struct person p;
		struct buf num = {0};
		struct value *row;
		char due[32];
		int no;

		if (doc == NULL)
			doc = "handbook";
		if (version == NULL)
			version = current;
		if (!distributed(root, doc)) {
			const struct value *dv = profile_get(c,
			    K_COPY_DOCUMENT);

			diag(d, E_NOT_DISTRIBUTED, dv->defaulted ? c->pos :
			    dv->pos, doc);
			continue;
		}
		if (find_person(root, profile_get(c, K_COPY_TO), &p, d) != 0)
			continue;
		no = next_number(&series, &nseries, doc, version,
		    profile_get(c, K_COPY_NO));
		if (format_number(fmt->str, doc_code(doc), version, no,
		    &num) != 0) {
			diag(d, E_NUMBER_FORMAT, fmt->pos, fmt->str);
			buf_free(&num);
			break;
		}
		for (j = 0; j < issued->n; j++)
			if (strcmp(str_of(issued->items[j], K_ISS_NUMBER),
			    num.p) == 0) {
				diag(d, E_NUMBER_DUP, c->pos, num.p,
				    issued->items[j]->pos.line);
				break;
			}
		due_date(str_of(c, K_COPY_ISSUED), profile_at(root,
		    K_DIST_DUE_DAYS), due);
		row = issued_row(a, root, is->items, c, num.p, doc_title(o, doc),
		    version, &p, due, strcmp(version, current) == 0);
		buf_free(&num);
		if (j < issued->n)
			continue;
		issued->items[issued->n++] = row;
		if (strcmp(str_of(row, K_ISS_STATE), "未受領") == 0)
			receipts->items[receipts->n++] = receipt_row(a,
			    rs->items, row);
	}
	free(series);
	derive_set(dist, K_DIST_ISSUED, issued);
	derive_set(dist, K_DIST_RECEIPTS, receipts);
	for (i = 0; i < issued->n; i++)
		issued->items[i]->schema = is->items;
	for (i = 0; i < receipts->n; i++)
		receipts->items[i]->schema = rs->items;
	derive_submit_to(dist, root, a);
	return 0;
}

/* ---- 誓約書 ---- */

static struct value *
pledge_page(struct arena *a, const struct schema *s, const char *variant,
    const struct person *p, struct pos pos)
{
	struct value *m = derive_map(a, s, pos);

	put_str(a, m, K_PAGE_VARIANT, variant, pos);
	put_str(a, m, K_PAGE_LEAVING, strcmp(variant, "退職時") == 0 ? "true" :
	    "false", pos);
	if (p != NULL) {
		put_str(a, m, K_PAGE_NAME, p->name, pos);
		put_str(a, m, K_PAGE_DEPT, p->department, pos);
	}
	return m;
}

/*
 * One page per pledge still to be signed (a record with no signed date),
 * with the name printed; then one blank page per variant for new cases.
 */
int
derive_pledges(struct value *root, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	struct value *pl = (struct value *)profile_at(root, K_PLEDGE);
	const struct value *records = profile_at(root, K_PLEDGE_RECORDS);
	const struct value *variants = profile_at(root, K_PLEDGE_VARIANTS);
	const struct schema *ps;
	struct value *pages;
	size_t i, cap;

	(void)o;
	if (pl == NULL || records == NULL || variants == NULL)
		return 0;
	ps = schema_key(pl->schema, pkey_leaf(K_PLEDGE_PAGES));
	cap = records->n + variants->n;
	pages = derive_list(a, cap, pl->pos);
	for (i = 0; i < records->n; i++) {
		const struct value *r = records->items[i];
		struct person p;

		if (find_person(root, profile_get(r, K_PREC_TO), &p, d) != 0 ||
		    str_of(r, K_PREC_SIGNED) != NULL)
			continue;
		pages->items[pages->n++] = pledge_page(a, ps->items,
		    str_of(r, K_PREC_VARIANT), &p, r->pos);
	}
	for (i = 0; i < variants->n; i++)
		pages->items[pages->n++] = pledge_page(a, ps->items,
		    variants->items[i]->str, NULL, variants->items[i]->pos);
	derive_set(pl, K_PLEDGE_PAGES, pages);
	for (i = 0; i < pages->n; i++)
		pages->items[i]->schema = ps->items;
	return 0;
}

/* ---- checks ---- */

static int
same_holder(const struct value *a, const struct value *b)
{
	const char *x = str_of(a, K_ISS_NAME), *y = str_of(b, K_ISS_NAME);

	return x != NULL && y != NULL && strcmp(x, y) == 0 &&
	    strcmp(str_of(a, K_ISS_DOCUMENT), str_of(b, K_ISS_DOCUMENT)) == 0;
}

static void
check_copies(const struct value *root, struct diags *d)
{
	const struct value *issued = profile_at(root, K_DIST_ISSUED);
	const char *current = profile_str(root, K_POLICY_VERSION);
	size_t i, j;

	for (i = 0; issued != NULL && i < issued->n; i++) {
		const struct value *c = issued->items[i];
		const char *state = str_of(c, K_ISS_STATE);

		if (strcmp(state, "未受領") == 0)
			diag(d, W_RECEIPT_MISSING, c->pos,
			    str_of(c, K_ISS_NAME), str_of(c, K_ISS_DOCUMENT),
			    str_of(c, K_ISS_VERSION), str_of(c, K_ISS_NUMBER));
		if (strcmp(state, "旧版未回収") != 0)
			continue;
		for (j = 0; j < issued->n; j++)
			if (same_holder(c, issued->items[j]) &&
			    strcmp(str_of(issued->items[j], K_ISS_VERSION),
			    current) == 0)
				break;
		if (j == issued->n)
			diag(d, W_OLD_VERSION_ONLY, c->pos,
			    str_of(c, K_ISS_NAME), str_of(c, K_ISS_DOCUMENT),
			    str_of(c, K_ISS_VERSION), current);
	}
}

/*
 * Everyone on the roster who has not left should hold the current version
 * of each document handed out with numbers (once any copy of it is).
 */
static void
check_roster(const struct value *root, const struct derive_opts *o,
    struct diags *d)
{
	const struct value *staff = profile_at(root, K_DIST_STAFF);
	const struct value *docs = profile_at(root, K_DIST_DOCUMENTS);
	const struct value *issued = profile_at(root, K_DIST_ISSUED);
	const char *current = profile_str(root, K_POLICY_VERSION);
	size_t i, j, k;

	for (k = 0; docs != NULL && issued != NULL && k < docs->n; k++) {
		const char *title = doc_title(o, docs->items[k]->str);

		for (j = 0; j < issued->n; j++)
			if (strcmp(str_of(issued->items[j], K_ISS_DOCUMENT),
			    title) == 0)
				break;
		if (j == issued->n)	/* not handed out with numbers yet */
			continue;
		for (i = 0; staff != NULL && i < staff->n; i++) {
			const struct value *m = staff->items[i];
			const char *name = str_of(m, K_STAFF_NAME);

			if (str_of(m, K_STAFF_LEFT) != NULL || name == NULL)
				continue;
			for (j = 0; j < issued->n; j++) {
				const struct value *c = issued->items[j];

				if (strcmp(str_of(c, K_ISS_DOCUMENT),
				    title) == 0 &&
				    strcmp(str_of(c, K_ISS_VERSION),
				    current) == 0 &&
				    str_of(c, K_ISS_NAME) != NULL &&
				    strcmp(str_of(c, K_ISS_NAME), name) == 0)
					break;
			}
			if (j == issued->n)
				diag(d, W_NO_COPY, m->pos, name, title,
				    current);
		}
	}
}

/* Whether the person (a people item) has signed the pledge at hiring. */
static int
pledged(const struct value *root, const struct value *person)
{
	const struct value *records = profile_at(root, K_PLEDGE_RECORDS);
	const char *id = str_of(person, K_PERSON_ID), *name = str_of(person,
	    K_PERSON_NAME);
	size_t i;

	for (i = 0; records != NULL && i < records->n; i++) {
		const struct value *r = records->items[i];
		const char *to = str_of(r, K_PREC_TO);

		if (str_of(r, K_PREC_SIGNED) != NULL &&
		    strcmp(str_of(r, K_PREC_VARIANT), "入社時") == 0 &&
		    (strcmp(to, id) == 0 ||
		    strcmp(person_name(root, to), name) == 0))
			return 1;
	}
	return 0;
}

/* The role's name: its schema description up to the first bracket. */
static void
role_label(const struct schema *s, char *out, size_t size)
{
	const char *doc = s != NULL && s->doc ? s->doc : "";
	const char *br = strstr(doc, "（");

	snprintf(out, size, "%.*s", br ? (int)(br - doc) : (int)strlen(doc),
	    doc);
}

/* Calls back for every person reference under v (roles and their lists). */
static void
each_role_ref(const struct value *root, const struct value *v,
    const struct schema *role, const char **warned, size_t *nwarned,
    struct diags *d)
{
	const struct value *p;
	char label[128];
	size_t i;

	if (v->kind == V_LIST || v->kind == V_MAP) {
		for (i = 0; i < v->n; i++)
			each_role_ref(root, v->items[i], role, warned,
			    nwarned, d);
		return;
	}
	if (v->schema == NULL || v->schema->type != T_REF ||
	    (p = schema_deref(root, v)) == NULL || pledged(root, p))
		return;
	for (i = 0; i < *nwarned; i++)
		if (strcmp(warned[i], v->str) == 0)
			return;
	warned[(*nwarned)++] = v->str;
	role_label(role, label, sizeof(label));
	diag(d, W_PLEDGE_MISSING, v->pos, str_of(p, K_PERSON_NAME), label);
}

static void
check_pledges(const struct value *root, struct diags *d)
{
	const struct value *pl = profile_at(root, K_PLEDGE);
	const struct value *roles = profile_at(root, K_ROLES);
	const struct value *people = profile_at(root, K_PEOPLE);
	const char **warned;
	size_t i, n = 0;

	/* Only a profile that keeps pledge records is asked about them. */
	if (pl == NULL || pl->defaulted || roles == NULL || people == NULL)
		return;
	warned = xcalloc(people->n + 1, sizeof(*warned));
	for (i = 0; i < roles->n; i++)
		each_role_ref(root, roles->items[i], roles->items[i]->schema,
		    warned, &n, d);
	free(warned);
}

void
forms_check(const struct value *root, const struct docset *registry,
    struct diags *d)
{
	const struct derive_opts o = { registry, NULL, ENC_AUTO };

	check_copies(root, d);
	check_roster(root, &o, d);
	check_pledges(root, d);
}
