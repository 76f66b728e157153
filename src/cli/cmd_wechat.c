/*
 * cmd_wechat.c: the operator's WeChat official account from the
 * command line (issue 11 §1, docs/wechat.md).
 *
 *   feige wechat bind UID [--json]   a one-time bind code for the
 *        person and its QR code from WeChat (qrcode/create), the same
 *        a person gets with the button on their page:
 *        {"scene":"fg…","qrUrl":"https://mp.weixin.qq.com/cgi-bin/
 *        showqrcode?ticket=…","url":"http://weixin.qq.com/q/…",
 *        "expireSeconds":N}
 *   feige wechat status [--json]     followers against
 *        wechat.follower_limit, people bound, follows refused by the
 *        limit, receipts of the last day, and whether a token can be had (it fetches
 *        one: a wrong appid or secret shows here, not at the first
 *        delivery)
 *
 * The QR code is asked for before the code is stored: a failure there
 * leaves no row behind, and the code row is written in this command's
 * own transaction through ops_wechat_code_add().
 */
#include <stdio.h>
#include <string.h>

#include "app.h"
#include "channel/wechat.h"
#include "cli/cmd.h"
#include "ops/wechat.h"
#include "util/ids.h"

static int
wechat_ready(struct cli_args *a)
{
	struct strbuf err = STRBUF_INIT;
	int rc = app_channels(&a->conf, &err);

	if (rc != 0)
		cli_fail("%s", err.buf);
	else if (!wechat_enabled())
		rc = cli_fail("WeChat is not configured: set wechat.appid, "
			      "wechat.secret and wechat.token "
			      "(docs/wechat.md)");
	strbuf_release(&err);
	return rc;
}

int
cmd_wechat_bind(struct cli_args *a)
{
	struct cli_tx t;
	struct store_user u;
	struct store_wechat_code c;
	struct wechat_qr qr;
	struct strbuf err = STRBUF_INIT;
	int ttl = a->conf.wechat_bind_ttl_s;

	if (wechat_ready(a) != 0 || cli_tx_open(&t, a) != 0)
		return 1;
	if (cli_user_by_uid(t.s, a->pos[0], &u) != 0)
		return cli_tx_end(&t, NULL), 1;
	ops_wechat_code_make(&c, STORE_WECHAT_PERSON, u.id, 0, clock_ms(),
	    ttl);
	if (wechat_qr_create(c.code, ttl, &qr, &err) != 0) {
		cli_fail("%s", err.buf);
		strbuf_release(&err);
		return cli_tx_end(&t, NULL), 1;
	}
	strbuf_release(&err);
	if (cli_tx_begin(&t) == 0)
		t.rc = ops_wechat_code_add(t.s, &c, &t.err);
	if (cli_tx_end(&t, "bind code: %s") != 0)
		return 1;
	return cli_out(a,
	    json_pack("{s:s,s:s,s:s,s:i}", "scene", c.code, "qrUrl", qr.image,
		"url", qr.url, "expireSeconds", ttl),
	    "scan within %d s to bind %s:\n%s\n", ttl, u.uid, qr.image);
}

int
cmd_wechat_status(struct cli_args *a)
{
	struct store *s;
	struct store_wechat_counts n;
	struct strbuf err = STRBUF_INIT;
	char tok[WECHAT_TOKEN_MAX];
	int limit = a->conf.wechat_follower_limit, rc;
	const char *state;

	if (wechat_ready(a) != 0 || cli_open(a, &s) != 0)
		return 1;
	memset(&n, 0, sizeof(n));
	rc = dir_wechat_counts(s, &n);
	store_close(s);
	if (rc != 0)
		return cli_fail("wechat status: %s", fg_strerror(rc));
	state = wechat_token(tok, &err) == 0 ? "ok" : err.buf;
	rc = cli_out(a,
	    json_pack("{s:s,s:I,s:i,s:I,s:I,s:I,s:s}", "appid",
		a->conf.wechat_appid, "followers", (json_int_t)n.following,
		"followerLimit", limit, "bound", (json_int_t)n.bound,
		"refused", (json_int_t)n.refused, "receipts",
		(json_int_t)n.receipts, "token", state),
	    "account %s\nfollowers %lld of %d%s\nbound %lld\n"
	    "refused by the limit %lld\nreceipts (last day) %lld\ntoken %s\n",
	    a->conf.wechat_appid, (long long)n.following, limit,
	    limit ? "" : " (no limit)", (long long)n.bound,
	    (long long)n.refused, (long long)n.receipts, state);
	strbuf_release(&err);
	return rc;
}
