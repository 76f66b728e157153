/*
 * test_route_clawbot.c: WeChat ClawBot as a route (channel/route_clawbot.c,
 * channel/ilink.c, ops/clawbot.c): the activation rules (10 pushes per
 * message from the person, 24 h, the session pause), the text with the
 * 9th push's note, the sendmessage request's exact headers and body,
 * judge() on iLink's answers, record()'s bookkeeping, and the bind,
 * inbound and unbind operations with their device row.  No network.
 */
#include <string.h>

#include "harness.h"
#include "harness_store.h"

#include "channel/channel.h"
#include "channel/ilink.h"
#include "channel/route_clawbot.h"
#include "ops/clawbot.h"
#include "ops/device.h"
#include "store/dir.h"
#include "util/errors.h"
#include "util/ids.h"

static char dir[] = "/tmp/feige-clawbot-XXXXXX";
static struct store *db;
static struct store_user alice;

#define H 3600000LL

TEST(rules)
{
	struct store_clawbot b;
	struct strbuf why = STRBUF_INIT;
	int64_t now = 1800000000000LL;

	memset(&b, 0, sizeof(b));
	CHECK(route_clawbot_sendable(&b, now, &why) == FG_EBUSY);
	CHECK_CONTAINS(why.buf, "请回复机器人以继续接收 (reply to the bot");
	b.window_start_ms = now - 23 * H;
	b.window_end_ms = b.window_start_ms + STORE_CLAWBOT_WINDOW_MS;
	CHECK(route_clawbot_left(&b, now) == 10);
	b.used = 9;
	CHECK(route_clawbot_sendable(&b, now, &why) == 0);
	CHECK(route_clawbot_left(&b, now) == 1);
	b.used = 10;
	CHECK(route_clawbot_sendable(&b, now, &why) == FG_EBUSY);
	b.used = 0;
	CHECK(route_clawbot_sendable(&b, now + H, &why) == FG_EBUSY);
	b.paused_until_ms = now + 1;
	strbuf_reset(&why);
	CHECK(route_clawbot_sendable(&b, now, &why) == FG_EBUSY);
	CHECK_CONTAINS(why.buf, "session expired");
	CHECK(route_clawbot_left(&b, now) == 0);
	strbuf_release(&why);
}

TEST(text)
{
	struct route_msg m = { 1, "abc", "磁盘告警", "/ 使用率 95%",
		"https://feige.example/message/abc", "", 0 };
	struct strbuf sb = STRBUF_INIT;

	CHECK(route_clawbot_text(&sb, &m, 8) == 0);
	CHECK_STR(sb.buf, "磁盘告警\n/ 使用率 95%\n详情 (details): "
	    "https://feige.example/message/abc");
	strbuf_reset(&sb);
	CHECK(route_clawbot_text(&sb, &m, 9) == 0);
	CHECK_STR(sb.buf, "磁盘告警\n/ 使用率 95%\n详情 (details): "
	    "https://feige.example/message/abc\n\n" CLAWBOT_NOTE);
	strbuf_reset(&sb);
	m.title = "";
	CHECK(route_clawbot_text(&sb, &m, 10) == 0);
	CHECK_STR(sb.buf, "/ 使用率 95%\n详情 (details): "
	    "https://feige.example/message/abc");
	strbuf_release(&sb);
}

/* Judge an answer into v (initialised, its last detail released). */
static void
answer(int status, const char *body, struct route_verdict_out *v)
{
	struct route_answer a = { status, body, strlen(body), NULL, 0, "" };
	struct store_device d;

	memset(&d, 0, sizeof(d));
	strbuf_release(&v->detail); /* the last answer's */
	memset(v, 0, sizeof(*v));
	strbuf_init(&v->detail, 512);
	route_clawbot.judge(&route_clawbot, &d, &a, v);
}

