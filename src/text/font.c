/*
 * font.c: HarfBuzz for metrics and subsetting (the only file that includes
 * it).  Advances are cached per BMP code point: layout asks for the same
 * few thousand characters over and over.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <hb.h>
#include <hb-subset.h>
#include <hb-ot.h>

#include "text/font.h"
#include "base/source.h"
#include "base/util.h"

#define ADV_UNKNOWN	-2
#define ADV_MISSING	-1

struct font {
	char		*path;
	const char	*name;
	hb_blob_t	*blob;
	hb_face_t	*face;
	hb_font_t	*font;
	unsigned	 upem;
	int16_t		*adv[0x1100];	/* pages of 256 advances, on demand */
	hb_set_t	*used;
	hb_set_t	*reported;	/* characters already reported */
};

static const struct {
	const char *file, *debian, *name;
} faces[FONT__COUNT] = {
	{ "ipaexm.ttf", "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf",
	  "IPAex明朝" },
	{ "ipaexg.ttf", "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
	  "IPAexゴシック" },
	{ "ipag.ttf", "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf",
	  "IPAゴシック" },
};

struct font *
font_open(enum font_face face, const char *fonts_dir, struct diags *d)
{
	struct font *f;
	struct buf path = {0};
	struct stat st;

	buf_addf(&path, "%s/%s", fonts_dir, faces[face].file);
	if (stat(path.p, &st) != 0) {
		path.n = 0;
		buf_adds(&path, faces[face].debian);
	}
	f = xcalloc(1, sizeof(*f));
	f->path = buf_take(&path);
	f->name = faces[face].name;
	/* A FIFO or device would make HarfBuzz wait or read without end. */
	if (stat(f->path, &st) == 0 && !S_ISREG(st.st_mode)) {
		diag(d, E_FONT, (struct pos){ f->path, 0, 0 }, f->name,
		    source_file_kind(st.st_mode));
		font_free(f);
		return NULL;
	}
	f->blob = hb_blob_create_from_file_or_fail(f->path);
	if (f->blob == NULL) {
		diag(d, E_FONT, (struct pos){ f->path, 0, 0 }, f->name,
		    "ファイルがないか読めません（fonts-ipaexfont-* と "
		    "fonts-ipafont-gothic を入れてください）");
		font_free(f);
		return NULL;
	}
	f->face = hb_face_create(f->blob, 0);
	f->upem = hb_face_get_upem(f->face);
	if (hb_face_get_glyph_count(f->face) == 0 || f->upem == 0) {
		diag(d, E_FONT, (struct pos){ f->path, 0, 0 }, f->name,
		    "TrueType フォントとして読めません");
		font_free(f);
		return NULL;
	}
	f->font = hb_font_create(f->face);
	f->used = hb_set_create();
	f->reported = hb_set_create();
	return f;
}

/*
 * A copy of f as its document left it, for writing that document's PDF on
 * another thread while f goes on to the next: its own used set and
 * advance cache, the face and blob shared (HarfBuzz reference counts them
 * atomically and reads a face from several threads safely), and its own
 * hb_font, so that no HarfBuzz object the two threads touch is mutable.
 */
struct font *
font_snapshot(const struct font *f)
{
	struct font *s = xcalloc(1, sizeof(*s));

	s->path = xstrdup(f->path);
	s->name = f->name;
	s->blob = hb_blob_reference(f->blob);
	s->face = hb_face_reference(f->face);
	s->font = hb_font_create(s->face);
	s->upem = f->upem;
	s->used = hb_set_copy(f->used);
	s->reported = hb_set_create();
	return s;
}

void
font_free(struct font *f)
{
	if (f == NULL)
		return;
	if (f->used)
		hb_set_destroy(f->used);
	if (f->reported)
		hb_set_destroy(f->reported);
	if (f->font)
		hb_font_destroy(f->font);
	if (f->face)
		hb_face_destroy(f->face);
	if (f->blob)
		hb_blob_destroy(f->blob);
	for (size_t i = 0; i < 0x1100; i++)
		free(f->adv[i]);
	free(f->path);
	free(f);
}

