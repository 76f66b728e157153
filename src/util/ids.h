/*
 * ids.h: random credentials and handles, and small clock/text helpers
 * shared by every layer.
 *
 * Tokens are 128-bit values from libsodium's CSPRNG written as 32
 * lowercase hex digits (pushplus token and shortCode format).  UIDs are
 * "UID_" followed by 28 base62 characters (WxPusher's shape).
 */
#ifndef FG_IDS_H
#define FG_IDS_H

#include <stddef.h>
#include <stdint.h>

#define ID_TOKEN_LEN	32	/* hex chars, without NUL */
#define ID_UID_LEN	32	/* "UID_" + 28 */

int	ids_init(void);				/* sodium_init() */
void	ids_token(char out[ID_TOKEN_LEN + 1]);
void	ids_uid(char out[ID_UID_LEN + 1]);
/* prefix + n random base62 characters (out holds strlen(prefix)+n+1). */
void	ids_prefixed(char *out, const char *prefix, size_t n);
/* Constant-time equality of two NUL-terminated strings. */
int	ids_equal(const char *, const char *);

int64_t	clock_ms(void);				/* wall clock, epoch ms */
int64_t	clock_mono_ms(void);			/* monotonic ms */
int64_t	clock_mono_us(void);			/* monotonic microseconds */
/* "yyyy-MM-dd HH:mm:ss" in UTC+8 (pushplus dates). */
void	clock_format_cn(int64_t ms, char out[20]);

/* Number of Unicode code points in UTF-8 text (invalid bytes count 1). */
size_t	utf8_chars(const char *, size_t);
/*
 * Bytes of the well-formed UTF-8 sequence at s[i] (RFC 3629: no
 * overlong forms, no surrogates, nothing past U+10FFFF); 0 if there is
 * none.
 */
size_t	utf8_seq(const unsigned char *s, size_t i, size_t len);
/* 1 if s is well-formed UTF-8 (RFC 3629). */
int	utf8_valid(const char *, size_t);
/* Append s to out with each byte that is not part of a well-formed
 * sequence replaced by U+FFFD. */
struct strbuf;
int	utf8_repair(struct strbuf *out, const char *, size_t);
/* Byte length of the first max_chars code points. */
size_t	utf8_prefix(const char *, size_t, size_t max_chars);

#endif
