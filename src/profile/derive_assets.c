/*
 * derive_assets.c: the asset ledger and its risk values, computed once.
 * The ledger comes from assets.information in the profile, from a CSV
 * file the consultant received (assets.csv), or both; every row is turned
 * into the same input record, then rated: 重要度 is the largest of C, I
 * and A, or 3 when the asset holds personal information or is marked
 * critical; 被害発生可能性 is looked up in the conversion table from the
 * threat and vulnerability of the row's medium (or the asset's own
 * values); リスク値 is their product and is judged 大, 中 or 小 by the
 * thresholds.  A row whose medium is not in the media list is kept but
 * marked 未評価.  IT assets may also come from a CSV (assets.it_csv) with
 * the headings of the workbook's IT資産 sheet; its rows join assets.it.
 * The risk report, the workbook, the regulations and the handbook all
 * read the values written here.
 */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/csv.h"
#include "base/dates.h"
#include "base/util.h"
#include "profile/derive_assets.h"
#include "profile/keys.h"
#include "profile/profile.h"
#include "profile/schema.h"

enum { PI_PLAIN = 1, PI_SENSITIVE = 2, PI_MYNUMBER = 4 };

/* A text field of an input record and where it was written. */
struct field {
	const char	*s;	/* NULL or "" when absent */
	struct pos	 pos;
};

/* One information asset, whichever file it came from. */
struct asset_in {
	struct field	 id, category, name, note, users, owner, retention,
			 registered, treatment, measures, measure_owner,
			 measure_due;
	struct field	*media;
	size_t		 nmedia;
	int		 personal;	/* PI_* bits */
	int		 c, i, a, critical;
	int		 threat, vuln;	/* 0: the medium's */
	struct pos	 pos;
};

struct medium {
	const char	*id, *label;
	int		 threat, vuln, used;
};

struct ctx {
	struct value	*root, *assets;
	struct arena	*a;
	struct diags	*d;
	const struct derive_opts *o;
	int		 table[3][3];	/* [3 - threat][3 - vulnerability] */
	int		 high, medium;
	struct medium	*media;
	size_t		 nmedia;
	struct asset_in	*in;
	size_t		 nin, capin;
	const struct schema *it_item;	/* an assets.it item */
	struct value	**it;		/* IT assets read from the CSV */
	size_t		 nit, capit;
};

static int
has(const struct field *f)
{
	return f->s != NULL && f->s[0] != '\0';
}

static int
int_of(const struct value *v)
{
	return v != NULL && v->kind == V_STR ? atoi(v->str) : 0;
}

static struct value *
num(struct ctx *x, long n, struct pos pos)
{
	char b[32];

	snprintf(b, sizeof(b), "%ld", n);
	return derive_str(x->a, b, pos);
}

static const char *
level_of(const struct ctx *x, int risk)
{
	return risk >= x->high ? "大" : risk >= x->medium ? "中" : "小";
}

/* ---- parameters ---- */

static int
read_table(struct ctx *x)
{
	const struct value *t = profile_at(x->root, K_RISK_TABLE);
	size_t r, c;

	if (t == NULL || t->n != 3)
		goto bad;
	for (r = 0; r < 3; r++) {
		if (t->items[r]->kind != V_LIST || t->items[r]->n != 3)
			goto bad;
		for (c = 0; c < 3; c++)
			x->table[r][c] = int_of(t->items[r]->items[c]);
	}
	return 0;
bad:
	diag(x->d, E_RISK_TABLE, t ? t->pos : x->assets->pos);
	return -1;
}

static int
read_thresholds(struct ctx *x)
{
	const struct value *h = profile_at(x->root, K_RISK_HIGH);
	const struct value *m = profile_at(x->root, K_RISK_MEDIUM);

	x->high = int_of(h);
	x->medium = int_of(m);
	if (x->medium > x->high) {
		diag(x->d, E_RISK_THRESHOLDS, m->pos, m->str, h->str);
		return -1;
	}
	return 0;
}

static void
read_media(struct ctx *x)
{
	const struct value *l = profile_at(x->root, K_ASSETS_MEDIA);
	size_t i;

	if (l == NULL)
		return;
	x->media = arena_alloc(x->a, (l->n + 1) * sizeof(*x->media));
	for (i = 0; i < l->n; i++) {
		struct medium *m = &x->media[x->nmedia++];

		m->id = profile_get(l->items[i], K_MEDIUM_ID)->str;
		m->label = profile_get(l->items[i], K_MEDIUM_LABEL)->str;
		m->threat = int_of(profile_get(l->items[i], K_MEDIUM_THREAT));
		m->vuln = int_of(profile_get(l->items[i],
		    K_MEDIUM_VULNERABILITY));
	}
}

/* The medium named by id or by its label (CSV files hold labels). */
static struct medium *
find_medium(struct ctx *x, const char *name)
{
	size_t i;

	for (i = 0; i < x->nmedia; i++)
		if (strcmp(x->media[i].id, name) == 0 ||
		    strcmp(x->media[i].label, name) == 0)
			return &x->media[i];
	return NULL;
}

static void
unknown_medium(struct ctx *x, const struct field *f)
{
	const char **names = xcalloc(2 * x->nmedia + 1, sizeof(*names));
	struct buf all = {0};
	const char *near;
	size_t i;

	for (i = 0; i < x->nmedia; i++) {
		names[2 * i] = x->media[i].id;
		names[2 * i + 1] = x->media[i].label;
		buf_addf(&all, "%s%s（%s）", i ? "、" : "", x->media[i].id,
		    x->media[i].label);
	}
	diag(x->d, W_ASSET_MEDIUM, f->pos, f->s);
	if ((near = closest_name(f->s, names, 2 * x->nmedia)) != NULL)
		diag(x->d, H_DID_YOU_MEAN, f->pos, near);
	else
		diag(x->d, H_ASSET_MEDIA, f->pos, all.p ? all.p : "");
	buf_free(&all);
	free(names);
}

/* ---- input records ---- */

static struct asset_in *
new_input(struct ctx *x)
{
	if (x->nin == x->capin) {
		x->capin = x->capin ? x->capin * 2 : 64;
		x->in = xrealloc(x->in, x->capin * sizeof(*x->in));
	}
	memset(&x->in[x->nin], 0, sizeof(x->in[0]));
	return &x->in[x->nin++];
}

static struct field
yaml_field(const struct value *item, enum pkey k)
{
	const struct value *v = profile_get(item, k);
	struct field f = { NULL, item->pos };

	if (v != NULL && v->kind == V_STR) {
		f.s = v->str;
		f.pos = v->pos;
	}
	return f;
}

