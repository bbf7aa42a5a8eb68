/*
 * font.h: fonts for layout and embedding.  The only interface to HarfBuzz:
 * glyph coverage and advances of the full fonts (for layout), and subsets
 * of exactly the characters used (for the PDF).
 */
#ifndef KITEI_FONT_H
#define KITEI_FONT_H

#include <stddef.h>
#include <stdint.h>

#include "base/diag.h"

enum font_face { FONT_MINCHO, FONT_GOTHIC, FONT_MONO, FONT__COUNT };

struct font;

/*
 * Opens the font file of face: fonts/ in the working directory first, then
 * the Debian package path.  Returns NULL after reporting an error.
 */
struct font	*font_open(enum font_face face, const char *fonts_dir,
		    struct diags *d);
void		 font_free(struct font *f);
/*
 * A copy of f with the characters used so far, sharing nothing mutable
 * with f: one thread may write a PDF with it while another uses f.
 * Freed with font_free().
 */
struct font	*font_snapshot(const struct font *f);
/* The path actually opened (for --deps and messages). */
const char	*font_path(const struct font *f);
const char	*font_display_name(const struct font *f);
/* Whether the font has a glyph for cp. */
int		 font_has(struct font *f, uint32_t cp);
/*
 * Advance of cp in 1/1000 em, floored exactly as libharu writes /W, so
 * that layout and viewer agree to the unit.
 */
int		 font_advance(struct font *f, uint32_t cp);
/* Forgets the used characters (before the next document). */
void		 font_reset_used(struct font *f);
/*
 * Records that a problem with cp was reported; returns 1 the first time,
 * 0 after, so each missing character is reported once per run.
 */
int		 font_note_reported(struct font *f, uint32_t cp);
/* Marks cp as used in the document (it goes into the subset). */
void		 font_use(struct font *f, uint32_t cp);
int		 font_used_any(const struct font *f);
/* The used code points in increasing order; the caller frees *out. */
size_t		 font_used_list(const struct font *f, uint32_t **out);
/*
 * A TrueType subset of the used characters, without hinting.  Returns 0
 * and a malloc'ed buffer the caller frees, or -1.
 */
int		 font_subset(struct font *f, char **data, size_t *len);

/*
 * What a PDF embeds of a font: a TrueType subset of the used characters
 * with only the tables a viewer reads, each character's glyph in it, and
 * the full font's metrics in 1/1000 em.
 */
struct font_embed {
	char		*data;		/* the TrueType subset */
	size_t		 len;
	uint32_t	*cps;		/* used code points, increasing */
	uint16_t	*gids;		/* gids[i]: the glyph of cps[i] */
	size_t		 n;
	char		 psname[64];	/* PostScript name */
	int		 ascent, descent, cap_height, bbox[4];
	int		 serif, fixed_pitch;
};

/* Fills e; returns 0, or -1 with nothing to free. */
int		 font_embed(const struct font *f, struct font_embed *e);
void		 font_embed_free(struct font_embed *e);

#endif
