/*
 * ws_conn.c: the client's side of a WebSocket stream, with wslay's
 * event API (tatsuhiro-t/wslay, Debian libwslay-dev): it unmasks and
 * checks every frame, answers pings, and fails the connection with the
 * close code RFC 6455 7.4.1 gives: 1002 for a protocol error (an
 * unmasked frame, reserved bits, an unknown opcode, a control frame
 * over 125 bytes or fragmented), 1007 for a text message that is not
 * UTF-8, 1009 for a message over LIM_WS_MSG, and echoes a client's
 * close.  Messages the client sends are read and dropped: these streams
 * only speak (ntfy's server ignores them too).
 *
 * One gap in wslay 1.1.1: an error its frame layer finds (a control
 * frame over 125 bytes or fragmented) makes wslay_event_recv() queue a
 * close with no status code and answer WSLAY_ERR_CALLBACK_FAILURE, as
 * it does when the recv callback fails.  When our callback did not fail
 * (the client is still there), that is a protocol error: wslay's close
 * is not sent, and ours, with 1002, is queued instead.
 *
 * What wslay sends (pong, close) goes through its send callback into a
 * scratch buffer and then, whole, into the subscriber's backlog with
 * hub_sub_append(): the events are written from the same backlog, so a
 * control frame can never fall inside an event's frame.  The events
 * themselves are framed by the receivers (ws.c), not by wslay, since
 * they are formatted once per publish on the publisher's thread.
 *
 * Memory: a wslay context is about 8.5 KiB (two 4 KiB buffers), more
 * than an idle stream's whole budget (issue 10 §5: 8 KiB; measured 9.3
 * KiB per WebSocket that kept one).  So it is made when the client
 * sends something, and freed again as soon as wslay holds nothing: no
 * frame half read, no fragmented message open, nothing queued, no close
 * begun.  wslay does not say where its parser is, so track() follows
 * the frame headers of the bytes the recv callback hands it (a client
 * that only listens, a browser or the ntfy app, never has a context; one
 * that pings has one for the moment of the ping).
 */
#include <errno.h>
#include <stdlib.h>
#include <sys/socket.h>

#include <wslay/wslay.h>

#include "core/limits.h"
#include "stream/hub.h"
#include "stream/ws_conn.h"
#include "util/strbuf.h"
#include "util/xmalloc.h"

/* Where the client's byte stream is: in a header, a payload, or between. */
struct ws_track {
	unsigned char	 hdr[14];	/* the current header so far */
	size_t		 hlen;
	uint64_t	 left;		/* payload bytes of the current frame */
	int		 open;		/* a fragmented message is open */
};

struct ws_conn {
	wslay_event_context_ptr	 ctx;
	int			 fd;
	int			 eof;
	int			 failed;	/* our own 1002 is queued */
	struct ws_track		 t;
	struct strbuf		 out;	/* wslay's frames, one round */
};

/* The header length that hdr[0..hlen) calls for (2 until it knows). */
static size_t
header_len(const struct ws_track *t)
{
	size_t n = 2;

	if (t->hlen < 2)
		return n;
	if ((t->hdr[1] & 0x7f) == 126)
		n += 2;
	else if ((t->hdr[1] & 0x7f) == 127)
		n += 8;
	return n + ((t->hdr[1] & 0x80) ? 4 : 0);
}

/* A frame ended: a data frame without FIN opens a message, with FIN ends it. */
static void
frame_done(struct ws_track *t, unsigned char b0)
{
	if ((b0 & 0x08) == 0)	/* opcodes 0-7: data and continuation */
		t->open = (b0 & 0x80) == 0;
}

static void
track(struct ws_track *t, const uint8_t *p, size_t n)
{
	uint64_t k, len;
	size_t i, end;

	while (n > 0) {
		if (t->left > 0) {
			k = t->left < n ? t->left : n;
			t->left -= k;
			p += k;
			n -= (size_t)k;
			if (t->left == 0)
				frame_done(t, t->hdr[0]);
			continue;
		}
		t->hdr[t->hlen++] = *p++;
		n--;
		if (t->hlen < header_len(t))
			continue;
		len = t->hdr[1] & 0x7f;
		end = len == 126 ? 4 : 10;	/* the length's last byte + 1 */
		if (len >= 126)
			for (len = 0, i = 2; i < end; i++)
				len = len << 8 | t->hdr[i];
		t->left = len;
		t->hlen = 0;
		if (len == 0)
			frame_done(t, t->hdr[0]);
	}
}

