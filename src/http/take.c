/*
 * take.c: taking a connection's socket out of libmicrohttpd for a
 * long-lived stream (the stream loop, stream/loop.c, then owns it).
 *
 * Why: an idle stream left in MHD costs its connection's memory pool
 * (http.header_kb * 1.5, 48 KiB by default, of which an SSE stream
 * touched about 38 KiB) plus a 16 KiB response block, whatever it
 * sends; MHD sizes the pool per daemon, not per connection, and keeps
 * it as long as the connection lives.  On the loop a stream costs its
 * hub subscriber and a few small structs (docs/performance.md).
 *
 * How, for 0.9.75 (the Debian 12 version), with MHD's own calls only:
 *
 *   1. MHD_suspend_connection(): MHD takes the socket out of its epoll
 *      set and will not touch it until resumed;
 *   2. dup() the socket for the caller, and dup2() an unconnected
 *      AF_UNIX socket onto MHD's descriptor number;
 *   3. write the response head on the caller's descriptor, with the
 *      headers the handler added through http_reply_header() (a
 *      Set-Cookie) that MHD would have sent with a reply of its own;
 *   4. MHD_resume_connection(); the next call of the access handler
 *      answers MHD_NO (r->taken), and MHD closes "its" socket: the
 *      shutdown(SHUT_WR) it does first and the close() reach the
 *      placeholder, never the client's connection.
 *
 * MHD's own upgrade (MHD_create_response_for_upgrade) was the first
 * plan for WebSocket, and does not do: it keeps the connection and its
 * pool until MHD_upgrade_action(CLOSE), and that close shuts the socket
 * down; and it can only answer 101, while SSE and ntfy's streams answer
 * 200.  So every stream, WebSocket included, is taken the same way, and
 * the 101 head is written here like the 200 one.  The steps rely on
 * what suspend does to MHD's epoll set; tests/e2e/streams_loop.test.mjs
 * would fail (a stream cut at once, or served by MHD again) if a later
 * MHD changed it.
 *
 * The connection's place in the per-address count (connguard) moves to
 * the hold, which keeps it until the stream ends, so streams cannot
 * escape http.max_per_ip.  The hold is its own allocation: the stream
 * may end (and free it) before MHD has closed its side.
 *
 * Runs on the MHD thread of the request (in its handler).
 */
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include <openssl/evp.h>
#include <openssl/sha.h>

#include "http/conn.h"
#include "http/connguard.h"
#include "http/http.h"
#include "util/xmalloc.h"

struct http_hold {
	struct connguard	*cg;
	struct connguard_conn	 guard;
};

/* Swap MHD's descriptor for a placeholder; the real one is returned. */
static int
swap_out(int fd)
{
	int mine, dummy;

	if ((mine = fcntl(fd, F_DUPFD_CLOEXEC, 0)) < 0)
		return -1;
	if ((dummy = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0)) < 0 ||
	    dup3(dummy, fd, O_CLOEXEC) < 0) {
		if (dummy >= 0)
			close(dummy);
		close(mine);
		return -1;
	}
	close(dummy);
	return mine;
}

/* The whole head on a fresh socket, or -1. */
static int
send_head(int fd, const char *head, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = send(fd, head, len, MSG_NOSIGNAL);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		head += n;
		len -= (size_t)n;
	}
	return 0;
}

/* One header of r->early as a line of the head; a line break: left out. */
static int
head_line(void *out, const char *name, const char *value)
{
	if (strpbrk(name, "\r\n") || strpbrk(value, "\r\n"))
		return 0; /* as MHD_add_response_header() refuses one */
	return strbuf_addf(out, "%s: %s\r\n", name, value);
}

/*
 * head with the headers a handler added before it (http_reply_header(),
 * kept in r->early: the session code's Set-Cookie when it migrates an
 * old cookie) put before its blank line, into out.
 */