static void
from_yaml(struct ctx *x, const struct value *item)
{
	struct asset_in *in = new_input(x);
	const struct value *media = profile_get(item, K_INFO_MEDIA);
	const struct value *pi = profile_get(item, K_INFO_PERSONAL);
	const struct value *crit = profile_get(item, K_INFO_CRITICAL);
	size_t k;

	in->pos = item->pos;
	in->id = yaml_field(item, K_INFO_ID);
	in->category = yaml_field(item, K_INFO_CATEGORY);
	in->name = yaml_field(item, K_INFO_NAME);
	in->note = yaml_field(item, K_INFO_NOTE);
	in->users = yaml_field(item, K_INFO_USERS);
	in->owner = yaml_field(item, K_INFO_OWNER);
	in->retention = yaml_field(item, K_INFO_RETENTION);
	in->registered = yaml_field(item, K_INFO_REGISTERED);
	in->treatment = yaml_field(item, K_INFO_TREATMENT);
	in->measures = yaml_field(item, K_INFO_MEASURES);
	in->measure_owner = yaml_field(item, K_INFO_MEASURE_OWNER);
	in->measure_due = yaml_field(item, K_INFO_MEASURE_DUE);
	in->c = int_of(profile_get(item, K_INFO_C));
	in->i = int_of(profile_get(item, K_INFO_I));
	in->a = int_of(profile_get(item, K_INFO_A));
	in->threat = int_of(profile_get(item, K_INFO_THREAT));
	in->vuln = int_of(profile_get(item, K_INFO_VULNERABILITY));
	if (crit != NULL)
		value_bool(crit, &in->critical);
	for (k = 0; pi != NULL && k < pi->n; k++)
		in->personal |= strcmp(pi->items[k]->str, "要配慮個人情報") == 0 ?
		    PI_SENSITIVE : strcmp(pi->items[k]->str, "特定個人情報") ==
		    0 ? PI_MYNUMBER : PI_PLAIN;
	in->nmedia = media ? media->n : 0;
	in->media = arena_alloc(x->a, (in->nmedia + 1) * sizeof(*in->media));
	for (k = 0; k < in->nmedia; k++) {
		in->media[k].s = media->items[k]->str;
		in->media[k].pos = media->items[k]->pos;
	}
}

/* ---- the CSV ledger ---- */

enum col { COL_ID, COL_CATEGORY, COL_NAME, COL_NOTE, COL_USERS, COL_OWNER,
    COL_MEDIA, COL_PI, COL_SENSITIVE, COL_MYNUMBER, COL_C, COL_I, COL_A,
    COL_CRITICAL, COL_RETENTION, COL_REGISTERED, COL_THREAT, COL_VULN,
    COL_TREATMENT, COL_MEASURES, COL_MEASURE_OWNER, COL_MEASURE_DUE,
    COL_COMPUTED, COL__COUNT };

/*
 * The headings a ledger may use, as the guideline's sheet and kitei's own
 * workbook name them.  Columns kitei computes are accepted and ignored, so
 * that a sheet exported from the workbook reads back.
 */
struct heading {
	const char	*heading;
	int		 col;	/* enum col, or enum itcol for IT assets */
	int		 required;
};

/* The headings of one kind of CSV and the column that is ignored. */
struct layout {
	const struct heading	*h;
	size_t			 n;
	int			 ignored, ncols;
	const char		*what;	/* the workbook sheet it is, in messages */
};

static const struct heading headings[] = {
	{ "ID", COL_ID, 0 }, { "管理番号", COL_ID, 0 },
	{ "業務分類", COL_CATEGORY, 0 },
	{ "情報資産名称", COL_NAME, 1 }, { "名称", COL_NAME, 1 },
	{ "備考", COL_NOTE, 0 }, { "利用者範囲", COL_USERS, 0 },
	{ "管理部署", COL_OWNER, 0 },
	{ "媒体・保存先", COL_MEDIA, 1 },
	{ "個人情報", COL_PI, 0 }, { "要配慮個人情報", COL_SENSITIVE, 0 },
	{ "特定個人情報", COL_MYNUMBER, 0 },
	{ "機密性", COL_C, 1 }, { "完全性", COL_I, 1 }, { "可用性", COL_A, 1 },
	{ "重要度3扱い", COL_CRITICAL, 0 },
	{ "保存期限", COL_RETENTION, 0 }, { "登録日", COL_REGISTERED, 0 },
	{ "脅威", COL_THREAT, 0 }, { "脆弱性", COL_VULN, 0 },
	{ "対応", COL_TREATMENT, 0 }, { "対策", COL_MEASURES, 0 },
	{ "担当", COL_MEASURE_OWNER, 0 }, { "期限", COL_MEASURE_DUE, 0 },
	{ "No", COL_COMPUTED, 0 }, { "重要度", COL_COMPUTED, 0 },
	{ "被害発生可能性", COL_COMPUTED, 0 }, { "リスク値", COL_COMPUTED, 0 },
	{ "判定", COL_COMPUTED, 0 },
};
#define NHEADINGS (sizeof(headings) / sizeof(headings[0]))

static const struct layout ledger_layout = { headings, NHEADINGS,
    COL_COMPUTED, COL__COUNT, "「情報資産管理台帳」シート" };

static int
heading_index(const struct layout *l, const char *h)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->h[i].heading, h) == 0)
			return (int)i;
	return -1;
}

/* One cell of the ledger CSV, as the checks below see it. */
struct csv_field {
	const char	*text;
	size_t		 len;
	struct pos	 pos;
};

static struct csv_field
field_at(const struct csv_row *row, size_t i)
{
	struct csv_field f = { row->cells[i], strlen(row->cells[i]),
	    row->pos[i] };

	return f;
}

static void
bad_heading(struct ctx *x, const struct layout *l, const struct csv_field *f)
{
	const char **names = xcalloc(l->n + 1, sizeof(*names));
	const char *near;
	struct buf all = {0};
	size_t i;

	for (i = 0; i < l->n; i++) {
		names[i] = l->h[i].heading;
		buf_addf(&all, "%s%s", i ? "、" : "", names[i]);
	}
	diag(x->d, E_CSV_HEADING, f->pos, f->text, l->what);
	if ((near = closest_name(f->text, names, l->n)) != NULL)
		diag(x->d, H_DID_YOU_MEAN, f->pos, near);
	else
		diag(x->d, H_ALLOWED, f->pos, all.p);
	buf_free(&all);
	free(names);
}

/* Maps each CSV column to a ledger column; -1 after reporting. */
static int
read_headings(struct ctx *x, const struct layout *l,
    const struct csv_row *row, int *map, struct pos file)
{
	int *seen = xcalloc((size_t)l->ncols + 1, sizeof(*seen));
	int bad = 0;
	size_t i;

	for (i = 0; i < row->n; i++) {
		char *h = xstrdup(row->cells[i]);
		size_t n = strlen(h);
		int k;

		while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == '\t'))
			h[--n] = '\0';	/* spreadsheets pad headings */
		k = h[0] ? heading_index(l, h) : -1;
		if (k < 0 && h[0] != '\0') {
			struct csv_field f = field_at(row, i);

			bad_heading(x, l, &f);
			bad = 1;
		} else if (k >= 0 && l->h[k].col != l->ignored &&
		    seen[l->h[k].col]) {
			diag(x->d, E_CSV_DUP_HEADING, row->pos[i], h);
			bad = 1;
		}
		map[i] = k < 0 ? l->ignored : l->h[k].col;
		if (k >= 0)
			seen[l->h[k].col] = 1;
		free(h);
	}
	for (i = 0; i < l->n; i++)
		if (l->h[i].required && !seen[l->h[i].col] &&
		    (i == 0 || l->h[i - 1].col != l->h[i].col)) {
			diag(x->d, E_CSV_NO_COLUMN, file, l->what,
			    l->h[i].heading);
			bad = 1;
		}
	free(seen);
	return bad ? -1 : 0;
}

