/*
 * ilink.c: the iLink bot API's requests and answers (ilink.h,
 * phones.md §2.2-2.5), written from Tencent's OpenClaw WeChat plugin.
 *
 * Headers: every POST carries Content-Type, AuthorizationType, the
 * Bearer token when there is one (the QR calls have none), a fresh
 * X-WECHAT-UIN (base64 of the decimal string of a random uint32, new
 * per request, as the plugin does) and the iLink-App-* pair; a GET
 * carries only the iLink-App-* pair.  iLink-App-ClientVersion is the
 * configured version as 0x00MMNNPP in decimal (2.4.8 -> 132104).
 * Every bot body ends with base_info {channel_version, bot_agent}.
 *
 * Answers: success is ret 0, and an answer with neither ret nor
 * errcode counts as success (the plugin's check); the text of errmsg
 * is kept for the delivery's detail.  Parsing is jansson on the capped
 * reply body; every string copied out is cut to its field.
 */
#include <curl/curl.h>
#include <jansson.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channel/channel_int.h"
#include "channel/ilink.h"
#include "util/errors.h"
#include "util/ids.h"

#define ILINK_QR_PATH "/ilink/bot/get_bot_qrcode?bot_type=3"
#define ILINK_ST_PATH "/ilink/bot/get_qrcode_status?qrcode="

static const struct channel_clawbot_settings *
cfg(void)
{
	return &channel_settings()->clawbot;
}

int
ilink_enabled(void)
{
	return cfg()->enable;
}

const char *
ilink_api_base(void)
{
	return cfg()->api_base;
}

/* "2.4.8" as 0x00MMNNPP. */
static unsigned long
client_version(const char *v)
{
	unsigned long part[3] = { 0, 0, 0 };
	int i = 0;

	for (; *v && i < 3; v++) {
		if (*v == '.')
			i++;
		else if (*v >= '0' && *v <= '9')
			part[i] = (part[i] * 10 + (unsigned long)(*v - '0')) &
			    0xff;
	}
	return part[0] << 16 | part[1] << 8 | part[2];
}

static int
app_headers(struct route_req *req)
{
	if (route_req_header(req, "iLink-App-Id", "%s", cfg()->app_id) != 0)
		return FG_ETOOBIG;
	return route_req_header(req, "iLink-App-ClientVersion", "%lu",
	    client_version(cfg()->version));
}

/* The headers of a POST; token NULL for the QR calls. */
static int
post_headers(struct route_req *req, const char *token)
{
	char dec[16], b64[32];

	snprintf(dec, sizeof(dec), "%u", (unsigned)randombytes_random());
	sodium_bin2base64(b64, sizeof(b64), (const unsigned char *)dec,
	    strlen(dec), sodium_base64_VARIANT_ORIGINAL);
	req->method = "POST";
	if (route_req_header(req, "Content-Type", "application/json") ||
	    route_req_header(req, "AuthorizationType", "ilink_bot_token") ||
	    (token &&
		route_req_header(req, "Authorization", "Bearer %s", token)) ||
	    route_req_header(req, "X-WECHAT-UIN", "%s", b64))
		return FG_ETOOBIG;
	return app_headers(req);
}

static int
base_info(struct strbuf *sb)
{
	strbuf_addstr(sb, "\"base_info\":{\"channel_version\":");
	strbuf_add_json_str(sb, cfg()->version, strlen(cfg()->version));
	strbuf_addstr(sb, ",\"bot_agent\":");
	strbuf_add_json_str(sb, cfg()->bot_agent, strlen(cfg()->bot_agent));
	return strbuf_addstr(sb, "}}");
}

static int
set_url(struct route_req *req, const char *base, const char *path)
{
	int n = snprintf(req->url, sizeof(req->url), "%s%s", base, path);

	return n < 0 || (size_t)n >= sizeof(req->url) ? FG_ETOOBIG : 0;
}

/* A bot's calls go to its own baseurl, the configured base without. */
static const char *
bot_base(const struct store_clawbot *b)
{
	return *b->baseurl ? b->baseurl : cfg()->api_base;
}