/* Nothing of the client's is inside wslay: it may be freed. */
static int
at_rest(const struct ws_conn *w)
{
	return w->t.hlen == 0 && w->t.left == 0 && !w->t.open &&
	    !w->failed && !w->eof && wslay_event_want_read(w->ctx) &&
	    !wslay_event_want_write(w->ctx) &&
	    wslay_event_get_queued_msg_count(w->ctx) == 0;
}

static ssize_t
recv_cb(wslay_event_context_ptr ctx, uint8_t *buf, size_t len, int flags,
    void *arg)
{
	struct ws_conn *w = arg;
	ssize_t n;

	(void)flags;
	do
		n = recv(w->fd, buf, len, MSG_DONTWAIT);
	while (n < 0 && errno == EINTR);
	if (n > 0) {
		track(&w->t, buf, (size_t)n);
		return n;
	}
	if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
		wslay_event_set_error(ctx, WSLAY_ERR_WOULDBLOCK);
	else {
		w->eof = 1;
		wslay_event_set_error(ctx, WSLAY_ERR_CALLBACK_FAILURE);
	}
	return -1;
}

static ssize_t
send_cb(wslay_event_context_ptr ctx, const uint8_t *data, size_t len,
    int flags, void *arg)
{
	struct ws_conn *w = arg;

	(void)flags;
	if (strbuf_add(&w->out, data, len) != 0) {
		wslay_event_set_error(ctx, WSLAY_ERR_CALLBACK_FAILURE);
		return -1;
	}
	return (ssize_t)len;
}

static void
msg_cb(wslay_event_context_ptr ctx,
    const struct wslay_event_on_msg_recv_arg *arg, void *user)
{
	(void)ctx;
	(void)arg;
	(void)user;	/* a client's message: read and dropped */
}

static const struct wslay_event_callbacks callbacks = {
	.recv_callback = recv_cb,
	.send_callback = send_cb,
	.on_msg_recv_callback = msg_cb,
};

static struct ws_conn *
ws_new(int fd)
{
	struct ws_conn *w = xcalloc(1, sizeof(*w));

	w->fd = fd;
	strbuf_init(&w->out, 0);
	if (wslay_event_context_server_init(&w->ctx, &callbacks, w) != 0) {
		free(w);
		return NULL;
	}
	wslay_event_config_set_max_recv_msg_length(w->ctx, LIM_WS_MSG);
	return w;
}

/* After a close: read and drop, so a chatty client cannot spin us. */
static int
discard(int fd)
{
	char buf[512];
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), MSG_DONTWAIT)) > 0)
		;
	return n == 0 || (errno != EAGAIN && errno != EINTR) ? -1 : 0;
}

int
ws_conn_input(struct ws_conn **wp, int fd, struct hub_sub *sub)
{
	static const char proto_error[] = { (char)0x88, 2, 0x03, (char)0xea };
	struct ws_conn *w = *wp;
	int rc = 0;

	if (w == NULL && (w = *wp = ws_new(fd)) == NULL)
		return -1;
	if (w->failed || !wslay_event_want_read(w->ctx))
		return discard(fd);
	if (wslay_event_recv(w->ctx) == WSLAY_ERR_CALLBACK_FAILURE &&
	    !w->eof) {
		w->failed = 1;	/* see the top: a close with 1002 */
		return hub_sub_append(sub, proto_error, sizeof(proto_error));
	}
	while (rc == 0 && wslay_event_want_write(w->ctx))
		rc = wslay_event_send(w->ctx);
	if (w->out.len > 0) {
		if (hub_sub_append(sub, w->out.buf, w->out.len) != 0)
			rc = -1;
		strbuf_release(&w->out);
		strbuf_init(&w->out, 0);
	}
	/* the client is gone, unless it closed first and awaits our close */
	if (w->eof && !wslay_event_get_close_sent(w->ctx))
		return -1;
	if (rc == 0 && at_rest(w)) {
		ws_conn_free(w);	/* see the top: idle costs nothing */
		*wp = NULL;
	}
	return rc == 0 ? 0 : -1;
}

int
ws_conn_closing(const struct ws_conn *w)
{
	return w != NULL && (w->failed || wslay_event_get_close_sent(w->ctx));
}

void
ws_conn_free(struct ws_conn *w)
{
	if (w == NULL)
		return;
	wslay_event_context_free(w->ctx);
	strbuf_release(&w->out);
	free(w);
}