static int
full_head(const struct http_req *r, const char *head, size_t len,
    struct strbuf *out)
{
	int rc;

	if (r->early.len == 0 || len < 4 ||
	    memcmp(head + len - 4, "\r\n\r\n", 4) != 0)
		return strbuf_add(out, head, len);
	if ((rc = strbuf_add(out, head, len - 2)) != 0)
		return rc;
	if ((rc = http_early_each(r, head_line, out)) != 0)
		return rc;
	return strbuf_add(out, "\r\n", 2);
}

int
http_take(struct http_req *r, const char *head, size_t len, int *fd,
    struct http_hold **hold)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn,
	    MHD_CONNECTION_INFO_CONNECTION_FD);
	struct http_conn *hc = http_conn_of(r->conn);
	struct strbuf full = STRBUF_INIT;
	int mine;

	if (ci == NULL || hc == NULL || full_head(r, head, len, &full) != 0) {
		strbuf_release(&full);
		return -1;
	}
	MHD_suspend_connection(r->conn);
	r->parked = 1;
	mine = swap_out(ci->connect_fd);
	if (mine >= 0 && send_head(mine, full.buf, full.len) != 0) {
		close(mine);
		mine = -1;
	}
	strbuf_release(&full);
	/* either way MHD ends this connection on its next call */
	r->taken = 1;
	r->reply_status = strncmp(head, "HTTP/1.1 101", 12) == 0 ? 101 : 200;
	r->reply_bytes = -1;
	MHD_resume_connection(r->conn);
	if (mine < 0)
		return -1;
	*hold = xcalloc(1, sizeof(**hold));
	(*hold)->cg = hc->cg;
	connguard_move(hc->cg, &(*hold)->guard, &hc->guard);
	(*hold)->guard.fd = mine;	/* never in the head phase again */
	hc->taken = 1;
	*fd = mine;
	return 0;
}

void
http_hold_release(struct http_hold *h)
{
	if (h == NULL)
		return;
	connguard_close(h->cg, &h->guard);
	free(h);
}

/* Does the comma-separated header value list contain token? */
static int
has_token(const char *v, const char *token)
{
	size_t n = strlen(token);

	while (v && *v) {
		while (*v == ' ' || *v == '\t' || *v == ',')
			v++;
		if (strncasecmp(v, token, n) == 0 &&
		    (v[n] == '\0' || v[n] == ',' || v[n] == ' ' ||
			v[n] == '\t'))
			return 1;
		v = strchr(v, ',');
	}
	return 0;
}

#define WS_GUID "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

int
http_ws_handshake(struct http_req *r, struct strbuf *head)
{
	const char *key = http_header(r, "Sec-WebSocket-Key");
	const char *ver = http_header(r, "Sec-WebSocket-Version");
	unsigned char raw[32], md[SHA_DIGEST_LENGTH];
	char cat[64], accept[32];
	int n;

	if (strcmp(r->method, "GET") != 0 ||
	    !has_token(http_header(r, "Upgrade"), "websocket") ||
	    !has_token(http_header(r, "Connection"), "upgrade") ||
	    ver == NULL || strcmp(ver, "13") != 0 || key == NULL ||
	    strlen(key) != 24)
		return -1;
	/* 16 bytes: 24 base64 characters with "==" */
	if ((n = EVP_DecodeBlock(raw, (const unsigned char *)key, 24)) != 18 ||
	    key[22] != '=' || key[23] != '=')
		return -1;
	snprintf(cat, sizeof(cat), "%s%s", key, WS_GUID);
	SHA1((const unsigned char *)cat, strlen(cat), md);
	EVP_EncodeBlock((unsigned char *)accept, md, sizeof(md));
	return strbuf_addf(head, "HTTP/1.1 101 Switching Protocols\r\n"
	    "Upgrade: websocket\r\nConnection: Upgrade\r\n"
	    "Sec-WebSocket-Accept: %s\r\n\r\n", accept) ? -1 : 0;
}
