/*
 * dates.h: calendar dates as profiles write them (YYYY-MM-DD) and as the
 * documents print them: 西暦 "2025年4月1日" or 和暦 "令和7年4月1日".
 */
#ifndef KITEI_DATES_H
#define KITEI_DATES_H

#include <stddef.h>

struct date { int y, m, d; };
enum date_style { DATE_SEIREKI, DATE_WAREKI };

/* Parses "YYYY-MM-DD" (a real calendar day); 0 on success. */
int	date_parse(const char *s, struct date *out);
/* Writes the date into out (at least 32 bytes). */
void	date_format(struct date dt, enum date_style style, char *out,
	    size_t size);
/* Days in month m (1-12) of year y. */
int	date_days_in_month(int y, int m);
/* Seconds since the epoch at 00:00 UTC of that day. */
long long date_epoch(struct date dt);
/* The day n days after dt (n may be negative). */
struct date date_add_days(struct date dt, int n);
/* <0, 0, >0 as a is before, the same day as, or after b. */
int	date_cmp(struct date a, struct date b);

#endif
