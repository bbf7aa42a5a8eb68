/*
 * jtext.h: Japanese character classes that more than one stage needs:
 * the Markdown stage and the templates (does a line break inside a text
 * become a space?), the line breaker and the HTML writer, and the
 * word joiners that keep a personal name whole.  One definition,
 * so the PDF and the HTML can never disagree about them.
 */
#ifndef KITEI_JTEXT_H
#define KITEI_JTEXT_H

#include <stdint.h>

/* Chinese/Japanese characters, kana (full and half width), CJK marks. */
int	jt_is_cjk(uint32_t cp);
/*
 * Whether a soft line break between these characters reads as a space:
 * only between two non-Japanese characters (Japanese has no spaces).
 */
int	jt_softbreak_is_space(uint32_t before, uint32_t after);

struct buf;
/*
 * Appends the personal name s with U+2060 WORD JOINER between the
 * characters of each part, so that no device breaks a line inside the
 * family or the given name; a space between them stays a break.
 */
void	jt_join_name(struct buf *b, const char *s);

#endif