int
ilink_req_qrcode(struct route_req *req)
{
	if (set_url(req, cfg()->api_base, ILINK_QR_PATH) != 0)
		return FG_ETOOBIG;
	strbuf_addstr(&req->body, "{\"local_token_list\":[]}");
	return post_headers(req, NULL);
}

int
ilink_req_qrstatus(struct route_req *req, const char *base, const char *qrcode)
{
	struct strbuf q = STRBUF_INIT;
	int rc;

	strbuf_add_url(&q, qrcode, strlen(qrcode));
	rc = set_url(req, base ? base : cfg()->api_base, ILINK_ST_PATH);
	if (rc == 0 && strlen(req->url) + q.len < sizeof(req->url))
		memcpy(req->url + strlen(req->url), q.buf, q.len + 1);
	else
		rc = FG_ETOOBIG;
	strbuf_release(&q);
	req->method = "GET";
	return rc ? rc : app_headers(req);
}

int
ilink_req_updates(struct route_req *req, const struct store_clawbot *b)
{
	if (set_url(req, bot_base(b), "/ilink/bot/getupdates") != 0)
		return FG_ETOOBIG;
	strbuf_addstr(&req->body, "{\"get_updates_buf\":");
	strbuf_add_json_str(&req->body, b->cursor, strlen(b->cursor));
	strbuf_addch(&req->body, ',');
	if (base_info(&req->body) != 0)
		return FG_ETOOBIG;
	return post_headers(req, b->bot_token);
}

int
ilink_req_send(struct route_req *req, const struct store_clawbot *b,
    const char *text, size_t len)
{
	struct strbuf *sb = &req->body;
	char hex[9];
	uint32_t r = randombytes_random();

	if (set_url(req, bot_base(b), "/ilink/bot/sendmessage") != 0)
		return FG_ETOOBIG;
	snprintf(hex, sizeof(hex), "%08x", (unsigned)r);
	strbuf_addstr(sb, "{\"msg\":{\"from_user_id\":\"\",\"to_user_id\":");
	strbuf_add_json_str(sb, b->ilink_user_id, strlen(b->ilink_user_id));
	strbuf_addf(sb,
	    ",\"client_id\":\"feige:%lld-%s\",\"message_type\":2,"
	    "\"message_state\":2,\"context_token\":",
	    (long long)clock_ms(), hex);
	strbuf_add_json_str(sb, b->context_token, strlen(b->context_token));
	strbuf_addstr(sb,
	    ",\"item_list\":[{\"type\":1,\"text_item\":"
	    "{\"text\":");
	strbuf_add_json_str(sb, text, len);
	strbuf_addstr(sb, "}}]},");
	if (base_info(sb) != 0)
		return FG_ETOOBIG;
	return post_headers(req, b->bot_token);
}

static size_t
collect(char *p, size_t n, size_t m, void *arg)
{
	return strbuf_add(arg, p, n * m) == 0 ? n * m : 0;
}

void
ilink_easy(void *curl, const struct route_req *req, struct curl_slist **hdrs,
    long timeout_ms, struct strbuf *reply)
{
	size_t i;

	*hdrs = NULL;
	for (i = 0; req->headers[i] != NULL; i++)
		*hdrs = curl_slist_append(*hdrs, req->headers[i]);
	curl_easy_setopt(curl, CURLOPT_URL, req->url);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, *hdrs);
	if (strcmp(req->method, "POST") == 0) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req->body.buf);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE,
		    (long)req->body.len);
	}
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, 10000L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_USERAGENT, cfg()->bot_agent);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, reply);
	if (*channel_settings()->ca_file)
		curl_easy_setopt(curl, CURLOPT_CAINFO,
		    channel_settings()->ca_file);
}

static json_t *
load(const char *body, size_t len)
{
	json_t *j = json_loadb(body, len, 0, NULL);

	if (j != NULL && !json_is_object(j)) {
		json_decref(j);
		j = NULL;
	}
	return j;
}

