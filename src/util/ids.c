/*
 * ids.c: credentials from libsodium, clocks, UTF-8 counting (ids.h).
 */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "util/ids.h"

int
ids_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void
ids_token(char out[ID_TOKEN_LEN + 1])
{
	unsigned char raw[ID_TOKEN_LEN / 2];

	randombytes_buf(raw, sizeof(raw));
	sodium_bin2hex(out, ID_TOKEN_LEN + 1, raw, sizeof(raw));
}

void
ids_uid(char out[ID_UID_LEN + 1])
{
	static const char a[] =
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	size_t i;

	memcpy(out, "UID_", 4);
	for (i = 4; i < ID_UID_LEN; i++)
		out[i] = a[randombytes_uniform(sizeof(a) - 1)];
	out[ID_UID_LEN] = '\0';
}

int
ids_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);

	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

int64_t
clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t
clock_mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void
clock_format_cn(int64_t ms, char out[20])
{
	time_t t = (time_t)(ms / 1000) + 8 * 3600;
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static size_t
seqlen(unsigned char c)
{
	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		return 2;
	if ((c & 0xf0) == 0xe0)
		return 3;
	if ((c & 0xf8) == 0xf0)
		return 4;
	return 1;
}

size_t
utf8_prefix(const char *s, size_t len, size_t max_chars)
{
	size_t i = 0, n = 0;

	while (i < len && n < max_chars) {
		size_t k = seqlen((unsigned char)s[i]);

		i += (i + k <= len) ? k : 1;
		n++;
	}
	return i;
}

size_t
utf8_chars(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		size_t k = seqlen((unsigned char)s[i]);

		i += (i + k <= len) ? k : 1;
		n++;
	}
	return n;
}