TEST(judge)
{
	struct route_verdict_out v = { .detail = STRBUF_INIT };
	struct route_answer a = { 0, "", 0, NULL, 28, "Timeout" };
	struct store_device d;

	answer(200, "{\"ret\":0,\"errmsg\":\"\"}", &v);
	CHECK(v.verdict == ROUTE_OK);
	answer(200, "{}", &v);
	CHECK(v.verdict == ROUTE_OK);
	answer(200, "{\"ret\":-2,\"errmsg\":\"prepare failed\"}", &v);
	CHECK(v.verdict == ROUTE_WAIT);
	CHECK_STR(v.upstream_id, "ret:-2");
	CHECK_CONTAINS(v.detail.buf, "请回复机器人以继续接收");
	CHECK_CONTAINS(v.detail.buf, "prepare failed");
	answer(200, "{\"errcode\":-14,\"errmsg\":\"session timeout\"}", &v);
	CHECK(v.verdict == ROUTE_WAIT);
	CHECK_STR(v.upstream_id, "ret:-14");
	CHECK_CONTAINS(v.detail.buf, "session expired");
	answer(200, "{\"ret\":-1,\"errmsg\":\"bad\"}", &v);
	CHECK(v.verdict == ROUTE_FAIL);
	CHECK_CONTAINS(v.detail.buf, "ret -1 bad");
	answer(200, "<html>", &v);
	CHECK(v.verdict == ROUTE_RETRY);
	answer(503, "", &v);
	CHECK(v.verdict == ROUTE_RETRY);
	answer(429, "", &v);
	CHECK(v.verdict == ROUTE_RETRY);
	answer(404, "", &v);
	CHECK(v.verdict == ROUTE_FAIL);
	memset(&d, 0, sizeof(d));
	strbuf_release(&v.detail);
	memset(&v, 0, sizeof(v));
	strbuf_init(&v.detail, 512);
	route_clawbot.judge(&route_clawbot, &d, &a, &v);
	CHECK(v.verdict == ROUTE_RETRY);
	CHECK_CONTAINS(v.detail.buf, "Timeout");
	strbuf_release(&v.detail);
}

static int
op(int rc)
{
	return harness_end(db, rc);
}

static int
bind(const char *bot_id, struct strbuf *err)
{
	struct ops_clawbot_bind_in in = { alice.id, "tok-secret", bot_id,
		"alice@im.wechat", "http://ilink.test" };

	CHECK(store_begin(db) == 0);
	return op(ops_clawbot_bind(db, &in, 1000, err));
}

static int64_t woke; /* the device the last say() woke, 0 */

static int
say(const char *bot_id, const char *ctx, int64_t now)
{
	struct ops_clawbot_in m = { ctx, 1, "你好" };

	CHECK(store_begin(db) == 0);
	return op(ops_clawbot_inbound(db, alice.id, bot_id, "cur-1", &m, 1,
	    now, &woke));
}

static int
count_devices(void *arg, const struct store_device *d)
{
	if (strcmp(d->type, "clawbot") == 0)
		(*(int *)arg)++;
	return 0;
}

static int
devices(void)
{
	int n = 0;

	CHECK(dir_device_list(db, alice.id, count_devices, &n) == 0);
	return n;
}

/* The device row of alice's bot. */
static void
device(struct store_device *d)
{
	memset(d, 0, sizeof(*d));
	d->user_id = alice.id;
	snprintf(d->type, sizeof(d->type), "clawbot");
	snprintf(d->endpoint, sizeof(d->endpoint), "alice@im.wechat");
	snprintf(d->dkey, sizeof(d->dkey), "bot1@im.bot");
	CHECK(dir_device_find(db, d, d) == 0);
}

