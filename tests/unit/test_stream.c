/*
 * test_stream.c: unit tests for the live stream side: the hub's SSE
 * receiver (src/stream/sse.c) writes the exact bytes /inbox/stream has
 * always sent, the hub skips replayed ids and drops the backlog of a
 * subscriber that overflows it (then closed), a recalled message goes out as its own
 * `event: delete` to every stream of its user, and the shared retry schedule
 * (src/core/retry.h) keeps the delivery and callback timings.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#include "core/limits.h"
#include "core/message.h"
#include "core/retry.h"
#include "ops/recall.h"
#include "render/render.h"
#include "stream/hub.h"
#include "stream/ntfy.h"
#include "stream/ws.h"
#include "util/strbuf.h"

static void
sample(struct message *m)
{
	memset(m, 0, sizeof(*m));
	m->title = "t \"q\"";
	m->content = "**hello** world";
	m->content_len = strlen(m->content);
	m->tpl = TPL_MARKDOWN;
	snprintf(m->short_code, sizeof(m->short_code), "abc123");
	m->created_ms = 1700000000000LL;
}

TEST(sse_bytes)
{
	struct strbuf sb = STRBUF_INIT;
	struct message m;
	struct hub_event hello = { HUB_EVENT_HELLO, 0, 0, NULL };
	struct hub_event ping = { HUB_EVENT_PING, 0, 0, NULL };
	struct hub_event ev = { HUB_EVENT_MESSAGE, 42, 7, &m };

	sample(&m);
	CHECK(hub_sse.format(&sb, &hello, NULL) == 0);
	CHECK_STR(sb.buf, "retry: 3000\n: connected\n\n");
	strbuf_reset(&sb);
	CHECK(hub_sse.format(&sb, &ping, NULL) == 0);
	CHECK_STR(sb.buf, ": ping\n\n");
	strbuf_reset(&sb);
	CHECK(hub_sse.format(&sb, &ev, NULL) == 0);
	CHECK_STR(sb.buf, "id: 42\nevent: message\ndata: {\"id\":42,"
	    "\"shortCode\":\"abc123\",\"title\":\"t \\\"q\\\"\","
	    "\"preview\":\"hello world\",\"template\":\"markdown\","
	    "\"createdAt\":1700000000000}\n\n");
	strbuf_release(&sb);
}

/* A recall: no id: line (never skipped, never moves Last-Event-ID). */
TEST(sse_delete_bytes)
{
	struct strbuf sb = STRBUF_INIT;
	struct message m;
	struct hub_event del = { HUB_EVENT_DELETE, 0, 7, &m };

	sample(&m);
	CHECK(hub_sse.format(&sb, &del, NULL) == 0);
	CHECK_STR(sb.buf, "event: delete\ndata: {\"shortCode\":\"abc123\"}"
	    "\n\n");
	strbuf_release(&sb);
}

static void
nop(void *arg)
{
	(void)arg;
}

static int
replay_two(void *arg, struct hub_sub *sub)
{
	struct message *m = arg;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 1, 7, m };

	hub_sub_push(sub, &ev);
	ev.id = 2;
	hub_sub_push(sub, &ev);
	return 0;
}

static ssize_t
take_all(void *arg, const char *p, size_t n)
{
	strbuf_add(arg, p, n);
	return (ssize_t)n;
}

/* Write everything queued (the subscriber parks when empty). */
static size_t
drain(struct hub_sub *s, struct strbuf *out, int *closed)
{
	*closed = hub_sub_flush(s, take_all, out) == HUB_FLUSH_CLOSED;
	return out->len;
}

TEST(hub_replay_then_live)
{
	struct hub *h = hub_new(0);
	struct message m;
	struct hub_sub *s;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 2, 7, NULL };
	struct strbuf got = STRBUF_INIT;
	int closed;

	sample(&m);
	ev.msg = &m;
	s = hub_subscribe(h, 7, &hub_sse, NULL, replay_two, &m, nop, nop, NULL);
	CHECK(hub_count(h) == 1);
	hub_publish(h, &ev);		/* replayed already: skipped */
	ev.id = 3;
	hub_publish(h, &ev);
	ev.user = 8;			/* somebody else's */
	ev.id = 4;
	hub_publish(h, &ev);
	drain(s, &got, &closed);
	CHECK(!closed);
	CHECK_CONTAINS(got.buf, "id: 1\n");
	CHECK_CONTAINS(got.buf, "id: 2\n");
	CHECK_CONTAINS(got.buf, "id: 3\n");
	CHECK(strstr(strstr(got.buf, "id: 2\n") + 1, "id: 2\n") == NULL);
	CHECK(strstr(got.buf, "id: 4\n") == NULL);
	hub_unsubscribe(h, s);
	CHECK(hub_count(h) == 0);
	strbuf_release(&got);
	hub_free(h);
}