static int
yes_no(const char *s, int *out)
{
	static const char *const yes[] = { "有", "あり", "○", "〇", "はい",
	    "1", "TRUE", "true" };
	static const char *const no[] = { "", "無", "なし", "×", "-", "－",
	    "いいえ", "0", "FALSE", "false" };
	size_t i;

	for (i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		if (strcmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		if (strcmp(s, no[i]) == 0)
			return *out = 0, 0;
	return -1;
}

static int
rating(const char *s)
{
	return (s[0] >= '1' && s[0] <= '3' && s[1] == '\0') ? s[0] - '0' : 0;
}

/* YYYY-MM-DD or YYYY/MM/DD (as spreadsheets save dates), normalised. */
static const char *
csv_date(struct ctx *x, const char *s)
{
	struct date dt;
	int y, m, d;
	char b[48];

	if (sscanf(s, "%d/%d/%d", &y, &m, &d) == 3 && y >= 1900) {
		snprintf(b, sizeof(b), "%04d-%02d-%02d", y, m, d);
		s = b;
	}
	if (date_parse(s, &dt) != 0)
		return NULL;
	return arena_strdup(x->a, s);
}

/* 個人情報 column: 有/無, or the kinds themselves joined by 、 or ・. */
static int
personal_kinds(const char *s, int *bits)
{
	static const struct { const char *w; int bit; } kinds[] = {
		{ "要配慮個人情報", PI_SENSITIVE }, { "特定個人情報", PI_MYNUMBER },
		{ "個人情報", PI_PLAIN },
	};
	int yes;
	size_t k;

	if (yes_no(s, &yes) == 0) {
		*bits |= yes ? PI_PLAIN : 0;
		return 0;
	}
	while (*s) {
		for (k = 0; k < 3; k++)
			if (strncmp(s, kinds[k].w, strlen(kinds[k].w)) == 0)
				break;
		if (k == 3)
			return -1;
		*bits |= kinds[k].bit;
		s += strlen(kinds[k].w);
		if (strncmp(s, "、", 3) == 0 || strncmp(s, "・", 3) == 0)
			s += 3;
		else if (*s == ',' || *s == ' ')
			s++;
	}
	return 0;
}

static void
cell_error(struct ctx *x, const struct csv_field *f, const char *heading,
    const char *expected)
{
	if (f->len == 0)
		diag(x->d, E_CSV_EMPTY_CELL, f->pos, heading, expected);
	else
		diag(x->d, E_CSV_CELL, f->pos, heading, f->text, expected);
}

static const char *
heading_of(const struct layout *l, int c)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->h[i].col == c)
			return l->h[i].heading;
	return "";
}

/* Splits 媒体・保存先: one medium, or several joined by 、 or ／. */
static void
csv_media(struct ctx *x, struct asset_in *in, const struct csv_field *f)
{
	const char *s = f->text;
	size_t cap = 1, col = (size_t)f->pos.col;
	const char *p;

	for (p = s; (p = strstr(p, "、")) != NULL; p += 3)
		cap++;
	in->media = arena_alloc(x->a, (cap + 1) * sizeof(*in->media));
	while (*s) {
		const char *e = strstr(s, "、");
		size_t n = e ? (size_t)(e - s) : strlen(s);

		if (n > 0) {
			in->media[in->nmedia].s = arena_strndup(x->a, s, n);
			in->media[in->nmedia].pos = f->pos;
			in->media[in->nmedia].pos.col = (int)col;
			in->nmedia++;
		}
		col += utf8_count(s, n) + 1;
		s += n + (e ? 3 : 0);
	}
}

/* One cell into the record; 0, or -1 after reporting what was expected. */
static int
csv_cell(struct ctx *x, struct asset_in *in, enum col c,
    const struct csv_field *f)
{
	struct field t = { f->len ? arena_strdup(x->a, f->text) : NULL,
	    f->pos };
	const char *h = heading_of(&ledger_layout, (int)c);
	int *rate = NULL, yes;

	switch (c) {
	case COL_ID: in->id = t; break;
	case COL_CATEGORY: in->category = t; break;
	case COL_NAME:
		if (f->len == 0)
			return cell_error(x, f, h, "情報資産の名称"), -1;
		in->name = t;
		break;
	case COL_NOTE: in->note = t; break;
	case COL_USERS: in->users = t; break;
	case COL_OWNER: in->owner = t; break;
	case COL_MEDIA:
		csv_media(x, in, f);
		if (in->nmedia == 0)
			return cell_error(x, f, h,
			    "assets.media の id か名称"), -1;
		break;
	case COL_PI:
		if (personal_kinds(f->text, &in->personal) != 0)
			return cell_error(x, f, h, "有・無、又は 個人情報・"
			    "要配慮個人情報・特定個人情報"), -1;
		break;
	case COL_SENSITIVE:
	case COL_MYNUMBER:
	case COL_CRITICAL:
		if (yes_no(f->text, &yes) != 0)
			return cell_error(x, f, h, "有 か 無"), -1;
		if (yes && c == COL_CRITICAL)
			in->critical = 1;
		else if (yes)
			in->personal |= c == COL_SENSITIVE ? PI_SENSITIVE :
			    PI_MYNUMBER;
		break;
	case COL_C: rate = &in->c; break;
	case COL_I: rate = &in->i; break;
	case COL_A: rate = &in->a; break;
	case COL_THREAT:
	case COL_VULN:
		if (f->len == 0)
			break;
		rate = c == COL_THREAT ? &in->threat : &in->vuln;
		break;
	case COL_RETENTION: in->retention = t; break;
	case COL_REGISTERED:
	case COL_MEASURE_DUE:
		if (f->len == 0)
			break;
		if ((t.s = csv_date(x, f->text)) == NULL)
			return cell_error(x, f, h,
			    "2026-04-01 か 2026/4/1 の形の日付"), -1;
		if (c == COL_REGISTERED)
			in->registered = t;
		else
			in->measure_due = t;
		break;
	case COL_TREATMENT:
		if (f->len > 0 && strcmp(f->text, "低減") != 0 &&
		    strcmp(f->text, "保有") != 0 &&
		    strcmp(f->text, "回避") != 0 &&
		    strcmp(f->text, "移転") != 0)
			return cell_error(x, f, h,
			    "低減・保有・回避・移転 のどれか"), -1;
		in->treatment = t;
		break;
	case COL_MEASURES: in->measures = t; break;
	case COL_MEASURE_OWNER: in->measure_owner = t; break;
	default: break;
	}
	if (rate != NULL && (*rate = rating(f->text)) == 0)
		return cell_error(x, f, h, "1・2・3 のどれか"), -1;
	return 0;
}