const char *
font_path(const struct font *f)
{
	return f->path;
}

const char *
font_display_name(const struct font *f)
{
	return f->name;
}

static int
lookup(struct font *f, uint32_t cp)
{
	hb_codepoint_t gid;
	int16_t *page, *a;
	size_t i;

	if (cp >= 0x110000)
		return ADV_MISSING;
	if ((page = f->adv[cp >> 8]) == NULL) {
		page = f->adv[cp >> 8] = xmalloc(256 * sizeof(*page));
		for (i = 0; i < 256; i++)
			page[i] = ADV_UNKNOWN;
	}
	a = &page[cp & 0xFF];
	if (*a != ADV_UNKNOWN)
		return *a;
	if (!hb_font_get_nominal_glyph(f->font, cp, &gid))
		*a = ADV_MISSING;
	else
		*a = (int16_t)((long)hb_font_get_glyph_h_advance(f->font,
		    gid) * 1000 / (long)f->upem);
	return *a;
}

int
font_has(struct font *f, uint32_t cp)
{
	return lookup(f, cp) >= 0;
}

int
font_advance(struct font *f, uint32_t cp)
{
	int a = lookup(f, cp);

	return a < 0 ? 0 : a;
}

int
font_note_reported(struct font *f, uint32_t cp)
{
	if (hb_set_has(f->reported, cp))
		return 0;
	hb_set_add(f->reported, cp);
	return 1;
}

void
font_reset_used(struct font *f)
{
	hb_set_clear(f->used);
}

void
font_use(struct font *f, uint32_t cp)
{
	hb_set_add(f->used, cp);
}

int
font_used_any(const struct font *f)
{
	return !hb_set_is_empty(f->used);
}

size_t
font_used_list(const struct font *f, uint32_t **out)
{
	hb_codepoint_t cp = HB_SET_VALUE_INVALID;
	size_t n = 0;

	*out = xmalloc((hb_set_get_population(f->used) + 1) * sizeof(**out));
	while (hb_set_next(f->used, &cp))
		(*out)[n++] = cp;
	return n;
}

/* A subsetting input for the characters f has used, without hinting. */
static hb_subset_input_t *
used_input(const struct font *f)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();

	if (in != NULL) {
		hb_set_union(hb_subset_input_unicode_set(in), f->used);
		hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	}
	return in;
}

/* The font file of face sub, copied into a malloc'ed buffer. */
static void
face_bytes(hb_face_t *sub, char **data, size_t *len)
{
	hb_blob_t *blob = hb_face_reference_blob(sub);
	unsigned n;
	const char *p = hb_blob_get_data(blob, &n);

	*data = xmalloc(n ? n : 1);
	memcpy(*data, p, n);
	*len = n;
	hb_blob_destroy(blob);
}

int
font_subset(struct font *f, char **data, size_t *len)
{
	hb_subset_input_t *in = used_input(f);
	hb_face_t *sub;

	if (in == NULL)
		return -1;
	sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return -1;
	face_bytes(sub, data, len);
	hb_face_destroy(sub);
	return 0;
}

/* A big-endian 16-bit value at off in table tag of face, or 0. */
static int
table_i16(hb_face_t *face, hb_tag_t tag, unsigned off)
{
	hb_blob_t *t = hb_face_reference_table(face, tag);
	unsigned n;
	const unsigned char *p = (const unsigned char *)hb_blob_get_data(t, &n);
	int v = 0;

	if (p != NULL && off + 2 <= n)
		v = (int16_t)(p[off] << 8 | p[off + 1]);
	hb_blob_destroy(t);
	return v;
}

static int
per_mille(const struct font *f, int units)
{
	/* Truncated toward zero, as the advances are. */
	return (int)((long)units * 1000 / (long)f->upem);
}

/*
 * The font descriptor's numbers, from the full font: its head, hhea and
 * OS/2 tables.  A font family class of 1-7 is one of the serif classes;
 * PANOSE proportion 9 is monospaced.
 */