/* ops_recall_publish() reaches the recipients' streams past replay. */
TEST(hub_recall_event)
{
	struct hub *h = hub_new(0);
	struct message m;
	struct hub_sub *s;
	int64_t users[] = { 8, 7 };
	struct ops_recall r = { "abc123", users, 2, 2, 0 };
	struct strbuf got = STRBUF_INIT;
	int closed;

	sample(&m);
	s = hub_subscribe(h, 7, &hub_sse, NULL, replay_two, &m, nop, nop, NULL);
	ops_recall_publish(h, &r);
	drain(s, &got, &closed);
	CHECK(!closed);
	CHECK_CONTAINS(got.buf, "id: 2\n");
	CHECK_CONTAINS(got.buf, "\n\nevent: delete\ndata: "
	    "{\"shortCode\":\"abc123\"}\n\n");
	hub_unsubscribe(h, s);
	strbuf_release(&got);
	hub_free(h);
}

static const struct hub_update upd = {
	{ HUB_EVENT_UPDATE, 0, 7, NULL }, 42, 5, "bark", "failed",
	"bark: upstream 500, \"x\""
};

/* An update: no id: line either; the WebSocket form carries the same. */
TEST(update_bytes)
{
	struct strbuf sb = STRBUF_INIT;
	static const char data[] = "{\"id\":42,\"device\":{\"id\":5,"
	    "\"type\":\"bark\",\"status\":\"failed\",\"error\":"
	    "\"bark: upstream 500, \\\"x\\\"\"}}";
	char want[256];

	CHECK(hub_sse.format(&sb, &upd.ev, NULL) == 0);
	snprintf(want, sizeof(want), "event: update\ndata: %s\n\n", data);
	CHECK_STR(sb.buf, want);
	strbuf_reset(&sb);
	CHECK(hub_ws.format(&sb, &upd.ev, NULL) == 0);
	snprintf(want, sizeof(want), "{\"event\":\"update\",\"data\":%s}",
	    data);
	CHECK(sb.len == 2 + strlen(want));	/* one short text frame */
	CHECK((unsigned char)sb.buf[0] == 0x81);
	CHECK(memcmp(sb.buf + 2, want, strlen(want)) == 0);
	strbuf_release(&sb);
}

/* Only receivers that take updates get them: ntfy's do not. */
TEST(hub_update_only_to_takers)
{
	struct hub *h = hub_new(0);
	struct hub_sub *a, *b;
	struct strbuf ga = STRBUF_INIT, gb = STRBUF_INIT;
	int closed;

	a = hub_subscribe(h, 7, &hub_sse, NULL, NULL, NULL, nop, nop, NULL);
	b = hub_subscribe(h, 7, &hub_ntfy_json, "t", NULL, NULL, nop, nop,
	    NULL);
	hub_publish(h, &upd.ev);
	drain(a, &ga, &closed);
	CHECK(!closed);
	CHECK_CONTAINS(ga.buf, "event: update\n");
	drain(b, &gb, &closed);
	CHECK(!closed);
	CHECK(gb.len == 0);
	hub_unsubscribe(h, a);
	hub_unsubscribe(h, b);
	strbuf_release(&ga);
	strbuf_release(&gb);
	hub_free(h);
}

static int wakes;

static void
count_wake(void *arg)
{
	(void)arg;
	wakes++;
}

static size_t direct_room;

static ssize_t
take_some(void *arg, const char *p, size_t n)
{
	if (n > direct_room)
		n = direct_room;
	direct_room -= n;
	strbuf_add(arg, p, n);
	return (ssize_t)n;
}

/*
 * hub_sub_direct(): a parked subscriber's event goes to its writer from
 * the publisher without a wake-up; what the writer does not take is
 * left queued and wakes the reader, which gets the rest in order.  A
 * heartbeat is never written by its thread: it wakes the reader.
 */
