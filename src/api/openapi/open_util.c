/*
 * open_util.c: the pure parts of the open API (open_int.h): pushplus
 * dates, page arithmetic and JSON strings of stored text.  Nothing here
 * touches the request, the store or the clock, so all of it is
 * unit-tested (tests/unit/test_open.c).  IP allowlists are
 * util/iplist.c's.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/openapi/open_int.h"
#include "util/errors.h"
#include "util/ids.h"
#include "util/jsonstr.h"
#include "util/strbuf.h"

#define CN_OFFSET_MS	(8 * 3600 * 1000LL)	/* Asia/Shanghai, no DST */

/* Days from 1970-01-01 to y-m-d (proleptic Gregorian). */
static int64_t
days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int
month_days(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 && leap ? 29 : days[m - 1];
}

int
open_date_parse(const char *s, int64_t *ms)
{
	int y, mo, d, h = 0, mi = 0, sec = 0, n = 0, len;

	if (s == NULL)
		return -1;
	while (isspace((unsigned char)*s))
		s++;
	len = (int)strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 10) {
		if (sscanf(s, "%4d-%2d-%2d%n", &y, &mo, &d, &n) != 3 || n != 10)
			return -1;
	} else if (len == 19) {
		if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d%n", &y, &mo, &d, &h, &mi,
		    &sec, &n) != 6 || n != 19)
			return -1;
	} else {
		return -1;
	}
	if (y < 1970 || y > 9999 || mo < 1 || mo > 12 || d < 1 ||
	    d > month_days(y, mo) || h > 23 || mi > 59 || sec > 59 ||
	    h < 0 || mi < 0 || sec < 0)
		return -1;
	*ms = ((days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 +
	    sec) * 1000) - CN_OFFSET_MS;
	return 0;
}

int64_t
open_day_start(int64_t now_ms)
{
	int64_t local = now_ms + CN_OFFSET_MS;
	int64_t day = local >= 0 ? local / 86400000 :
	    (local - 86399999) / 86400000;

	return day * 86400000 - CN_OFFSET_MS;
}

void
open_page_norm(long long current, long long size, struct open_page *pg)
{
	if (current <= 0)
		current = 1;
	if (current > INT_MAX / OPEN_PAGE_MAX)
		current = INT_MAX / OPEN_PAGE_MAX;
	if (size <= 0)
		size = OPEN_PAGE_DEFAULT;
	if (size > OPEN_PAGE_MAX)
		size = OPEN_PAGE_MAX;
	pg->current = (int)current;
	pg->size = (int)size;
	pg->offset = (int64_t)(current - 1) * size;
}

int64_t
open_page_count(int64_t total, int size)
{
	if (total <= 0 || size <= 0)
		return 0;
	return (total + size - 1) / size;
}

int
open_page_offset(const struct open_page *pg)
{
	return pg->offset > INT_MAX ? INT_MAX : (int)pg->offset;
}

json_t *
open_jdate(int64_t ms)
{
	char date[20];

	clock_format_cn(ms, date);
	return json_string(date);
}
