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

/*
 * Arithmetic for review cycles.  date_add_months() keeps the day of the
 * month, clamped to the month's last day (2025-01-31 + 1 = 2025-02-28), as
 * a 「1か月後」 is read in Japanese practice.
 */
struct date date_add_months(struct date dt, int months);
struct date date_add_days(struct date dt, int days);
/* <0, 0, >0 as a is before, equal to or after b. */
int	date_cmp(struct date a, struct date b);
/* Days from a to b (negative when b is earlier). */
long	date_days_between(struct date a, struct date b);
/* The day of a count of seconds since the epoch (UTC). */
struct date date_from_epoch(long long secs);
/* Writes YYYY-MM-DD into out (16 bytes). */
void	date_iso(struct date dt, char out[16]);

#endif