TEST(hub_direct_write)
{
	struct hub *h = hub_new(0);
	struct message m;
	struct hub_sub *s;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 1, 7, NULL };
	struct strbuf direct = STRBUF_INIT, got = STRBUF_INIT;
	int closed;

	sample(&m);
	ev.msg = &m;
	s = hub_subscribe(h, 7, &hub_sse, NULL, NULL, NULL, nop, count_wake,
	    NULL);
	hub_sub_direct(s, take_some, &direct);
	drain(s, &got, &closed);	/* nothing yet: parks */
	CHECK(got.len == 0);
	wakes = 0;
	direct_room = 1 << 20;
	hub_publish(h, &ev);
	CHECK(wakes == 0);
	CHECK_CONTAINS(direct.buf, "id: 1\nevent: message\n");
	hub_ping(h, HUB_PING_SSE);
	CHECK(wakes == 1);
	CHECK(strstr(direct.buf, ": ping") == NULL);
	drain(s, &got, &closed);
	CHECK_STR(got.buf, ": ping\n\n");
	strbuf_reset(&got);
	wakes = 0;
	direct_room = 10;		/* a full socket: 10 bytes go */
	ev.id = 2;
	hub_publish(h, &ev);
	CHECK(wakes == 1);
	ev.id = 3;			/* not parked: queued behind */
	hub_publish(h, &ev);
	CHECK(wakes == 1);
	drain(s, &got, &closed);
	CHECK(!closed);
	/* the 10 bytes were "id: 2\neven"; the loop writes the rest */
	CHECK(direct.len > 10 &&
	    memcmp(direct.buf + direct.len - 10, "id: 2\neven", 10) == 0);
	CHECK(strncmp(got.buf, "t: message\n", 11) == 0);
	CHECK_CONTAINS(got.buf, "id: 3\n");
	hub_unsubscribe(h, s);
	strbuf_release(&direct);
	strbuf_release(&got);
	hub_free(h);
}

/*
 * A subscriber that falls the cap behind is closed and its backlog
 * dropped at once (issue 14 item 3): what it had read ends with whole
 * events, and it holds no buffer while it waits to be cut off.
 */
TEST(hub_backlog_cap_drops_and_closes)
{
	struct hub *h = hub_new(4096);
	struct message m;
	struct hub_sub *s;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 0, 7, NULL };
	struct strbuf got = STRBUF_INIT;
	int64_t i;
	int closed;

	sample(&m);
	ev.msg = &m;
	s = hub_subscribe(h, 7, &hub_sse, NULL, NULL, NULL, nop, nop, NULL);
	ev.id = 1;
	hub_publish(h, &ev);
	drain(s, &got, &closed);
	CHECK(!closed);
	CHECK(got.len >= 2 && memcmp(got.buf + got.len - 2, "\n\n", 2) == 0);
	for (i = 2; i <= 100; i++) {
		ev.id = i;
		hub_publish(h, &ev);
	}
	strbuf_reset(&got);
	drain(s, &got, &closed);
	CHECK(closed && got.len == 0);	/* cut off, nothing kept */
	CHECK(hub_sub_append(s, "x", 1) == -1);
	hub_unsubscribe(h, s);
	strbuf_release(&got);
	hub_free(h);
}

TEST(retry_delivery_schedule)
{
	struct retry_policy p = { 5, 1000, RETRY_DELIVERY_DOUBLINGS };
	int64_t next;
	int n;

	/* the old rule: base << min(attempts before, 20) while n < max */
	for (n = 1; n <= 30; n++) {
		CHECK(retry_next(&p, n, 100, &next) == (n < 5));
		CHECK(next == 100 + (1000LL << (n - 1 < 20 ? n - 1 : 20)));
	}
}

TEST(retry_callback_schedule)
{
	struct retry_policy p = { 3, RETRY_CALLBACK_FIRST_MS,
	    RETRY_CALLBACK_DOUBLINGS };
	int64_t next;
	int n;

	/* the old rule: 1000 << min(attempts so far, 10), give up at tries */
	for (n = 1; n <= 20; n++) {
		CHECK(retry_next(&p, n, 0, &next) == (n < 3));
		CHECK(next == 1000LL * (1 << (n < 10 ? n : 10)));
	}
}

int
main(void)
{
	RUN(sse_bytes);
	RUN(sse_delete_bytes);
	RUN(hub_replay_then_live);
	RUN(hub_recall_event);
	RUN(update_bytes);
	RUN(hub_update_only_to_takers);
	RUN(hub_direct_write);
	RUN(hub_backlog_cap_drops_and_closes);
	RUN(retry_delivery_schedule);
	RUN(retry_callback_schedule);
	DONE();
}
