/*
 * sms_tencent.c: Tencent Cloud as the SMS provider (sms.provider =
 * tencent): text messages through SMS SendSms (API 2021-01-11, host
 * sms.tencentcloudapi.com) and voice calls through VMS SendTtsVoice
 * (API 2020-09-02, host vms.tencentcloudapi.com), both signed with
 * TC3-HMAC-SHA256 (tc3.c).
 *
 *   POST https://sms.tencentcloudapi.com/
 *   Content-Type: application/json; charset=utf-8
 *   X-TC-Action: SendSms, X-TC-Version: 2021-01-11,
 *   X-TC-Timestamp: <seconds>, X-TC-Region: <sms.region>,
 *   Authorization: TC3-HMAC-SHA256 Credential=…, SignedHeaders=…, …
 *   {"PhoneNumberSet":["+8613800138000"],"SignName":"…",
 *    "SmsSdkAppId":"1400…","TemplateId":"…","TemplateParamSet":["title"]}
 *   -> {"Response":{"SendStatusSet":[{"Code":"Ok",…}],"RequestId":"…"}}
 *
 *   SendTtsVoice: {"CalledNumber":"+86…","TemplateId":"…",
 *    "TemplateParamSet":["title"],"VoiceSdkAppid":"1400…"}
 *   -> {"Response":{"SendStatus":{"CallId":"…"},"RequestId":"…"}}
 *
 * The operator's templates carry the text: the title fills the SMS
 * template's (and the voice template's) first variable, {1}.  Tencent
 * approves templates and sign names in its console; feige cannot send
 * free text.
 *
 * Tencent answers HTTP 200 for its own errors, as
 * {"Response":{"Error":{"Code":"…","Message":"…"},"RequestId":"…"}}, and
 * a refused number inside SendStatusSet with Code other than "Ok".  The
 * delivery fails with that code and message; only the codes where
 * waiting helps (InternalError*, RequestLimitExceeded*) are retried.
 *
 * sms.endpoint replaces the https://<host> base of both APIs (a proxy,
 * or the tests' stand-in); the Host that is signed is then the
 * endpoint's, as sent.  It is an operator setting, so the address
 * guard does not apply, as for channel.wecom_base.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "channel/sms_int.h"

struct tc_api {
	const char	*service;
	const char	*host;
	const char	*version;
	const char	*action;
};

static const struct tc_api tc_apis[] = {
	[SMS_TEXT] = { "sms", "sms.tencentcloudapi.com", "2021-01-11",
	    "SendSms" },
	[SMS_VOICE] = { "vms", "vms.tencentcloudapi.com", "2020-09-02",
	    "SendTtsVoice" },
};

/* Error codes a later attempt may get past (prefixes). */
static const char *const tc_transient[] = {
	"InternalError", "RequestLimitExceeded",
};

static int
tc_missing(struct strbuf *why, const char *key)
{
	strbuf_setf(why, "短信服务商配置不完整：缺少 %s (SMS provider "
	    "tencent: %s is not set)", key, key);
	return -1;
}

static int
tc_ready(const struct channel_sms_settings *ss, enum sms_kind kind,
    struct strbuf *why)
{
	const struct {
		const char	*val, *key;
		int		 voice;	/* needed by SMS_VOICE, else SMS_TEXT */
	} need[] = {
		{ ss->secret_id, "sms.secret_id", -1 },
		{ ss->secret_key, "sms.secret_key", -1 },
		{ ss->region, "sms.region", -1 },
		{ ss->sdk_app_id, "sms.sdk_app_id", 0 },
		{ ss->template_id, "sms.template_id", 0 },
		{ ss->voice_app_id, "sms.voice_app_id", 1 },
		{ ss->voice_template_id, "sms.voice_template_id", 1 },
	};
	size_t i;

	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++)
		if ((need[i].voice < 0 || need[i].voice == (kind ==
		    SMS_VOICE)) && *need[i].val == '\0')
			return tc_missing(why, need[i].key);
	return 0;
}

/* The request body; NULL on a text that is not UTF-8. */
static char *
tc_body(const struct channel_sms_settings *ss, enum sms_kind kind,
    const char *phone, const char *text)
{
	json_t *j;
	char *s;

	if (kind == SMS_VOICE)
		j = json_pack("{s:s,s:s,s:[s],s:s}", "CalledNumber", phone,
		    "TemplateId", ss->voice_template_id, "TemplateParamSet",
		    text, "VoiceSdkAppid", ss->voice_app_id);
	else
		j = json_pack("{s:[s],s:s,s:s,s:[s]}", "PhoneNumberSet", phone,
		    "SmsSdkAppId", ss->sdk_app_id, "TemplateId",
		    ss->template_id, "TemplateParamSet", text);
	if (j && kind == SMS_TEXT && *ss->sign_name)
		json_object_set_new(j, "SignName", json_string(ss->sign_name));
	s = j ? json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(j);
	return s;
}

static int
tc_is_transient(const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(tc_transient) / sizeof(tc_transient[0]); i++)
		if (strncmp(code, tc_transient[i], strlen(tc_transient[i])) ==
		    0)
			return 1;
	return 0;
}

