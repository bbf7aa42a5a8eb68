/*
 * dates.c: date parsing and Japanese formatting.  Era boundaries are the
 * first days of each era (昭和 from 1926-12-25, 平成 from 1989-01-08,
 * 令和 from 2019-05-01); the first year of an era prints as 元年.
 */
#include <stdio.h>
#include <string.h>

#include "base/dates.h"

static int
leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };

	return m == 2 && leap(y) ? 29 : days[m - 1];
}

int
date_parse(const char *s, struct date *out)
{
	int i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	out->y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 +
	    (s[2] - '0') * 10 + (s[3] - '0');
	out->m = (s[5] - '0') * 10 + (s[6] - '0');
	out->d = (s[8] - '0') * 10 + (s[9] - '0');
	if (out->y < 1900 || out->m < 1 || out->m > 12 || out->d < 1 ||
	    out->d > date_days_in_month(out->y, out->m))
		return -1;
	return 0;
}

static int
date_before(struct date a, int y, int m, int d)
{
	if (a.y != y)
		return a.y < y;
	if (a.m != m)
		return a.m < m;
	return a.d < d;
}

void
date_format(struct date dt, enum date_style style, char *out, size_t size)
{
	static const struct { const char *name; int y, m, d; } eras[] = {
		{ "令和", 2019, 5, 1 }, { "平成", 1989, 1, 8 },
		{ "昭和", 1926, 12, 25 }, { "大正", 1912, 7, 30 },
	};
	size_t i;
	int n;

	if (style == DATE_WAREKI)
		for (i = 0; i < sizeof(eras) / sizeof(eras[0]); i++) {
			if (date_before(dt, eras[i].y, eras[i].m, eras[i].d))
				continue;
			n = dt.y - eras[i].y + 1;
			if (n == 1)
				snprintf(out, size, "%s元年%d月%d日",
				    eras[i].name, dt.m, dt.d);
			else
				snprintf(out, size, "%s%d年%d月%d日",
				    eras[i].name, n, dt.m, dt.d);
			return;
		}
	snprintf(out, size, "%d年%d月%d日", dt.y, dt.m, dt.d);
}

long long
date_epoch(struct date dt)
{
	long long days = 0;
	int y, m;

	for (y = 1970; y < dt.y; y++)
		days += leap(y) ? 366 : 365;
	for (m = 1; m < dt.m; m++)
		days += date_days_in_month(dt.y, m);
	days += dt.d - 1;
	return days * 86400;
}

struct date
date_add_months(struct date dt, int months)
{
	long m = (long)dt.y * 12 + (dt.m - 1) + months;
	int dim;

	dt.y = (int)(m / 12);
	dt.m = (int)(m % 12) + 1;
	dim = date_days_in_month(dt.y, dt.m);
	if (dt.d > dim)
		dt.d = dim;
	return dt;
}

int
date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y < b.y ? -1 : 1;
	if (a.m != b.m)
		return a.m < b.m ? -1 : 1;
	if (a.d != b.d)
		return a.d < b.d ? -1 : 1;
	return 0;
}

/* Days since 1970-01-01 by the civil-from-days inverse (Hinnant). */
static long
days_from_civil(struct date dt)
{
	long y = dt.m <= 2 ? dt.y - 1 : dt.y;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (dt.m + (dt.m > 2 ? -3 : 9)) + 2) / 5 + dt.d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static struct date
civil_from_days(long z)
{
	struct date dt;
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	dt.d = (int)(doy - (153 * mp + 2) / 5 + 1);
	dt.m = (int)(mp < 10 ? mp + 3 : mp - 9);
	dt.y = (int)(yoe + era * 400 + (dt.m <= 2));
	return dt;
}

long
date_days_between(struct date a, struct date b)
{
	return days_from_civil(b) - days_from_civil(a);
}

struct date
date_add_days(struct date dt, int days)
{
	return civil_from_days(days_from_civil(dt) + days);
}

struct date
date_from_epoch(long long secs)
{
	long long days = secs >= 0 ? secs / 86400 : -((-secs + 86399) / 86400);

	return civil_from_days((long)days);
}

void
date_iso(struct date dt, char out[16])
{
	snprintf(out, 16, "%04d-%02d-%02d", dt.y % 10000, dt.m, dt.d);
}
