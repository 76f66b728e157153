/*
 * test_ntfy.c: unit tests of src/stream/ntfy_msg.c and ntfy.c: the
 * message JSON of every hub event byte for byte, the three wire forms
 * (NDJSON, SSE, raw), message ids and their round trip, and the since=
 * parser on every form ntfy documents (all, none, latest, ids, unix
 * times, durations) plus the ones it refuses.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"

#include "core/message.h"
#include "render/render.h"
#include "stream/hub.h"
#include "stream/ntfy.h"
#include "util/strbuf.h"

#define NOW 1700000123456LL	/* epoch ms */

static const struct ntfy_sub sub = { "UID_abc", "https://f.example" };

static void
sample(struct message *m)
{
	memset(m, 0, sizeof(*m));
	m->title = "磁盘 \"告警\"";
	m->content = "<p><b>/data</b>\n 95% full</p>";
	m->content_len = strlen(m->content);
	m->tpl = TPL_HTML;
	snprintf(m->short_code, sizeof(m->short_code), "abc123");
	m->created_ms = 1700000000999LL;
}

TEST(ntfy_ids)
{
	char id[NTFY_ID_LEN + 1], kind;
	int64_t v;

	ntfy_id(id, 'm', 42);
	CHECK_STR(id, "m0000000000g");
	CHECK(ntfy_id_parse(id, &kind, &v) == 0 && kind == 'm' && v == 42);
	ntfy_id(id, 'd', INT64_MAX);
	CHECK(ntfy_id_parse(id, &kind, &v) == 0 && kind == 'd' &&
	    v == INT64_MAX);
	ntfy_id(id, 'k', 0);
	CHECK_STR(id, "k00000000000");
	CHECK(ntfy_id_parse("x0000000000g", &kind, &v) == -1);
	CHECK(ntfy_id_parse("m0000000000", &kind, &v) == -1);
	CHECK(ntfy_id_parse("m0000000000-", &kind, &v) == -1);
	CHECK(ntfy_id_parse("mzzzzzzzzzzz", &kind, &v) == -1);	/* > int64 */
}

TEST(ntfy_message_json)
{
	struct strbuf sb = STRBUF_INIT;
	struct message m;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 42, 7, &m };

	sample(&m);
	CHECK(ntfy_event_json(&sb, &ev, &sub, NOW) == 0);
	CHECK_STR(sb.buf, "{\"id\":\"m0000000000g\",\"time\":1700000000,"
	    "\"event\":\"message\",\"topic\":\"UID_abc\","
	    "\"title\":\"磁盘 \\\"告警\\\"\",\"message\":\"/data 95% full\","
	    "\"priority\":3,\"click\":\"https://f.example/message/abc123\","
	    "\"sequence_id\":\"abc123\"}");
	/* no title: left out; no text: the title, then "triggered" */
	strbuf_reset(&sb);
	m.title = "";
	m.content = "";
	m.content_len = 0;
	CHECK(ntfy_event_json(&sb, &ev, &sub, NOW) == 0);
	CHECK_CONTAINS(sb.buf, "\"topic\":\"UID_abc\",\"message\":"
	    "\"triggered\",");
	strbuf_reset(&sb);
	m.title = "only a title";
	CHECK(ntfy_event_json(&sb, &ev, &sub, NOW) == 0);
	CHECK_CONTAINS(sb.buf, "\"title\":\"only a title\",\"message\":"
	    "\"only a title\",");
	strbuf_release(&sb);
}

/* within ntfy's 4096-byte message limit whatever the content */
TEST(ntfy_message_limit)
{
	struct strbuf sb = STRBUF_INIT, big = STRBUF_INIT;
	struct message m;
	int i;

	sample(&m);
	for (i = 0; i < 3000; i++)
		CHECK(strbuf_addstr(&big, "𝄞") == 0);	/* 4 bytes each */
	m.content = big.buf;
	m.content_len = big.len;
	m.tpl = TPL_TXT;
	CHECK(ntfy_message_text(&sb, &m) == 0);
	CHECK(sb.len <= 4096);
	CHECK(sb.len > 3900);
	strbuf_release(&sb);
	strbuf_release(&big);
}

TEST(ntfy_control_events)
{
	struct strbuf sb = STRBUF_INIT;
	struct message m;
	struct hub_event open = { HUB_EVENT_HELLO, 0, 0, NULL };
	struct hub_event ka = { HUB_EVENT_PING, 0, 0, NULL };
	struct hub_event del = { HUB_EVENT_DELETE, 0, 7, &m };
	char id[NTFY_ID_LEN + 1], want[256];

	sample(&m);
	ntfy_id(id, 'o', NOW);
	CHECK(ntfy_event_json(&sb, &open, &sub, NOW) == 0);
	snprintf(want, sizeof(want), "{\"id\":\"%s\",\"time\":1700000123,"
	    "\"event\":\"open\",\"topic\":\"UID_abc\"}", id);
	CHECK_STR(sb.buf, want);
	strbuf_reset(&sb);
	ntfy_id(id, 'k', NOW);
	CHECK(ntfy_event_json(&sb, &ka, &sub, NOW) == 0);
	snprintf(want, sizeof(want), "{\"id\":\"%s\",\"time\":1700000123,"
	    "\"event\":\"keepalive\",\"topic\":\"UID_abc\"}", id);
	CHECK_STR(sb.buf, want);
	strbuf_reset(&sb);
	ntfy_id(id, 'd', NOW);
	CHECK(ntfy_event_json(&sb, &del, &sub, NOW) == 0);
	snprintf(want, sizeof(want), "{\"id\":\"%s\",\"time\":1700000123,"
	    "\"event\":\"message_delete\",\"topic\":\"UID_abc\","
	    "\"sequence_id\":\"abc123\"}", id);
	CHECK_STR(sb.buf, want);
	strbuf_release(&sb);
}