static void
embed_metrics(const struct font *f, struct font_embed *e)
{
	static const unsigned bbox_at[4] = { 36, 38, 40, 42 };
	hb_tag_t head = HB_TAG('h', 'e', 'a', 'd'),
	    hhea = HB_TAG('h', 'h', 'e', 'a'), os2 = HB_TAG('O', 'S', '/', '2');
	unsigned len = sizeof(e->psname);
	int family;

	for (int i = 0; i < 4; i++)
		e->bbox[i] = per_mille(f, table_i16(f->face, head, bbox_at[i]));
	e->ascent = per_mille(f, table_i16(f->face, hhea, 4));
	e->descent = per_mille(f, table_i16(f->face, hhea, 6));
	e->cap_height = per_mille(f, table_i16(f->face, os2, 88));
	family = table_i16(f->face, os2, 30) >> 8;
	e->serif = family >= 1 && family <= 7;
	e->fixed_pitch = (table_i16(f->face, os2, 34) & 0xFF) == 9;
	if (hb_ot_name_get_utf8(f->face, HB_OT_NAME_ID_POSTSCRIPT_NAME,
	    HB_LANGUAGE_INVALID, &len, e->psname) == 0)
		snprintf(e->psname, sizeof(e->psname), "Font");
}

/*
 * The subset for a PDF: only the glyph tables a viewer of an embedded
 * CID font reads.  The layout tables go (and with GSUB gone HarfBuzz adds
 * no glyph reachable only through substitutions), and so do cmap, name
 * and post: the PDF says which glyph draws which CID itself, through the
 * glyph numbers the subset plan gives each used character.
 */
int
font_embed(const struct font *f, struct font_embed *e)
{
	static const hb_tag_t drop[] = { HB_TAG('G', 'S', 'U', 'B'),
	    HB_TAG('G', 'P', 'O', 'S'), HB_TAG('G', 'D', 'E', 'F'),
	    HB_TAG('B', 'A', 'S', 'E'), HB_TAG('v', 'h', 'e', 'a'),
	    HB_TAG('v', 'm', 't', 'x'), HB_TAG('g', 'a', 's', 'p'),
	    HB_TAG('D', 'S', 'I', 'G'), HB_TAG('c', 'm', 'a', 'p'),
	    HB_TAG('n', 'a', 'm', 'e'), HB_TAG('p', 'o', 's', 't') };
	hb_subset_input_t *in = used_input(f);
	hb_subset_plan_t *plan;
	const hb_map_t *by_cp, *old_to_new;
	hb_face_t *sub;
	size_t i;

	memset(e, 0, sizeof(*e));
	if (in == NULL)
		return -1;
	for (i = 0; i < sizeof(drop) / sizeof(drop[0]); i++)
		hb_set_add(hb_subset_input_set(in,
		    HB_SUBSET_SETS_DROP_TABLE_TAG), drop[i]);
	plan = hb_subset_plan_create_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (plan == NULL)
		return -1;
	if ((sub = hb_subset_plan_execute_or_fail(plan)) == NULL) {
		hb_subset_plan_destroy(plan);
		return -1;
	}
	face_bytes(sub, &e->data, &e->len);
	hb_face_destroy(sub);
	by_cp = hb_subset_plan_unicode_to_old_glyph_mapping(plan);
	old_to_new = hb_subset_plan_old_to_new_glyph_mapping(plan);
	e->n = font_used_list(f, &e->cps);
	e->gids = xcalloc(e->n + 1, sizeof(*e->gids));
	for (i = 0; i < e->n; i++) {
		hb_codepoint_t g = hb_map_get(old_to_new,
		    hb_map_get(by_cp, e->cps[i]));

		e->gids[i] = g == HB_MAP_VALUE_INVALID ? 0 : (uint16_t)g;
	}
	hb_subset_plan_destroy(plan);
	embed_metrics(f, e);
	return 0;
}

void
font_embed_free(struct font_embed *e)
{
	free(e->data);
	free(e->cps);
	free(e->gids);
	memset(e, 0, sizeof(*e));
}
