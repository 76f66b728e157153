/*
 * ids.c: credentials from libsodium, clocks, UTF-8 counting (ids.h).
 */
#include <sodium.h>
#include <string.h>
#include <time.h>

#include "util/ids.h"
#include "util/strbuf.h"

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

void
ids_prefixed(char *out, const char *prefix, size_t n)
{
	static const char a[] =
	    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
	size_t i, p = strlen(prefix);

	memcpy(out, prefix, p);
	for (i = 0; i < n; i++)
		out[p + i] = a[randombytes_uniform(sizeof(a) - 1)];
	out[p + n] = '\0';
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
clock_mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
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

/* Bytes of the UTF-8 sequence at s[i]; 1 for an invalid byte. */
static size_t
seqlen(const char *s, size_t i, size_t len)
{
	unsigned char c = (unsigned char)s[i];
	size_t k, j;

	if (c < 0x80)
		return 1;
	if ((c & 0xe0) == 0xc0)
		k = 2;
	else if ((c & 0xf0) == 0xe0)
		k = 3;
	else if ((c & 0xf8) == 0xf0)
		k = 4;
	else
		return 1;
	if (i + k > len)
		return 1;
	for (j = 1; j < k; j++)
		if (((unsigned char)s[i + j] & 0xc0) != 0x80)
			return 1;
	return k;
}

size_t
utf8_seq(const unsigned char *s, size_t i, size_t len)
{
	unsigned char c = s[i], lo = 0x80, hi = 0xbf;
	size_t k, j;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		k = 2;
	else if (c >= 0xe0 && c <= 0xef) {
		k = 3;
		lo = c == 0xe0 ? 0xa0 : 0x80;
		hi = c == 0xed ? 0x9f : 0xbf;
	} else if (c >= 0xf0 && c <= 0xf4) {
		k = 4;
		lo = c == 0xf0 ? 0x90 : 0x80;
		hi = c == 0xf4 ? 0x8f : 0xbf;
	} else
		return 0;
	if (i + k > len || s[i + 1] < lo || s[i + 1] > hi)
		return 0;
	for (j = 2; j < k; j++)
		if ((s[i + j] & 0xc0) != 0x80)
			return 0;
	return k;
}

int
utf8_valid(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < len) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_seq(u, i, len)) == 0)
			return 0;
		i += k;
	}
	return 1;
}

int
utf8_repair(struct strbuf *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, run = 0, k;
	int rc = 0;

	while (i < len && rc == 0) {
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = utf8_seq(u, i, len)) != 0) {
			i += k;
			continue;
		}
		if ((rc = strbuf_add(out, s + run, i - run)) == 0)
			rc = strbuf_add(out, "\xef\xbf\xbd", 3);	/* U+FFFD */
		run = ++i;
	}
	return rc ? rc : strbuf_add(out, s + run, len - run);
}

size_t
utf8_prefix(const char *s, size_t len, size_t max_chars)
{
	size_t i = 0, n = 0;

	while (i < len && n < max_chars) {
		i += seqlen(s, i, len);
		n++;
	}
	return i;
}

size_t
utf8_chars(const char *s, size_t len)
{
	size_t i = 0, n = 0;

	while (i < len) {
		i += seqlen(s, i, len);
		n++;
	}
	return n;
}
