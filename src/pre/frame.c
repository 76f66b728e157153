/*
 * frame.c: length-prefixed records (frame.h).
 *
 * Big-endian lengths, so a dump of the socket reads naturally; 32 bits,
 * because every record is capped far below 4 GiB (PRE_SCRIPT_MAX,
 * PRE_OUT_MAX).  The blocking reader is for the worker, which has
 * nothing else to do while it waits; the server side parses what its
 * non-blocking reads collected with pre_frame_next().
 */
#include <errno.h>
#include <sys/socket.h>
#include <unistd.h>

#include "pre/frame.h"
#include "util/errors.h"
#include "util/strbuf.h"

int
pre_frame_add(struct strbuf *sb, const void *p, size_t len)
{
	unsigned char h[PRE_FRAME_HDR];
	int rc;

	if (len > UINT32_MAX)
		return FG_ETOOBIG;
	h[0] = (unsigned char)(len >> 24);
	h[1] = (unsigned char)(len >> 16);
	h[2] = (unsigned char)(len >> 8);
	h[3] = (unsigned char)len;
	if ((rc = strbuf_add(sb, h, sizeof(h))) != 0)
		return rc;
	return strbuf_add(sb, p, len);
}

static size_t
hdr_len(const unsigned char *h)
{
	return (size_t)h[0] << 24 | (size_t)h[1] << 16 | (size_t)h[2] << 8 |
	    (size_t)h[3];
}

long
pre_frame_next(const char *buf, size_t len, size_t cap, const char **body,
    size_t *body_len)
{
	size_t n;

	if (len < PRE_FRAME_HDR)
		return 0;
	if ((n = hdr_len((const unsigned char *)buf)) > cap)
		return FG_ETOOBIG;
	if (len - PRE_FRAME_HDR < n)
		return 0;
	*body = buf + PRE_FRAME_HDR;
	*body_len = n;
	return (long)(PRE_FRAME_HDR + n);
}

/* Read exactly len bytes; 1 at end of file before the first byte. */
static int
read_full(int fd, void *buf, size_t len)
{
	char *p = buf;
	size_t got = 0;
	ssize_t n;

	while (got < len) {
		n = read(fd, p + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 && got == 0)
			return 1;
		if (n <= 0)
			return FG_EIO;
		got += (size_t)n;
	}
	return 0;
}

int
pre_frame_read(int fd, struct strbuf *sb, size_t cap)
{
	unsigned char h[PRE_FRAME_HDR];
	char buf[16384];
	size_t n, k;
	int rc;

	strbuf_reset(sb);
	if ((rc = read_full(fd, h, sizeof(h))) != 0)
		return rc == 1 ? FG_ECLOSED : rc;
	if ((n = hdr_len(h)) > cap)
		return FG_ETOOBIG;
	while (n) {
		k = n < sizeof(buf) ? n : sizeof(buf);
		if (read_full(fd, buf, k) != 0 || strbuf_add(sb, buf, k) != 0)
			return FG_EIO;
		n -= k;
	}
	return 0;
}

int
pre_frame_write(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = send(fd, p, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return FG_EIO;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