static void
copy(json_t *o, const char *key, char *out, size_t size)
{
	const char *v = json_string_value(json_object_get(o, key));

	snprintf(out, size, "%s", v ? v : "");
}

static int
ret_of(json_t *j, char *msg, size_t size)
{
	json_int_t r = json_integer_value(json_object_get(j, "ret"));

	if (r == 0)
		r = json_integer_value(json_object_get(j, "errcode"));
	if (msg)
		copy(j, "errmsg", msg, size);
	return (int)r;
}

int
ilink_ret(const char *body, size_t len, int *code, char *msg, size_t size)
{
	json_t *j = load(body, len);

	if (j == NULL)
		return FG_EINVAL;
	*code = ret_of(j, msg, size);
	json_decref(j);
	return 0;
}

int
ilink_parse_qr(const char *body, size_t len, struct ilink_qr *q)
{
	json_t *j = load(body, len);

	memset(q, 0, sizeof(*q));
	if (j == NULL)
		return FG_EINVAL;
	copy(j, "qrcode", q->qrcode, sizeof(q->qrcode));
	copy(j, "qrcode_img_content", q->url, sizeof(q->url));
	json_decref(j);
	return *q->qrcode && *q->url ? 0 : FG_EINVAL;
}

int
ilink_parse_qrstatus(const char *body, size_t len, struct ilink_qrstatus *st)
{
	json_t *j = load(body, len);

	memset(st, 0, sizeof(*st));
	if (j == NULL)
		return FG_EINVAL;
	copy(j, "status", st->status, sizeof(st->status));
	copy(j, "redirect_host", st->redirect_host, sizeof(st->redirect_host));
	copy(j, "bot_token", st->bot_token, sizeof(st->bot_token));
	copy(j, "ilink_bot_id", st->bot_id, sizeof(st->bot_id));
	copy(j, "ilink_user_id", st->user_id, sizeof(st->user_id));
	copy(j, "baseurl", st->baseurl, sizeof(st->baseurl));
	json_decref(j);
	return *st->status ? 0 : FG_EINVAL;
}

/* The first item of m with text: its type and text. */
static void
item_text(json_t *m, struct ilink_in *in)
{
	json_t *it;
	size_t i;

	in->type = 0;
	in->text = "";
	json_array_foreach(json_object_get(m, "item_list"), i, it) {
		const char *t = json_string_value(
		    json_object_get(json_object_get(it, "text_item"), "text"));

		if (t == NULL)
			t = json_string_value(
			    json_object_get(json_object_get(it, "voice_item"),
				"text"));
		in->type = (int)json_integer_value(
		    json_object_get(it, "type"));
		if (t != NULL) {
			in->text = t;
			return;
		}
	}
}

int
ilink_parse_updates(const char *body, size_t len,
    int (*cb)(void *, const struct ilink_in *), void *arg, char *cursor,
    size_t cursor_size, int64_t *hold_ms)
{
	json_t *j = load(body, len), *m, *v;
	struct ilink_in in;
	size_t i;
	int rc = 0;

	if (j == NULL)
		return FG_EINVAL;
	if ((v = json_object_get(j, "get_updates_buf")) != NULL &&
	    json_is_string(v))
		snprintf(cursor, cursor_size, "%s", json_string_value(v));
	*hold_ms = json_integer_value(
	    json_object_get(j, "longpolling_timeout_ms"));
	if (*hold_ms <= 0 || *hold_ms > 120000)
		*hold_ms = ILINK_POLL_MS;
	json_array_foreach(json_object_get(j, "msgs"), i, m) {
		if (json_integer_value(json_object_get(m, "message_type")) !=
		    1)
			continue;
		in.from = json_string_value(
		    json_object_get(m, "from_user_id"));
		in.context_token = json_string_value(
		    json_object_get(m, "context_token"));
		if (in.from == NULL)
			in.from = "";
		if (in.context_token == NULL)
			in.context_token = "";
		item_text(m, &in);
		if ((rc = cb(arg, &in)) != 0)
			break;
	}
	json_decref(j);
	return rc;
}
