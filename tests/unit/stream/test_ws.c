/*
 * test_ws.c: unit tests of the WebSocket receivers (src/stream/ws.c):
 * frame headers at every length boundary, the inbox's and ntfy's frames
 * byte for byte; and of the hub calls the stream loop uses
 * (hub_sub_flush(), hub_sub_append(), hub_sub_replay()): writes that
 * block, control frames queued behind events, a replay page that stops
 * at the cap instead of cutting the stream.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include "harness.h"

#include "core/message.h"
#include "render/render.h"
#include "stream/hub.h"
#include "stream/ntfy.h"
#include "stream/ws.h"
#include "util/strbuf.h"

static void
sample(struct message *m)
{
	memset(m, 0, sizeof(*m));
	m->title = "t";
	m->content = "hello";
	m->content_len = strlen(m->content);
	m->tpl = TPL_HTML;
	snprintf(m->short_code, sizeof(m->short_code), "abc123");
	m->created_ms = 1700000000000LL;
}

static size_t want_len;

static int
filler(struct strbuf *out, const struct hub_event *ev, const void *arg)
{
	size_t i;
	int rc = 0;

	(void)ev;
	(void)arg;
	for (i = 0; i < want_len && rc == 0; i++)
		rc = strbuf_addch(out, 'a');
	return rc;
}

/* Header bytes of a frame of n payload bytes after a 3-byte prefix. */
static void
check_frame(size_t n, const unsigned char *head, size_t hl)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, "pre");
	want_len = n;
	CHECK(ws_frame_text(&sb, filler, NULL, NULL) == 0);
	CHECK(sb.len == 3 + hl + n);
	CHECK(memcmp(sb.buf, "pre", 3) == 0);
	CHECK(memcmp(sb.buf + 3, head, hl) == 0);
	CHECK(n == 0 || (sb.buf[3 + hl] == 'a' && sb.buf[sb.len - 1] == 'a'));
	strbuf_release(&sb);
}

TEST(ws_frame_lengths)
{
	check_frame(0, (const unsigned char *)"\x81\x00", 2);
	check_frame(125, (const unsigned char *)"\x81\x7d", 2);
	check_frame(126, (const unsigned char *)"\x81\x7e\x00\x7e", 4);
	check_frame(65535, (const unsigned char *)"\x81\x7e\xff\xff", 4);
	check_frame(65536, (const unsigned char *)
	    "\x81\x7f\x00\x00\x00\x00\x00\x01\x00\x00", 10);
}

TEST(ws_frame_failure_appends_nothing)
{
	struct strbuf sb;

	strbuf_init(&sb, 50);
	strbuf_addstr(&sb, "pre");
	want_len = 100;
	CHECK(ws_frame_text(&sb, filler, NULL, NULL) != 0);
	CHECK(sb.len == 3);
	strbuf_release(&sb);
}

/* The payload of a short (< 126 bytes) or 2-byte-length frame. */
static const char *
payload(const struct strbuf *sb)
{
	return (unsigned char)sb->buf[1] == 126 ? sb->buf + 4 : sb->buf + 2;
}

TEST(ws_inbox_frames)
{
	struct strbuf sb = STRBUF_INIT;
	struct message m;
	struct hub_event hello = { HUB_EVENT_HELLO, 0, 0, NULL };
	struct hub_event ping = { HUB_EVENT_PING, 0, 0, NULL };
	struct hub_event ev = { HUB_EVENT_MESSAGE, 42, 7, &m };
	struct hub_event del = { HUB_EVENT_DELETE, 0, 7, &m };

	sample(&m);
	CHECK(hub_ws.format(&sb, &hello, NULL) == 0);
	CHECK(sb.len == 2 + 16 && (unsigned char)sb.buf[0] == 0x81);
	CHECK(memcmp(sb.buf + 2, "{\"event\":\"open\"}", 16) == 0);
	strbuf_reset(&sb);
	CHECK(hub_ws.format(&sb, &ping, NULL) == 0);
	CHECK(memcmp(sb.buf + 2, "{\"event\":\"keepalive\"}", 21) == 0);
	strbuf_reset(&sb);
	CHECK(hub_ws.format(&sb, &ev, NULL) == 0);
	strbuf_addch(&sb, '\0');
	CHECK_STR(payload(&sb), "{\"event\":\"message\",\"id\":42,\"data\":"
	    "{\"id\":42,\"shortCode\":\"abc123\",\"title\":\"t\","
	    "\"preview\":\"hello\",\"template\":\"html\","
	    "\"createdAt\":1700000000000}}");
	strbuf_reset(&sb);
	CHECK(hub_ws.format(&sb, &del, NULL) == 0);
	strbuf_addch(&sb, '\0');
	CHECK_STR(payload(&sb), "{\"event\":\"delete\",\"data\":"
	    "{\"shortCode\":\"abc123\"}}");
	CHECK(hub_ws.ping_class == HUB_PING_SSE);
	strbuf_release(&sb);
}

