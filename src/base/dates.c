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
date_add_days(struct date dt, int n)
{
	for (; n > 0; n--)
		if (++dt.d > date_days_in_month(dt.y, dt.m)) {
			dt.d = 1;
			if (++dt.m > 12) {
				dt.m = 1;
				dt.y++;
			}
		}
	for (; n < 0; n++)
		if (--dt.d < 1) {
			if (--dt.m < 1) {
				dt.m = 12;
				dt.y--;
			}
			dt.d = date_days_in_month(dt.y, dt.m);
		}
	return dt;
}

int
date_cmp(struct date a, struct date b)
{
	if (a.y != b.y)
		return a.y - b.y;
	if (a.m != b.m)
		return a.m - b.m;
	return a.d - b.d;
}
