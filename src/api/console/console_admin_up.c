/*
 * console_admin_up.c: the operator page "upstreams" (issue 12,
 * "channel health: last errors per upstream, WeChat token state,
 * ClawBot pollers").
 *
 *   GET /console/admin/upstreams   every upstream host heard of since
 *                                  the start (channel_host_health(): in
 *                                  memory, the deliveries' requests and
 *                                  the pushes to devices), the WeChat
 *                                  official account's access token
 *                                  (wechat_token_state()) and its
 *                                  followers against wechat.follower_limit
 *                                  (dir_wechat_counts()), and the
 *                                  bound ClawBots the pollers poll
 *                                  (dir_clawbot_list(): session paused,
 *                                  the 24 h window, pushes used)
 *
 * Read only: nothing here calls an upstream (the token state is the
 * cached one; a page view never fetches a token).
 */
#include <stdlib.h>
#include <string.h>

#include "api/console/console.h"
#include "api/console/console_admin.h"
#include "api/ctx.h"
#include "channel/channel.h"
#include "channel/wechat.h"
#include "store/dir.h"
#include "store/store_wechat.h"
#include "store/readers.h"
#include "util/ids.h"
#include "util/xmalloc.h"

#define UP_BOTS 100

struct up_data {
	struct channel_host_health hosts[CHANNEL_HOSTS];
	struct con_adm_host hv[CHANNEL_HOSTS];
	struct store_clawbot bots[UP_BOTS];
	struct con_adm_bot bv[UP_BOTS];
	size_t n_bots;
	struct strbuf token;
};

static int
one_bot(void *arg, const struct store_clawbot *b)
{
	struct up_data *d = arg;
	struct con_adm_bot *v = &d->bv[d->n_bots];

	if (d->n_bots == UP_BOTS)
		return 1;
	d->bots[d->n_bots] = *b;
	b = &d->bots[d->n_bots];
	v->user_id = b->user_id;
	v->bot_id = b->bot_id;
	v->paused_until_ms = b->paused_until_ms;
	v->window_end_ms = b->window_end_ms;
	v->used = b->used;
	v->created_ms = b->created_ms;
	d->n_bots++;
	return 0;
}

void
console_adm_up_get(struct console_req *c)
{
	struct up_data *d;
	struct con_adm_up_view v = { 0 };
	struct strbuf body = STRBUF_INIT;
	size_t i;

	if (*c->rest != '\0')
		return console_fail(c, 404, "app.notfound");
	d = xcalloc(1, sizeof(*d));
	strbuf_init(&d->token, 256);
	v.lang = c->lang;
	v.now_ms = clock_ms();
	v.n_hosts = channel_host_health(d->hosts, CHANNEL_HOSTS);
	for (i = 0; i < v.n_hosts; i++) {
		const struct channel_host_health *h = &d->hosts[i];

		d->hv[i] = (struct con_adm_host){ h->host, h->last_error,
			h->ok, h->failed, h->last_ok_ms, h->last_fail_ms,
			h->last_status };
	}
	v.hosts = d->hv;
	v.wechat = wechat_enabled();
	if (v.wechat) {
		struct store_wechat_counts n = { 0 };

		wechat_token_state(&d->token);
		if (dir_wechat_counts(store_reader(), &n) == 0) {
			v.followers = n.following;
			v.bound = n.bound;
			v.refused = n.refused;
		}
		v.follower_limit = api_ctx(c->r)->conf->wechat_follower_limit;
	}
	v.token = d->token.buf;
	v.clawbot = api_ctx(c->r)->clawbot != NULL;
	if (dir_clawbot_list(store_reader(), one_bot, d) < 0)
		d->n_bots = 0;
	v.bots = d->bv;
	v.n_bots = d->n_bots;
	console_adm_answer(c, console_adm_up_page(&body, &v), &body, 200);
	strbuf_release(&d->token);
	free(d);
}