TEST(ws_ntfy_frames)
{
	static const struct ntfy_sub ns = { "UID_abc", "https://f.example" };
	struct strbuf sb = STRBUF_INIT;
	struct message m;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 42, 7, &m };

	sample(&m);
	CHECK(hub_ntfy_ws.format(&sb, &ev, &ns) == 0);
	strbuf_addch(&sb, '\0');
	CHECK((unsigned char)sb.buf[0] == 0x81);
	CHECK(strncmp(payload(&sb), "{\"id\":\"m", 8) == 0);
	CHECK(strstr(payload(&sb), "\"event\":\"message\",\"topic\":"
	    "\"UID_abc\"") != NULL);
	CHECK(payload(&sb)[strlen(payload(&sb)) - 1] == '}');
	CHECK(hub_ntfy_ws.ping_class == HUB_PING_NTFY);
	strbuf_release(&sb);
}

static int parks, wakes;

static void
on_park(void *arg)
{
	(void)arg;
	parks++;
}

static void
on_wake(void *arg)
{
	(void)arg;
	wakes++;
}

/* A socket that takes `room` bytes, then blocks (or fails). */
struct sink {
	struct strbuf	got;
	size_t		room;
	int		fail;
};

static ssize_t
sink_write(void *arg, const char *p, size_t n)
{
	struct sink *k = arg;

	if (k->fail)
		return -1;
	if (n > k->room)
		n = k->room;
	k->room -= n;
	strbuf_add(&k->got, p, n);
	return (ssize_t)n;
}

TEST(hub_flush_blocks_parks_and_appends_in_order)
{
	struct hub *h = hub_new(0);
	struct message m;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 1, 7, NULL };
	struct sink k = { STRBUF_INIT, 10, 0 };
	struct hub_sub *s;
	size_t first;

	sample(&m);
	ev.msg = &m;
	s = hub_subscribe(h, 7, &hub_ws, NULL, NULL, NULL, on_park, on_wake,
	    NULL);
	hub_publish(h, &ev);
	CHECK(hub_sub_flush(s, sink_write, &k) == HUB_FLUSH_BLOCKED);
	CHECK(k.got.len == 10);
	CHECK(hub_sub_append(s, "\x8a\x00", 2) == 0);	/* a pong */
	k.room = 1 << 20;
	parks = wakes = 0;
	CHECK(hub_sub_flush(s, sink_write, &k) == HUB_FLUSH_IDLE);
	CHECK(parks == 1);
	/* the pong comes after the whole event frame */
	CHECK(memcmp(k.got.buf + k.got.len - 2, "\x8a\x00", 2) == 0);
	first = (unsigned char)k.got.buf[1];
	if (first == 126)	/* a 2-byte length */
		first = 2 + ((size_t)(unsigned char)k.got.buf[2] << 8 |
		    (unsigned char)k.got.buf[3]);
	CHECK(k.got.len == 2 + first + 2);
	ev.id = 2;
	hub_publish(h, &ev);
	CHECK(wakes == 1);	/* a parked stream is woken */
	k.fail = 1;
	CHECK(hub_sub_flush(s, sink_write, &k) == HUB_FLUSH_CLOSED);
	hub_unsubscribe(h, s);
	strbuf_release(&k.got);
	hub_free(h);
}

static struct message page_msg;

/* Replays ids 1..100 until the backlog is full. */
static int
replay_page(void *arg, struct hub_sub *sub)
{
	struct hub_event ev = { HUB_EVENT_MESSAGE, 0, 7, &page_msg };
	int *last = arg;

	for (ev.id = 1; ev.id <= 100; ev.id++) {
		if (hub_sub_replay(sub, &ev) != 0)
			return 1;
		*last = (int)ev.id;
	}
	return 0;
}

TEST(hub_replay_page_stops_at_the_cap)
{
	struct hub *h = hub_new(2048);
	struct sink k = { STRBUF_INIT, 1 << 20, 0 };
	struct hub_event live = { HUB_EVENT_MESSAGE, 500, 7, &page_msg };
	struct hub_sub *s;
	char want[32];
	int last = 0;

	sample(&page_msg);
	s = hub_subscribe(h, 7, &hub_sse, NULL, replay_page, &last, on_park,
	    on_wake, NULL);
	CHECK(last > 0 && last < 100);
	hub_publish(h, &live);		/* a page ends the stream: not sent */
	CHECK(hub_sub_flush(s, sink_write, &k) == HUB_FLUSH_CLOSED);
	strbuf_addch(&k.got, '\0');
	snprintf(want, sizeof(want), "id: %d\n", last);
	CHECK(strstr(k.got.buf, want) != NULL);	/* the page is written */
	snprintf(want, sizeof(want), "id: %d\n", last + 1);
	CHECK(strstr(k.got.buf, want) == NULL);
	CHECK(strstr(k.got.buf, "id: 500\n") == NULL);
	hub_unsubscribe(h, s);
	strbuf_release(&k.got);
	hub_free(h);
}

int
main(void)
{
	RUN(ws_frame_lengths);
	RUN(ws_frame_failure_appends_nothing);
	RUN(ws_inbox_frames);
	RUN(ws_ntfy_frames);
	RUN(hub_flush_blocks_parks_and_appends_in_order);
	RUN(hub_replay_page_stops_at_the_cap);
	DONE();
}
