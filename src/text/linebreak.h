/*
 * linebreak.h: where a line may break, for Japanese business text.
 * libunibreak (UAX #14, language "ja") finds the opportunities; a kinsoku
 * pass then applies JIS X 4051 practice where UAX #14 is looser or
 * stricter (see docs/typesetting.md).
 */
#ifndef KITEI_LINEBREAK_H
#define KITEI_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

enum { LB_NONE = 0, LB_ALLOW = 1, LB_MUST = 2 };

/* Builds libunibreak's lookup index; once, before any other call. */
void	lb_init(void);

/* brk[i] gets LB_* for the position after cps[i]; brk[n-1] is LB_MUST. */
void	lb_opportunities(const uint32_t *cps, size_t n, char *brk);
/* A character that may not start a line (行頭禁則). */
int	lb_no_start(uint32_t cp);
/* A character that may not end a line (行末禁則). */
int	lb_no_end(uint32_t cp);
/* Whether cp is Japanese/CJK text (justification spreads around these). */
/* Closing or opening punctuation whose glyph has a half-em blank. */
int	lb_is_closing(uint32_t cp);
int	lb_is_opening(uint32_t cp);

#endif