TEST(bind_inbound_unbind)
{
	struct strbuf err = STRBUF_INIT;
	struct store_clawbot b;
	struct ops_device_in in = { 0 };
	struct store_device d;
	int64_t now = clock_ms();

	in.type = "clawbot";
	in.endpoint = "alice@im.wechat";
	CHECK(ops_device_check(&in, &d, &err) == FG_EINVAL);
	CHECK_CONTAINS(err.buf, "ClawBot设备不能直接添加");
	CHECK(bind("", &err) == FG_EINVAL);
	CHECK(bind("bot0@im.bot", &err) == 0);
	CHECK(bind("bot1@im.bot", &err) == 0);	/* replaces bot0 */
	CHECK(devices() == 1);
	device(&d);
	CHECK(dir_clawbot_get(db, alice.id, &b) == 0);
	CHECK_STR(b.bot_id, "bot1@im.bot");
	CHECK(b.window_end_ms == 0 && b.used == 0);
	/* an answer for the replaced bot changes nothing */
	CHECK(say("bot0@im.bot", "ctx-old", now) == 0);
	CHECK(woke == 0);
	CHECK(dir_clawbot_get(db, alice.id, &b) == 0);
	CHECK_STR(b.context_token, "");
	CHECK(say("bot1@im.bot", "ctx-1", now) == 0);
	CHECK(woke == d.id);
	CHECK(dir_clawbot_get(db, alice.id, &b) == 0);
	CHECK_STR(b.context_token, "ctx-1");
	CHECK_STR(b.cursor, "cur-1");
	CHECK(b.window_start_ms == now);
	CHECK(b.window_end_ms == now + 24 * H);
	strbuf_release(&err);
}

TEST(build_record)
{
	struct route_msg m = { 1, "abc", "T", "S",
		"https://feige.example/message/abc", "", 0 };
	struct route_verdict_out v = { .detail = STRBUF_INIT };
	struct store_clawbot b;
	struct store_device d;
	struct route_req req;
	struct strbuf err = STRBUF_INIT;
	const char *body;
	int i;

	device(&d);
	route_req_init(&req);
	CHECK(route_clawbot.build(&route_clawbot, db, &d, &m, &req, &err) == 0);
	CHECK_STR(req.method, "POST");
	CHECK_STR(req.url, "http://ilink.test/ilink/bot/sendmessage");
	CHECK_STR(req.headers[0], "Content-Type: application/json");
	CHECK_STR(req.headers[1], "AuthorizationType: ilink_bot_token");
	CHECK_STR(req.headers[2], "Authorization: Bearer tok-secret");
	CHECK(strncmp(req.headers[3], "X-WECHAT-UIN: ", 14) == 0);
	CHECK_STR(req.headers[4], "iLink-App-Id: bot");
	CHECK_STR(req.headers[5], "iLink-App-ClientVersion: 132104");
	CHECK(req.headers[6] == NULL);
	body = req.body.buf;
	CHECK(strncmp(body, "{\"msg\":{\"from_user_id\":\"\",\"to_user_id\":"
	    "\"alice@im.wechat\",\"client_id\":\"feige:", 68) == 0);
	CHECK_CONTAINS(body, "\",\"message_type\":2,\"message_state\":2,"
	    "\"context_token\":\"ctx-1\",\"item_list\":[{\"type\":1,"
	    "\"text_item\":{\"text\":\"T\\nS\\n详情 (details): "
	    "https://feige.example/message/abc\"}}]},\"base_info\":"
	    "{\"channel_version\":\"2.4.8\",\"bot_agent\":\"Feige/1.0\"}}");
	route_req_free(&req);
	/* ten delivered pushes use the window up */
	for (i = 0; i < 10; i++) {
		answer(200, "{\"ret\":0}", &v);
		CHECK(store_begin(db) == 0);
		CHECK(op(route_clawbot.record(&route_clawbot, db, &d, &v)) ==
		    0);
	}
	CHECK(dir_clawbot_get(db, alice.id, &b) == 0);
	CHECK(b.used == 10);
	route_req_init(&req);
	strbuf_reset(&err);
	CHECK(route_clawbot.build(&route_clawbot, db, &d, &m, &req, &err) ==
	    FG_EBUSY);
	CHECK_CONTAINS(err.buf, "reply to the bot to receive");
	route_req_free(&req);
	/* a reply reopens it; iLink's -2 closes it whatever we counted */
	CHECK(say("bot1@im.bot", "", clock_ms()) == 0);
	CHECK(dir_clawbot_get(db, alice.id, &b) == 0);
	CHECK(b.used == 0);
	CHECK_STR(b.context_token, "ctx-1");	/* none sent: kept */
	answer(200, "{\"ret\":-2}", &v);
	CHECK(store_begin(db) == 0);
	CHECK(op(route_clawbot.record(&route_clawbot, db, &d, &v)) == 0);
	CHECK(dir_clawbot_get(db, alice.id, &b) == 0);
	CHECK(b.used == 10);
	answer(200, "{\"ret\":-14}", &v);
	CHECK(store_begin(db) == 0);
	CHECK(op(route_clawbot.record(&route_clawbot, db, &d, &v)) == 0);
	CHECK(dir_clawbot_get(db, alice.id, &b) == 0);
	CHECK(b.paused_until_ms > clock_ms() + 59 * 60 * 1000);
	/* unbind: bot and device gone */
	CHECK(store_begin(db) == 0);
	CHECK(op(ops_clawbot_unbind(db, alice.id, &err)) == 0);
	CHECK(dir_clawbot_get(db, alice.id, &b) == FG_ENOENT);
	CHECK(devices() == 0);
	route_req_init(&req);
	CHECK(route_clawbot.build(&route_clawbot, db, &d, &m, &req, &err) ==
	    FG_ENOENT);
	route_req_free(&req);
	strbuf_release(&v.detail);
	strbuf_release(&err);
}