/* A row of commas only. */
static int
row_blank(const struct csv_row *row)
{
	size_t i;

	for (i = 0; i < row->n; i++)
		if (row->cells[i][0] != '\0')
			return 0;
	return 1;
}

static int
csv_record(struct ctx *x, const struct csv_row *row, const int *map,
    size_t ncols)
{
	struct asset_in *in;
	int bad = 0;
	size_t k;

	if (row->n > ncols) {
		diag(x->d, E_CSV_FIELDS, row->pos[ncols], row->n, ncols);
		return -1;
	}
	in = new_input(x);
	in->pos = row->pos[0];
	for (k = 0; k < ncols; k++) {
		/* A short row (trailing empty cells dropped) is empty there. */
		struct csv_field empty = { "", 0, row->pos[row->n - 1] };
		struct csv_field cell = k < row->n ? field_at(row, k) : empty;

		if (map[k] == COL_COMPUTED)
			continue;
		if (csv_cell(x, in, (enum col)map[k], &cell) != 0)
			bad = 1;
	}
	if (bad)
		x->nin--;	/* reported; leave the row out */
	return bad ? -1 : 0;
}

/*
 * Opens the CSV named by assets.csv inside the company folder: the folder
 * is opened without following a symbolic link and the file relative to
 * it, so no link swapped in between can lead elsewhere.  A descriptor, or
 * -1 after reporting.
 */