/* The wire forms around the JSON (ntfy server.go handleSubscribe*). */
TEST(ntfy_wire_forms)
{
	struct strbuf sb = STRBUF_INIT;
	struct message m;
	struct hub_event ev = { HUB_EVENT_MESSAGE, 42, 7, &m };
	struct hub_event ka = { HUB_EVENT_PING, 0, 0, NULL };

	sample(&m);
	CHECK(hub_ntfy_json.format(&sb, &ev, &sub) == 0);
	CHECK(strncmp(sb.buf, "{\"id\":\"m0000000000g\"", 20) == 0);
	CHECK(sb.buf[sb.len - 2] == '}' && sb.buf[sb.len - 1] == '\n');
	strbuf_reset(&sb);
	CHECK(hub_ntfy_sse.format(&sb, &ev, &sub) == 0);
	CHECK(strncmp(sb.buf, "data: {\"id\":\"m", 14) == 0);
	CHECK_CONTAINS(sb.buf, "\"sequence_id\":\"abc123\"}\n\n");
	strbuf_reset(&sb);
	CHECK(hub_ntfy_sse.format(&sb, &ka, &sub) == 0);
	CHECK(strncmp(sb.buf, "event: keepalive\ndata: {", 24) == 0);
	strbuf_reset(&sb);
	CHECK(hub_ntfy_raw.format(&sb, &ev, &sub) == 0);
	CHECK_STR(sb.buf, "/data 95% full\n");
	strbuf_reset(&sb);
	CHECK(hub_ntfy_raw.format(&sb, &ka, &sub) == 0);
	CHECK_STR(sb.buf, "\n");
	CHECK(hub_ntfy_json.ping_class == HUB_PING_NTFY);
	CHECK(hub_sse.ping_class == HUB_PING_SSE);
	strbuf_release(&sb);
}

static int
since(const char *s, int poll, enum ntfy_since_kind kind, int64_t v)
{
	struct ntfy_since out;

	return ntfy_since_parse(s, poll, NOW, &out) == 0 &&
	    out.kind == kind && out.v == v;
}

TEST(ntfy_since)
{
	struct ntfy_since out;

	CHECK(since(NULL, 0, NTFY_SINCE_NONE, 0));
	CHECK(since("", 0, NTFY_SINCE_NONE, 0));
	CHECK(since("", 1, NTFY_SINCE_ALL, 0));
	CHECK(since("all", 0, NTFY_SINCE_ALL, 0));
	CHECK(since("none", 1, NTFY_SINCE_NONE, 0));
	CHECK(since("latest", 0, NTFY_SINCE_LATEST, 0));
	CHECK(since("m0000000000g", 0, NTFY_SINCE_ID, 42));
	/* a delete's id is its time, to the second */
	CHECK(since("d0000000000g", 0, NTFY_SINCE_TIME, 0));
	{
		char id[NTFY_ID_LEN + 1];

		ntfy_id(id, 'k', NOW);
		CHECK(since(id, 0, NTFY_SINCE_TIME, 1700000123000LL));
	}
	/* an id feige never made, even all digits: ntfy's "all" */
	CHECK(since("SLiKI64DOt12", 0, NTFY_SINCE_ALL, 0));
	CHECK(since("163552875700", 0, NTFY_SINCE_ALL, 0));
	/* unix seconds, durations */
	CHECK(since("1635528757", 0, NTFY_SINCE_TIME, 1635528757000LL));
	CHECK(since("0", 0, NTFY_SINCE_TIME, 0));
	/* milliseconds taken as seconds: far future, nothing (as ntfy) */
	CHECK(since("1700000000000", 0, NTFY_SINCE_TIME,
	    1700000000000000LL));
	CHECK(since("10m", 0, NTFY_SINCE_TIME, 1700000123000LL - 600000));
	CHECK(since("1h30m", 0, NTFY_SINCE_TIME,
	    1700000123000LL - 5400000));
	CHECK(since("2.5h", 0, NTFY_SINCE_TIME, 1700000123000LL - 9000000));
	CHECK(since("1d", 0, NTFY_SINCE_TIME, 1700000123000LL - 86400000));
	CHECK(since("1500ms", 0, NTFY_SINCE_TIME, 1700000121000LL));
	CHECK(since("45s", 0, NTFY_SINCE_TIME, 1700000078000LL));
	/* refused: 400 40008 */
	CHECK(ntfy_since_parse("yesterday", 0, NOW, &out) == -1);
	CHECK(ntfy_since_parse("10", 0, NOW, &out) == 0);
	CHECK(ntfy_since_parse("10x", 0, NOW, &out) == -1);
	CHECK(ntfy_since_parse("m", 0, NOW, &out) == -1);
	CHECK(ntfy_since_parse(".h", 0, NOW, &out) == -1);
	CHECK(ntfy_since_parse("-5m", 0, NOW, &out) == -1);
	CHECK(ntfy_since_parse("5m ", 0, NOW, &out) == -1);
	CHECK(ntfy_since_parse("99999999999999999999h", 0, NOW, &out) == -1);
}

int
main(void)
{
	RUN(ntfy_ids);
	RUN(ntfy_message_json);
	RUN(ntfy_message_limit);
	RUN(ntfy_control_events);
	RUN(ntfy_wire_forms);
	RUN(ntfy_since);
	DONE();
}
