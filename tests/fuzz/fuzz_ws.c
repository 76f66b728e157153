/*
 * fuzz_ws.c: libFuzzer target for what a WebSocket client sends
 * (src/stream/ws_conn.c: wslay's parser, and the frame tracking that
 * frees the session between frames).  Input: byte 0 sets the size of
 * the pieces (1 to 64 bytes) the rest is written in, through a socket
 * pair, with ws_conn_input() called after each piece, so every frame
 * boundary meets every read boundary.  Besides the sanitizers it checks
 * what the stream loop relies on: what the session queues for the
 * client is a sequence of whole, unmasked control frames (pong, close).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "stream/hub.h"
#include "stream/ws_conn.h"
#include "util/strbuf.h"

int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
nop(void *arg)
{
	(void)arg;
}

static ssize_t
take_all(void *arg, const char *p, size_t n)
{
	strbuf_add(arg, p, n);
	return (ssize_t)n;
}

/* Whole server control frames, to the last byte. */
static void
check_frames(const struct strbuf *sb)
{
	const unsigned char *p = (const unsigned char *)sb->buf;
	size_t off = 0, len;

	while (off < sb->len) {
		if (sb->len - off < 2 || (p[off] & 0xf0) != 0x80 ||
		    (p[off + 1] & 0x80) != 0)
			abort();	/* FIN, no RSV, unmasked */
		if ((p[off] & 0x0f) != 0x8 && (p[off] & 0x0f) != 0xa)
			abort();	/* only close and pong */
		len = p[off + 1] & 0x7f;
		if (len > 125 || sb->len - off < 2 + len)
			abort();
		off += 2 + len;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hub *h;
	struct hub_sub *sub;
	struct ws_conn *w = NULL;
	struct strbuf out = STRBUF_INIT;
	size_t piece, off;
	int sv[2], rc = 0;

	if (size < 1 || socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0,
	    sv) != 0)
		return 0;
	piece = 1 + data[0] % 64;
	h = hub_new(0);
	sub = hub_subscribe(h, 1, &hub_ws, NULL, NULL, NULL, nop, nop, NULL);
	for (off = 1; off < size && rc == 0; off += piece) {
		size_t n = size - off < piece ? size - off : piece;

		if (write(sv[0], data + off, n) != (ssize_t)n)
			break;
		rc = ws_conn_input(&w, sv[1], sub);
	}
	close(sv[0]);	/* the client goes: the session sees the end */
	if (rc == 0)
		(void)ws_conn_input(&w, sv[1], sub);
	(void)hub_sub_flush(sub, take_all, &out);
	check_frames(&out);
	ws_conn_free(w);
	hub_unsubscribe(h, sub);
	hub_free(h);
	close(sv[1]);
	strbuf_release(&out);
	return 0;
}