static int
open_csv(struct ctx *x, const struct value *name, const char *path)
{
	struct stat st;
	int dir, fd;

	dir = open(x->o->folder, O_RDONLY | O_DIRECTORY | O_NOFOLLOW |
	    O_CLOEXEC);
	if (dir < 0) {
		diag(x->d, errno == ELOOP || errno == ENOTDIR ? E_SLOT_LINK :
		    E_OPEN, name->pos, errno == ELOOP || errno == ENOTDIR ?
		    x->o->folder : errno_text(errno));
		return -1;
	}
	fd = openat(dir, name->str, O_RDONLY | O_NOFOLLOW | O_NONBLOCK |
	    O_CLOEXEC | O_NOCTTY);
	close(dir);
	if (fd < 0) {
		if (errno == ELOOP)
			diag(x->d, E_SLOT_LINK, name->pos, path);
		else
			diag(x->d, E_OPEN, (struct pos){ path, 0, 0 },
			    errno_text(errno));
		return -1;
	}
	if (fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag(x->d, E_NOT_FILE, (struct pos){ path, 0, 0 },
		    source_file_kind(st.st_mode));
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads one row of a CSV into the context; 0, or -1 after reporting. */
typedef int	(*record_fn)(struct ctx *, const struct csv_row *, const int *,
		    size_t);

/*
 * The CSV file named by the profile key name (its encoding under enc),
 * inside the company folder only: the headings are mapped by layout l,
 * then every other row goes to record.  All bad cells are reported.
 */
static int
read_table_csv(struct ctx *x, enum pkey name_key, enum pkey enc_key,
    const struct layout *l, record_fn record)
{
	const struct value *name = profile_at(x->root, name_key);
	const char *enc = profile_str(x->root, enc_key);
	struct source src;
	struct csv table = { NULL, 0 };
	struct buf path = {0};
	int *map = NULL, rc = 0, fd;
	size_t ncols = 0, i;

	if (name == NULL || name->str[0] == '\0')
		return 0;
	if (strchr(name->str, '/') != NULL || name->str[0] == '.' ||
	    x->o->folder == NULL) {
		diag(x->d, E_LEDGER_CSV_PATH, name->pos, pkey_path(name_key),
		    name->str);
		return -1;
	}
	buf_addf(&path, "%s/%s", x->o->folder, name->str);
	if ((fd = open_csv(x, name, path.p)) < 0 ||
	    source_load_fd(&src, fd, path.p, strcmp(enc, "cp932") == 0 ?
	    ENC_CP932 : strcmp(enc, "utf-8") == 0 ? ENC_UTF8 :
	    x->o->encoding, x->d) != 0) {
		buf_free(&path);
		return -1;
	}
	buf_free(&path);
	/* Positions outlive the source: the path lives in the arena. */
	{
		char *p = src.path;

		src.path = arena_strdup(x->a, p);
		free(p);
	}
	if (csv_parse(&src, x->a, &table, x->d) != 0)
		rc = -1;
	for (i = 0; i < table.nrows && (map != NULL || rc == 0); i++) {
		const struct csv_row *row = &table.rows[i];

		if (map == NULL) {
			ncols = row->n;
			map = xcalloc(ncols + 1, sizeof(*map));
			if (read_headings(x, l, row, map, row->at) != 0) {
				rc = -1;
				break;
			}
			continue;
		}
		if (row_blank(row))
			continue;
		if (record(x, row, map, ncols) != 0)
			rc = -1;
	}
	free(map);
	src.path = NULL;	/* the arena's copy */
	source_free(&src);
	return rc;
}

/* The information-asset ledger named by assets.csv. */
static int
read_csv(struct ctx *x)
{
	return read_table_csv(x, K_ASSETS_CSV, K_ASSETS_CSV_ENC,
	    &ledger_layout, csv_record);
}

/* ---- the CSV of IT assets ---- */

enum itcol { IT_ID, IT_NAME, IT_KIND, IT_PRODUCT, IT_VERSION, IT_LOCATION,
    IT_ADMIN, IT_VENDOR, IT_SUPPORT_END, IT_LICENCE_END, IT_ACQUIRED,
    IT_DISPOSED, IT_IGNORED, IT__COUNT };

/*
 * The headings of the IT資産 sheet kitei's workbook writes, so that the
 * sheet saved as CSV reads back; each maps to a key of an assets.it item.
 */
static const struct heading it_headings[] = {
	{ "ID", IT_ID, 0 }, { "管理番号", IT_ID, 0 },
	{ "名称", IT_NAME, 1 }, { "種別", IT_KIND, 0 },
	{ "機種・製品名", IT_PRODUCT, 0 }, { "版", IT_VERSION, 0 },
	{ "設置場所", IT_LOCATION, 0 }, { "管理者", IT_ADMIN, 0 },
	{ "保守事業者", IT_VENDOR, 0 }, { "サポート期限", IT_SUPPORT_END, 0 },
	{ "ライセンス・契約期限", IT_LICENCE_END, 0 },
	{ "導入日", IT_ACQUIRED, 0 }, { "廃棄日", IT_DISPOSED, 0 },
};
static const enum pkey it_keys[IT_IGNORED] = { K_IT_ASSET_ID,
    K_IT_ASSET_NAME, K_IT_ASSET_KIND, K_IT_ASSET_PRODUCT, K_IT_ASSET_VERSION,
    K_IT_ASSET_LOCATION, K_IT_ASSET_ADMIN, K_IT_ASSET_VENDOR,
    K_IT_ASSET_SUPPORT_END, K_IT_ASSET_LICENCE_END, K_IT_ASSET_ACQUIRED,
    K_IT_ASSET_DISPOSED };
static const struct layout it_layout = { it_headings,
    sizeof(it_headings) / sizeof(it_headings[0]), IT_IGNORED, IT__COUNT,
    "「IT資産」シート" };

static const struct schema *
it_kind_schema(const struct ctx *x)
{
	return schema_key(x->it_item, pkey_leaf(K_IT_ASSET_KIND));
}

/* 種別 as the schema's enum allows it; NULL when it is not one of them. */
static const char *
it_kind(const struct ctx *x, const char *s)
{
	const struct schema *ks = it_kind_schema(x);
	size_t i;

	if (s[0] == '\0')
		return ks->def != NULL ? ks->def->str : NULL;
	for (i = 0; i < ks->nvalues; i++)
		if (strcmp(ks->values[i], s) == 0)
			return ks->values[i];
	return NULL;
}

/* The kinds the schema allows, for the message: 「パソコン・…のどれか」. */
static void
it_kinds_expected(const struct ctx *x, struct buf *b)
{
	const struct schema *ks = it_kind_schema(x);
	size_t i;

	for (i = 0; i < ks->nvalues; i++)
		buf_addf(b, "%s%s", i ? "・" : "", ks->values[i]);
	buf_adds(b, " のどれか");
}

/* One cell into the item; 0, or -1 after reporting what was expected. */
static int
it_cell(struct ctx *x, struct value *item, int c, const struct csv_field *f)
{
	const char *h = heading_of(&it_layout, c);
	const char *s = f->text;

	switch (c) {
	case IT_NAME:
		if (f->len == 0)
			return cell_error(x, f, h, "IT 資産の名称"), -1;
		break;
	case IT_KIND:
		if ((s = it_kind(x, f->text)) == NULL) {
			struct buf kinds = {0};

			it_kinds_expected(x, &kinds);
			cell_error(x, f, h, kinds.p);
			buf_free(&kinds);
			return -1;
		}
		break;
	case IT_SUPPORT_END:
	case IT_LICENCE_END:
	case IT_ACQUIRED:
	case IT_DISPOSED:
		if (f->len > 0 && (s = csv_date(x, f->text)) == NULL)
			return cell_error(x, f, h,
			    "2026-04-01 か 2026/4/1 の形の日付"), -1;
		break;
	default:
		break;
	}
	if (s != NULL && s[0] != '\0')
		derive_set(item, it_keys[c], derive_str(x->a, s == f->text ?
		    arena_strdup(x->a, s) : s, f->pos));
	return 0;
}

static int
it_record(struct ctx *x, const struct csv_row *row, const int *map,
    size_t ncols)
{
	struct value *item;
	int bad = 0, seen_kind = 0;
	size_t k;

	if (row->n > ncols) {
		diag(x->d, E_CSV_FIELDS, row->pos[ncols], row->n, ncols);
		return -1;
	}
	item = derive_map(x->a, x->it_item, row->pos[0]);
	for (k = 0; k < ncols; k++) {
		struct csv_field empty = { "", 0, row->pos[row->n - 1] };
		struct csv_field cell = k < row->n ? field_at(row, k) : empty;

		if (map[k] == IT_IGNORED)
			continue;
		seen_kind |= map[k] == IT_KIND;
		if (it_cell(x, item, map[k], &cell) != 0)
			bad = 1;
	}
	if (!seen_kind) {	/* the schema's default, as in the profile */
		struct csv_field none = { "", 0, row->pos[0] };

		it_cell(x, item, IT_KIND, &none);
	}
	if (bad)
		return -1;	/* reported; leave the row out */
	if (x->nit == x->capit) {
		x->capit = x->capit ? x->capit * 2 : 32;
		x->it = xrealloc(x->it, x->capit * sizeof(*x->it));
	}
	x->it[x->nit++] = item;
	return 0;
}

/*
 * The IT assets named by assets.it_csv follow those of assets.it, as one
 * list: the risk report, the workbook and the deadline list read it.
 */
static int
read_it_csv(struct ctx *x)
{
	const struct value *it = profile_at(x->root, K_ASSETS_IT);
	struct value *all;
	size_t i;
	int rc;

	x->it_item = schema_key(x->assets->schema, pkey_leaf(
	    K_ASSETS_IT))->items;
	rc = read_table_csv(x, K_ASSETS_IT_CSV, K_ASSETS_IT_CSV_ENC,
	    &it_layout, it_record);
	if (x->nit > 0) {
		all = derive_list(x->a, (it ? it->n : 0) + x->nit,
		    it ? it->pos : x->assets->pos);
		for (i = 0; it != NULL && i < it->n; i++)
			all->items[all->n++] = it->items[i];
		for (i = 0; i < x->nit; i++)
			all->items[all->n++] = x->it[i];
		derive_set(x->assets, K_ASSETS_IT, all);
	}
	free(x->it);
	return rc;
}

/* ---- rows ---- */

/* The person's name when s is a people id; s itself otherwise. */
static const char *
person_name(struct ctx *x, const char *s)
{
	const struct value *people = profile_at(x->root, K_PEOPLE);
	size_t i;

	for (i = 0; people != NULL && i < people->n; i++) {
		const struct value *id = profile_get(people->items[i],
		    K_PERSON_ID);

		if (id != NULL && strcmp(id->str, s) == 0)
			return profile_get(people->items[i],
			    K_PERSON_NAME)->str;
	}
	return s;
}

static void
put_field(struct ctx *x, struct value *m, enum pkey k,
    const struct field *f)
{
	if (has(f))
		derive_set(m, k, derive_str(x->a, f->s, f->pos));
}

static const char *
personal_text(int bits)
{
	static const char *const texts[8] = { "", "個人情報", "要配慮個人情報",
	    "個人情報、要配慮個人情報", "特定個人情報",
	    "個人情報、特定個人情報", "要配慮個人情報、特定個人情報",
	    "個人情報、要配慮個人情報、特定個人情報" };

	return texts[bits & 7];
}

struct rated {
	struct value	*row;
	int		 risk;
	size_t		 order;
};

static void
warn_row(struct ctx *x, const struct asset_in *in, const char *label,
    int risk)
{
	char rs[8];

	snprintf(rs, sizeof(rs), "%d", risk);
	if (risk >= x->medium && !has(&in->treatment))
		diag(x->d, W_ASSET_TREATMENT, in->name.pos, in->name.s, label,
		    rs, level_of(x, risk));
}

static void
warn_asset(struct ctx *x, const struct asset_in *in)
{
	struct date reg, due;

	if (has(&in->measures) && !has(&in->measure_owner))
		diag(x->d, W_ASSET_MEASURE, in->measures.pos, in->name.s,
		    "担当");
	if (has(&in->measures) && !has(&in->measure_due))
		diag(x->d, W_ASSET_MEASURE, in->measures.pos, in->name.s,
		    "期限");
	if (has(&in->measure_due) && has(&in->registered) &&
	    date_parse(in->measure_due.s, &due) == 0 &&
	    date_parse(in->registered.s, &reg) == 0 &&
	    date_epoch(due) < date_epoch(reg))
		diag(x->d, W_ASSET_DUE, in->measure_due.pos, in->name.s,
		    in->measure_due.s, in->registered.s);
}

/* 重要度: the largest of C, I and A, or 3 for personal or critical. */
static int
importance_of(const struct asset_in *in, int *forced)
{
	int imp = in->c > in->i ? in->c : in->i;

	imp = imp > in->a ? imp : in->a;
	*forced = (in->personal != 0 || in->critical) && imp < 3;
	return in->personal != 0 || in->critical ? 3 : imp;
}

/*
 * A ledger row with everything the client wrote and its 重要度; the risk
 * columns are added by rate_row, or the row is marked by not_assessed.
 * medium is the medium's label, or the client's own text when unknown.
 */
static struct value *
make_row(struct ctx *x, const struct schema *rs, const struct asset_in *in,
    const char *medium, const char *id, size_t no)
{
	struct value *r = derive_map(x->a, rs, in->pos);
	int forced, imp = importance_of(in, &forced);

	derive_set(r, K_AROW_ID, derive_str(x->a, id,
	    in->id.s ? in->id.pos : in->pos));
	derive_set(r, K_AROW_NO, num(x, (long)no, in->pos));
	put_field(x, r, K_AROW_CATEGORY, &in->category);
	put_field(x, r, K_AROW_NAME, &in->name);
	put_field(x, r, K_AROW_NOTE, &in->note);
	put_field(x, r, K_AROW_USERS, &in->users);
	put_field(x, r, K_AROW_OWNER, &in->owner);
	derive_set(r, K_AROW_MEDIUM, derive_str(x->a, medium, in->pos));
	if (in->personal) {
		derive_set(r, K_AROW_PERSONAL, derive_str(x->a,
		    personal_text(in->personal), in->pos));
	}
	if (in->personal & PI_PLAIN)
		derive_set(r, K_AROW_PI, derive_str(x->a, "有", in->pos));
	if (in->personal & PI_SENSITIVE)
		derive_set(r, K_AROW_SENSITIVE, derive_str(x->a, "有", in->pos));
	if (in->personal & PI_MYNUMBER)
		derive_set(r, K_AROW_MYNUMBER, derive_str(x->a, "有", in->pos));
	derive_set(r, K_AROW_C, num(x, in->c, in->pos));
	derive_set(r, K_AROW_I, num(x, in->i, in->pos));
	derive_set(r, K_AROW_A, num(x, in->a, in->pos));
	derive_set(r, K_AROW_CRITICAL, derive_str(x->a,
	    in->critical ? "true" : "false", in->pos));
	derive_set(r, K_AROW_FORCED, derive_str(x->a,
	    forced ? "true" : "false", in->pos));
	derive_set(r, K_AROW_IMPORTANCE, num(x, imp, in->pos));
	return r;
}

/* 脅威, 脆弱性, 被害発生可能性, リスク値 and 判定 of a row; its リスク値. */
static int
rate_row(struct ctx *x, struct value *r, const struct asset_in *in,
    const struct medium *m)
{
	int imp = int_of(profile_get(r, K_AROW_IMPORTANCE));
	int threat = in->threat ? in->threat : m->threat;
	int vuln = in->vuln ? in->vuln : m->vuln;
	int poss = x->table[3 - threat][3 - vuln];
	int risk = imp * poss;

	derive_set(r, K_AROW_THREAT, num(x, threat, in->pos));
	derive_set(r, K_AROW_VULNERABILITY, num(x, vuln, in->pos));
	derive_set(r, K_AROW_POSSIBILITY, num(x, poss, in->pos));
	derive_set(r, K_AROW_RISK, num(x, risk, in->pos));
	derive_set(r, K_AROW_LEVEL, derive_str(x->a, level_of(x, risk),
	    in->pos));
	return risk;
}

/*
 * A row whose medium is not in assets.media: the client's row is kept
 * (losing it would lose an asset from the ledger), but without a threat
 * and vulnerability there is no risk value to judge.
 */
static void
not_assessed(struct ctx *x, struct value *r, const struct field *medium)
{
	struct buf why = {0};

	buf_addf(&why, "媒体・保存先「%s」が媒体の一覧にありません",
	    medium->s);
	derive_set(r, K_AROW_LEVEL, derive_str(x->a, "未評価", medium->pos));
	derive_set(r, K_AROW_REASON, derive_str(x->a, why.p, medium->pos));
	buf_free(&why);
}

/* What the client wrote after the ratings. */
static void
finish_row(struct ctx *x, struct value *r, const struct asset_in *in)
{
	put_field(x, r, K_AROW_RETENTION, &in->retention);
	put_field(x, r, K_AROW_REGISTERED, &in->registered);
	put_field(x, r, K_AROW_TREATMENT, &in->treatment);
	put_field(x, r, K_AROW_MEASURES, &in->measures);
	if (has(&in->measure_owner))
		derive_set(r, K_AROW_MEASURE_OWNER, derive_str(x->a,
		    person_name(x, in->measure_owner.s),
		    in->measure_owner.pos));
	put_field(x, r, K_AROW_MEASURE_DUE, &in->measure_due);
}

static int
by_risk(const void *pa, const void *pb)
{
	const struct rated *a = pa, *b = pb;

	if (a->risk != b->risk)
		return b->risk - a->risk;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Appends s to the list of distinct strings l (first seen order). */
static void
add_distinct(struct ctx *x, struct value *l, const char *s, struct pos pos)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (strcmp(l->items[i]->str, s) == 0)
			return;
	l->items[l->n++] = derive_str(x->a, s, pos);
}

static void
put_list(struct ctx *x, enum pkey k, struct value *l)
{
	const struct schema *ls = schema_key(x->assets->schema,
	    pkey_leaf(k));
	size_t i;

	derive_set(x->assets, k, l);
	for (i = 0; i < l->n; i++)
		l->items[i]->schema = ls->items;
}

struct counts {
	int	assets, personal, level[3];	/* 大, 中, 小 */
	int	unassessed;	/* rows whose medium is unknown */
	int	grid[3][3];	/* [3 - importance][possibility - 1] */
};

static void
rate_rows(struct ctx *x, struct counts *n)
{
	const struct schema *ls = schema_key(x->assets->schema,
	    pkey_leaf(K_ASSETS_ROWS));
	size_t total = 0, i, k, no = 0, nrated = 0;
	struct value *rows, *ranked, *important, *cats, *used;
	struct rated *rated;
	char id[96];

	for (i = 0; i < x->nin; i++)
		total += x->in[i].nmedia;
	rows = derive_list(x->a, total, x->assets->pos);
	ranked = derive_list(x->a, total, x->assets->pos);
	important = derive_list(x->a, x->nin, x->assets->pos);
	cats = derive_list(x->a, x->nin, x->assets->pos);
	used = derive_list(x->a, x->nmedia, x->assets->pos);
	rated = xcalloc(total + 1, sizeof(*rated));
	for (i = 0; i < x->nin; i++) {
		const struct asset_in *in = &x->in[i];
		struct buf labels = {0};
		int top = 0, assessed = 0;

		if (has(&in->id))
			snprintf(id, sizeof(id), "%s", in->id.s);
		else
			snprintf(id, sizeof(id), "A%03zu", i + 1);
		warn_asset(x, in);
		for (k = 0; k < in->nmedia; k++) {
			struct medium *m = find_medium(x, in->media[k].s);
			struct value *row;
			char rid[128];
			int risk, importance, possibility;

			if (in->nmedia > 1)
				snprintf(rid, sizeof(rid), "%s-%s", id,
				    m ? m->id : in->media[k].s);
			else
				snprintf(rid, sizeof(rid), "%s", id);
			row = make_row(x, ls->items, in, m ? m->label :
			    in->media[k].s, rid, ++no);
			rows->items[rows->n++] = row;
			buf_addf(&labels, "%s%s", labels.n ? "、" : "",
			    m ? m->label : in->media[k].s);
			if (m == NULL) {
				unknown_medium(x, &in->media[k]);
				not_assessed(x, row, &in->media[k]);
				finish_row(x, row, in);
				n->unassessed++;
				continue;
			}
			m->used = 1;
			risk = rate_row(x, row, in, m);
			finish_row(x, row, in);
			rated[nrated].row = row;
			rated[nrated].risk = risk;
			rated[nrated].order = nrated;
			nrated++;
			warn_row(x, in, m->label, risk);
			n->level[risk >= x->high ? 0 : risk >= x->medium ?
			    1 : 2]++;
			importance = int_of(profile_get(row,
			    K_AROW_IMPORTANCE));
			possibility = int_of(profile_get(row,
			    K_AROW_POSSIBILITY));
			n->grid[3 - importance][possibility - 1]++;
			top = risk > top ? risk : top;
			assessed = 1;
		}
		n->assets++;
		if (in->personal)
			n->personal++;
		if (has(&in->category))
			add_distinct(x, cats, in->category.s,
			    in->category.pos);
		if (labels.n > 0 && (top >= x->high || in->personal)) {
			struct value *imp = derive_map(x->a, schema_key(
			    x->assets->schema,
			    pkey_leaf(K_ASSETS_IMPORTANT))->items, in->pos);

			put_field(x, imp, K_IMP_NAME, &in->name);
			put_field(x, imp, K_IMP_CATEGORY, &in->category);
			derive_set(imp, K_IMP_MEDIA, derive_str(x->a, labels.p,
			    in->pos));
			if (in->personal)
				derive_set(imp, K_IMP_PERSONAL, derive_str(x->a,
				    personal_text(in->personal), in->pos));
			derive_set(imp, K_IMP_LEVEL, derive_str(x->a,
			    assessed ? level_of(x, top) : "未評価", in->pos));
			important->items[important->n++] = imp;
		}
		buf_free(&labels);
	}
	qsort(rated, nrated, sizeof(*rated), by_risk);
	for (i = 0; i < nrated && rated[i].risk >= x->medium; i++)
		ranked->items[ranked->n++] = rated[i].row;
	for (i = 0; i < x->nmedia; i++)
		if (x->media[i].used)
			used->items[used->n++] = derive_str(x->a,
			    x->media[i].label, x->assets->pos);
	free(rated);
	put_list(x, K_ASSETS_ROWS, rows);
	put_list(x, K_ASSETS_RANKED, ranked);
	put_list(x, K_ASSETS_IMPORTANT, important);
	put_list(x, K_ASSETS_CATEGORIES, cats);
	put_list(x, K_ASSETS_MEDIA_USED, used);
}

/* ---- IT assets ---- */

/* The date deadlines are judged against: kitei reads no clock. */
static const struct value *
as_of(struct ctx *x)
{
	const struct value *v;

	if ((v = profile_at(x->root, K_ASSETS_AS_OF)) != NULL ||
	    (v = profile_at(x->root, K_POLICY_REVISED)) != NULL)
		return v;
	return profile_at(x->root, K_POLICY_ESTABLISHED);
}

struct due {
	struct value	*v;
	long long	 days;
	size_t		 order;
};

static int
by_days(const void *pa, const void *pb)
{
	const struct due *a = pa, *b = pb;

	if (a->days != b->days)
		return a->days < b->days ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static int
rate_it(struct ctx *x, const struct value *today)
{
	static const enum pkey keys[] = { K_IT_ASSET_SUPPORT_END,
	    K_IT_ASSET_LICENCE_END };
	static const char *const what[] = { "サポート期限",
	    "ライセンス・契約期限" };
	const struct value *it = profile_at(x->root, K_ASSETS_IT);
	const struct schema *is = schema_key(x->assets->schema,
	    pkey_leaf(K_ASSETS_IT_DUE))->items;
	long window = int_of(profile_at(x->root, K_RISK_DUE_DAYS));
	struct due *due;
	struct value *list;
	struct date t, dt;
	size_t i, k, n = 0;
	int live = 0;
	char id[32];

	if (it == NULL || date_parse(today->str, &t) != 0)
		return 0;
	due = xcalloc(2 * it->n + 1, sizeof(*due));
	for (i = 0; i < it->n; i++) {
		const struct value *item = it->items[i];
		const struct value *v;

		if (profile_get(item, K_IT_ASSET_DISPOSED) != NULL)
			continue;
		live++;
		for (k = 0; k < 2; k++) {
			long long days;
			struct value *m;

			if ((v = profile_get(item, keys[k])) == NULL ||
			    date_parse(v->str, &dt) != 0)
				continue;
			days = (date_epoch(dt) - date_epoch(t)) / 86400;
			if (days < 0 && k == 0)
				diag(x->d, W_IT_SUPPORT_END, v->pos,
				    profile_get(item, K_IT_ASSET_NAME)->str,
				    v->str, today->str);
			if (days > window)
				continue;
			m = derive_map(x->a, is, v->pos);
			if ((v = profile_get(item, K_IT_ASSET_ID)) != NULL)
				snprintf(id, sizeof(id), "%s", v->str);
			else
				snprintf(id, sizeof(id), "H%03zu", i + 1);
			derive_set(m, K_ITDUE_ID, derive_str(x->a, id,
			    item->pos));
			derive_set(m, K_ITDUE_NAME, derive_str(x->a,
			    profile_get(item, K_IT_ASSET_NAME)->str,
			    item->pos));
			derive_set(m, K_ITDUE_KIND, derive_str(x->a,
			    profile_get(item, K_IT_ASSET_KIND)->str,
			    item->pos));
			if ((v = profile_get(item, K_IT_ASSET_PRODUCT)) != NULL)
				derive_set(m, K_ITDUE_PRODUCT, derive_str(x->a,
				    v->str, v->pos));
			if ((v = profile_get(item, K_IT_ASSET_VENDOR)) != NULL)
				derive_set(m, K_ITDUE_VENDOR, derive_str(x->a,
				    v->str, v->pos));
			v = profile_get(item, keys[k]);
			derive_set(m, K_ITDUE_WHAT, derive_str(x->a, what[k],
			    v->pos));
			derive_set(m, K_ITDUE_DATE, derive_str(x->a, v->str,
			    v->pos));
			derive_set(m, K_ITDUE_STATE, derive_str(x->a, days < 0 ?
			    "期限切れ" : "期限間近", v->pos));
			derive_set(m, K_ITDUE_DAYS, num(x, (long)days, v->pos));
			due[n].v = m;
			due[n].days = days;
			due[n].order = n;
			n++;
		}
	}
	qsort(due, n, sizeof(*due), by_days);
	list = derive_list(x->a, n, x->assets->pos);
	for (i = 0; i < n; i++)
		list->items[list->n++] = due[i].v;
	free(due);
	put_list(x, K_ASSETS_IT_DUE, list);
	return live;
}

/* ---- summary ---- */

static void
put_table(struct ctx *x)
{
	const struct schema *ts = schema_key(x->assets->schema,
	    pkey_leaf(K_ASSETS_TABLE));
	struct value *l = derive_list(x->a, 3, x->assets->pos);
	int r;

	for (r = 0; r < 3; r++) {
		struct value *m = derive_map(x->a, ts->items, x->assets->pos);

		derive_set(m, K_RTABLE_THREAT, num(x, 3 - r, x->assets->pos));
		derive_set(m, K_RTABLE_V3, num(x, x->table[r][0],
		    x->assets->pos));
		derive_set(m, K_RTABLE_V2, num(x, x->table[r][1],
		    x->assets->pos));
		derive_set(m, K_RTABLE_V1, num(x, x->table[r][2],
		    x->assets->pos));
		l->items[l->n++] = m;
	}
	put_list(x, K_ASSETS_TABLE, l);
}

static void
put_grid(struct ctx *x, const struct counts *n)
{
	struct value *l = derive_list(x->a, 3, x->assets->pos);
	char b[64];
	int r;

	for (r = 0; r < 3; r++) {
		snprintf(b, sizeof(b), "%d %d %d", n->grid[r][0],
		    n->grid[r][1], n->grid[r][2]);
		l->items[l->n++] = derive_str(x->a, b, x->assets->pos);
	}
	put_list(x, K_ASSETS_GRID, l);
}

/* "6〜9" (sep "〜") or "6-9" (sep "-"), or "6" when it is one value. */
static void
range(char *b, size_t size, int lo, int hi, const char *sep)
{
	if (lo >= hi)
		snprintf(b, size, "%d", lo);
	else
		snprintf(b, size, "%d%s%d", lo, sep, hi);
}

static void
put_summary(struct ctx *x, const struct counts *n, int it, const
    struct value *today)
{
	struct value *s = derive_map(x->a, schema_key(x->assets->schema,
	    pkey_leaf(K_ASSETS_SUMMARY)), x->assets->pos);
	const struct value *due = profile_get(x->assets, K_ASSETS_IT_DUE);
	const struct value *rows = profile_get(x->assets, K_ASSETS_ROWS);
	struct pos p = x->assets->pos;
	char hi[32], me[32], lo[32], shade[160];

	derive_set(s, K_SUM_ASSETS, num(x, n->assets, p));
	derive_set(s, K_SUM_ROWS, num(x, (long)rows->n, p));
	derive_set(s, K_SUM_PERSONAL, num(x, n->personal, p));
	derive_set(s, K_SUM_HIGH, num(x, n->level[0], p));
	derive_set(s, K_SUM_MEDIUM, num(x, n->level[1], p));
	derive_set(s, K_SUM_LOW, num(x, n->level[2], p));
	derive_set(s, K_SUM_UNASSESSED, num(x, n->unassessed, p));
	derive_set(s, K_SUM_IT, num(x, it, p));
	derive_set(s, K_SUM_IT_DUE, num(x, due ? (long)due->n : 0, p));
	if (today != NULL)
		derive_set(s, K_SUM_AS_OF, derive_str(x->a, today->str,
		    today->pos));
	range(hi, sizeof(hi), x->high, 9, "〜");
	range(me, sizeof(me), x->medium, x->high - 1, "〜");
	range(lo, sizeof(lo), 1, x->medium - 1, "〜");
	derive_set(s, K_SUM_HIGH_RANGE, derive_str(x->a, hi, p));
	if (x->medium < x->high)
		derive_set(s, K_SUM_MEDIUM_RANGE, derive_str(x->a, me, p));
	if (x->medium > 1)
		derive_set(s, K_SUM_LOW_RANGE, derive_str(x->a, lo, p));
	/* The grid block's own syntax: "大 6-9, 中 4-5, 小 1-3". */
	range(hi, sizeof(hi), x->high, 9, "-");
	range(me, sizeof(me), x->medium, x->high - 1, "-");
	range(lo, sizeof(lo), 1, x->medium - 1, "-");
	snprintf(shade, sizeof(shade), "大 %s%s%s%s%s", hi,
	    x->medium < x->high ? ", 中 " : "", x->medium < x->high ? me : "",
	    x->medium > 1 ? ", 小 " : "", x->medium > 1 ? lo : "");
	derive_set(s, K_SUM_SHADE, derive_str(x->a, shade, p));
	derive_set(x->assets, K_ASSETS_SUMMARY, s);
}

int
derive_assets(struct value *root, struct arena *a,
    const struct derive_opts *o, struct diags *d)
{
	struct ctx x = { .root = root, .a = a, .d = d, .o = o };
	const struct value *info, *it, *csv, *it_csv, *today;
	struct counts n;
	size_t i;
	int live, rc = 0;

	x.assets = (struct value *)profile_at(root, K_ASSETS);
	info = profile_at(root, K_ASSETS_INFO);
	it = profile_at(root, K_ASSETS_IT);
	csv = profile_at(root, K_ASSETS_CSV);
	it_csv = profile_at(root, K_ASSETS_IT_CSV);
	/* No ledger: nothing is derived and no document changes. */
	if (x.assets == NULL || ((info == NULL || info->n == 0) &&
	    (it == NULL || it->n == 0) && csv == NULL && it_csv == NULL))
		return 0;
	if (read_table(&x) != 0 || read_thresholds(&x) != 0)
		return -1;
	read_media(&x);
	for (i = 0; info != NULL && i < info->n; i++)
		from_yaml(&x, info->items[i]);
	if (read_csv(&x) != 0)
		rc = -1;
	if (read_it_csv(&x) != 0)
		rc = -1;
	memset(&n, 0, sizeof(n));
	rate_rows(&x, &n);
	today = as_of(&x);
	live = today != NULL ? rate_it(&x, today) : 0;
	put_table(&x);
	put_grid(&x, &n);
	put_summary(&x, &n, live, today);
	free(x.in);
	return rc;
}