/* Fail res with Tencent's code and message from object o. */
static void
tc_fail(struct delivery_result *res, const char *what, long status,
    json_t *o)
{
	const char *code = json_string_value(json_object_get(o, "Code"));
	const char *msg = json_string_value(json_object_get(o, "Message"));

	code = code ? code : "";
	chan_fail(res, tc_is_transient(code) ? DELIVERY_TEMPFAIL :
	    DELIVERY_PERMFAIL, what, status, "%s: %.300s", code,
	    msg ? msg : "");
}

/* Read a 2xx reply of kind into res. */
static void
tc_check(enum sms_kind kind, const char *what,
    const struct chan_http_reply *rep, struct delivery_result *res)
{
	json_t *j = json_loadb(rep->body.buf, rep->body.len, 0, NULL);
	json_t *r = json_object_get(j, "Response"), *st;

	if (!json_is_object(r))
		chan_fail(res, DELIVERY_PERMFAIL, what, rep->status,
		    "no Response in the reply: %.200s", rep->body.buf);
	else if (json_is_object(json_object_get(r, "Error")))
		tc_fail(res, what, rep->status, json_object_get(r, "Error"));
	else if (kind == SMS_VOICE) {
		if (json_is_object(json_object_get(r, "SendStatus")))
			res->outcome = DELIVERY_OK;
		else
			chan_fail(res, DELIVERY_PERMFAIL, what, rep->status,
			    "no SendStatus in the reply");
	} else {
		st = json_array_get(json_object_get(r, "SendStatusSet"), 0);
		if (!json_is_object(st))
			chan_fail(res, DELIVERY_PERMFAIL, what, rep->status,
			    "no SendStatusSet in the reply");
		else if (!json_is_string(json_object_get(st, "Code")) ||
		    strcmp(json_string_value(json_object_get(st, "Code")),
		    "Ok") != 0)
			tc_fail(res, what, rep->status, st);
		else
			res->outcome = DELIVERY_OK;
	}
	json_decref(j);
}

/* The signed request for one SMS or call (the loop form, sms_int.h). */
static int
tc_build(const struct channel_sms_settings *ss, enum sms_kind kind,
    const char *phone, const char *text, struct chan_req *req,
    struct delivery_result *res)
{
	const struct tc_api *api = &tc_apis[kind];
	struct strbuf auth = STRBUF_INIT, line = STRBUF_INIT;
	char host[256];
	const char *base = ss->endpoint, *p;
	struct tc3_request tr;
	char *body = tc_body(ss, kind, phone, text);
	int rc = 0;

	snprintf(req->what, sizeof(req->what), "tencent %s", api->action);
	if (*base == '\0')
		snprintf(host, sizeof(host), "%s", api->host);
	else {		/* scheme://host[:port][/path] */
		p = strstr(base, "://") ? strstr(base, "://") + 3 : base;
		snprintf(host, sizeof(host), "%.*s", (int)strcspn(p, "/"), p);
	}
	strbuf_addf(&req->url, "%s%s/", *base ? "" : "https://", *base ? base :
	    api->host);
	tr = (struct tc3_request){ ss->secret_id, ss->secret_key,
	    api->service, host, api->action, body ? body : "",
	    (int64_t)time(NULL) };
	if (body == NULL || tc3_authorization(&auth, &tr) != 0) {
		chan_fail(res, DELIVERY_PERMFAIL, req->what, 0, "the request "
		    "cannot be built (text not UTF-8)");
		rc = -1;
	} else {
		strbuf_addf(&line, "Content-Type: %s", TC3_CTYPE);
		rc |= chan_req_header(req, line.buf);
		strbuf_setf(&line, "X-TC-Action: %s", api->action);
		rc |= chan_req_header(req, line.buf);
		strbuf_setf(&line, "X-TC-Version: %s", api->version);
		rc |= chan_req_header(req, line.buf);
		strbuf_setf(&line, "X-TC-Timestamp: %lld",
		    (long long)tr.timestamp);
		rc |= chan_req_header(req, line.buf);
		strbuf_setf(&line, "X-TC-Region: %s", ss->region);
		rc |= chan_req_header(req, line.buf);
		strbuf_setf(&line, "Authorization: %s", auth.buf);
		rc |= chan_req_header(req, line.buf);
		rc |= strbuf_addstr(&req->body, body);
		req->has_body = 1;
		if (rc != 0) {
			chan_fail(res, DELIVERY_PERMFAIL, req->what, 0,
			    "the request is too large");
			rc = -1;
		}
	}
	free(body);
	strbuf_release(&auth);
	strbuf_release(&line);
	return rc;
}

static void
tc_judge(enum sms_kind kind, const struct chan_req *req,
    struct delivery_result *res)
{
	if (chan_http_outcome(&req->rep, req->what, res) == 0)
		tc_check(kind, req->what, &req->rep, res);
}

const struct sms_provider sms_tencent = {
	.name = "tencent",
	.ready = tc_ready,
	.build = tc_build,
	.judge = tc_judge,
};