static int
collect(void *arg, const struct ilink_in *in)
{
	struct strbuf *sb = arg;

	return strbuf_addf(sb, "[%s|%s|%d|%s]", in->from, in->context_token,
	    in->type, in->text);
}

TEST(parse)
{
	const char *body = "{\"ret\":0,\"msgs\":[{\"message_type\":2,"
	    "\"from_user_id\":\"bot\",\"item_list\":[{\"type\":1,\"text_item\":"
	    "{\"text\":\"echo\"}}]},{\"message_type\":1,\"from_user_id\":"
	    "\"a@im.wechat\",\"context_token\":\"c1\",\"item_list\":[{\"type\":"
	    "3,\"voice_item\":{\"text\":\"语音\"}}]}],\"get_updates_buf\":"
	    "\"next\"}";
	struct strbuf sb = STRBUF_INIT;
	struct ilink_qrstatus st;
	char cursor[32] = "old";
	int64_t hold = 0;
	int code = 1;

	CHECK(ilink_parse_updates(body, strlen(body), collect, &sb, cursor,
	    sizeof(cursor), &hold) == 0);
	CHECK_STR(sb.buf, "[a@im.wechat|c1|3|语音]");
	CHECK_STR(cursor, "next");
	CHECK(hold == ILINK_POLL_MS);
	CHECK(ilink_parse_updates("[]", 2, collect, &sb, cursor,
	    sizeof(cursor), &hold) == FG_EINVAL);
	CHECK(ilink_ret("{\"errcode\":-14}", 15, &code, NULL, 0) == 0);
	CHECK(code == -14);
	body = "{\"status\":\"confirmed\",\"bot_token\":\"t\",\"ilink_bot_id\":"
	    "\"b\",\"baseurl\":\"https://x\",\"ilink_user_id\":\"u\"}";
	CHECK(ilink_parse_qrstatus(body, strlen(body), &st) == 0);
	CHECK_STR(st.status, "confirmed");
	CHECK_STR(st.bot_id, "b");
	CHECK_STR(st.user_id, "u");
	CHECK_STR(st.baseurl, "https://x");
	strbuf_release(&sb);
}

int
main(void)
{
	struct channel_settings cs;
	struct strbuf err = STRBUF_INIT;
	int rc;

	memset(&cs, 0, sizeof(cs));
	cs.clawbot.enable = 1;
	cs.clawbot.api_base = "http://ilink.test/";
	cs.clawbot.app_id = "bot";
	cs.clawbot.version = "2.4.8";
	cs.clawbot.bot_agent = "Feige/1.0";
	if (channel_configure(&cs, &err) != 0 ||
	    harness_store(dir, &db) != 0 ||
	    dir_user_add(db, "alice", 0, &alice, &err) != 0) {
		fprintf(stderr, "setup: %s\n", err.buf);
		return 1;
	}
	strbuf_release(&err);
	RUN(rules);
	RUN(text);
	RUN(judge);
	RUN(bind_inbound_unbind);
	RUN(build_record);
	RUN(parse);
	store_close(db);
	harness_rm_dir(dir);
	rc = harness_fail ? 1 : 0;
	printf("%s: %d passed, %d failed\n", __FILE__, harness_pass,
	    harness_fail);
	return rc;
}
