/*
 * font.c: HarfBuzz for metrics and subsetting (the only file that includes
 * it).  Advances are cached per BMP code point: layout asks for the same
 * few thousand characters over and over.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <hb.h>
#include <hb-subset.h>

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

/*
 * Puts the original font's cvt, fpgm and prep back into the subset sub.
 * NO_HINTING drops them with the glyphs' instructions, and libharu 2.3.0
 * then writes prep, the last table it embeds, as an empty table; when the
 * font it rebuilds is a whole number of its 4,096-byte buffers long, its
 * checksum pass seeks to that empty table at the very end and fails (PDF
 * error 0x1033 for about one glyph set in a thousand, found by the render
 * fuzzer).  Three small tables (about 270 bytes) make every table it
 * embeds non-empty.
 */
static void
keep_hinting_tables(hb_face_t *sub, hb_face_t *orig)
{
	static const hb_tag_t keep[] = { HB_TAG('c', 'v', 't', ' '),
	    HB_TAG('f', 'p', 'g', 'm'), HB_TAG('p', 'r', 'e', 'p') };
	size_t i;

	/* The subset is a face builder: the tables go straight into it. */
	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		hb_blob_t *t = hb_face_reference_table(orig, keep[i]);

		if (hb_blob_get_length(t) > 0)
			hb_face_builder_add_table(sub, keep[i], t);
		hb_blob_destroy(t);
	}
}

int
font_subset(struct font *f, char **data, size_t *len)
{
	hb_subset_input_t *in = hb_subset_input_create_or_fail();
	hb_face_t *sub;
	hb_blob_t *blob;
	const char *p;
	unsigned n;

	if (in == NULL)
		return -1;
	hb_set_union(hb_subset_input_unicode_set(in), f->used);
	hb_subset_input_set_flags(in, HB_SUBSET_FLAGS_NO_HINTING);
	sub = hb_subset_or_fail(f->face, in);
	hb_subset_input_destroy(in);
	if (sub == NULL)
		return -1;
	keep_hinting_tables(sub, f->face);
	blob = hb_face_reference_blob(sub);
	p = hb_blob_get_data(blob, &n);
	*data = xmalloc(n);
	memcpy(*data, p, n);
	*len = n;
	hb_blob_destroy(blob);
	hb_face_destroy(sub);
	return 0;
}
