/*
 * wx_targets.c: the targets of a WxPusher send (wx_send.h): parsing
 * uids (string array, or one string) and topicIds (integers or digit
 * strings, or one), collapsing duplicates, and resolving each target on
 * the request thread's store reader: a uid must follow the app, not be
 * blocked, pass verifyPay(Type) and be under the daily receive limit; a
 * topic must belong to the app and fans out to its followers.  A target
 * that fails keeps its record with code 1001 and the reason; so does a
 * uids item that is no uid (not a string, or too long), without failing
 * the others.
 */

#include <jansson.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "api/api.h"
#include "api/ctx.h"
#include "api/intake.h"
#include "api/wxpusher/wx_int.h"
#include "api/wxpusher/wx_send.h"
#include "channel/channel.h"
#include "ops/user_limits.h"
#include "util/errors.h"
#include "http/http.h"
#include "queue/queue.h"
#include "render/render.h"
#include "util/ids.h"
#include "util/log.h"
#include "util/params.h"
#include "util/xmalloc.h"

struct wx_target *
wx_add_target(struct wx_send *s)
{
	struct wx_target *t;

	s->t = xgrow(s->t, s->nt, &s->t_alloc, sizeof(*s->t), 8);
	t = &s->t[s->nt++];
	memset(t, 0, sizeof(*t));
	t->code = 1000;
	t->text = REC_OK;
	return t;
}

/* Add a recipient unless it is already one; 1 if added. */
/* Insert into the seen set (ids are > 0, 0 marks a free slot); 1 if new. */
static int
seen_add(int64_t *set, size_t cap, int64_t user)
{
	size_t i = (size_t)((uint64_t)user * 0x9E3779B97F4A7C15ULL) & (cap - 1);

	while (set[i] != 0) {
		if (set[i] == user)
			return 0;
		i = (i + 1) & (cap - 1);
	}
	set[i] = user;
	return 1;
}

/* Add a recipient unless it is already one; 1 if added.  O(1). */
int
wx_add_user(struct wx_send *s, int64_t user, size_t ti)
{
	size_t i;

	if (2 * (s->n_users + 1) >= s->seen_cap) {
		size_t cap = s->seen_cap ? s->seen_cap * 2 : 64;

		free(s->seen);
		s->seen = xcalloc(cap, sizeof(*s->seen));
		s->seen_cap = cap;
		for (i = 0; i < s->n_users; i++)
			(void)seen_add(s->seen, cap, s->users[i]);
	}
	if (!seen_add(s->seen, s->seen_cap, user))
		return 0;
	if (s->n_users == s->u_alloc) {
		s->u_alloc = s->u_alloc ? s->u_alloc * 2 : 16;
		s->users = xrealloc(s->users, s->u_alloc * sizeof(*s->users));
		s->user_t = xrealloc(s->user_t, s->u_alloc *
		    sizeof(*s->user_t));
	}
	s->users[s->n_users] = user;
	s->user_t[s->n_users++] = ti;
	return 1;
}

int
wx_under_daily(struct api_ctx *app, struct store *db,
    const struct store_user *u, int64_t day)
{
	int max = ops_user_limit(u->daily_limit, app->conf->wx_daily_max);
	int n = 0;

	if (max == 0)
		return 1;
	return spool_wx_daily_get(db, u->id, day, &n) == 0 && n < max;
}

/*
 * verifyPay(Type) applies only where a message product covers the app
 * or topic; elsewhere everyone qualifies (WxPusher: "没有包装成产品的应用
 * 或者主题，verifyPay字段无效").
 */
static int
product_pay(struct wx_send *s, struct store *db, int64_t topic)
{
	int yes = 0;

	if (s->pay == WXPAY_ANY ||
	    dir_wx_product_covers(db, s->app_id, topic,
	    &yes) != 0)
		return WXPAY_ANY;
	return yes ? s->pay : WXPAY_ANY;
}

/* One uid target, given what the store knows of it. */
static void
resolve_uid(struct wx_send *s, struct api_ctx *app, struct wx_target *t,
    const struct store_wx_uid *u, int64_t now)
{
	int paid = u->pay_end_ms > now, max;

	if (u->user_id == 0 || u->follow_id == 0) {
		t->code = 1001;
		t->text = "用户未关注该应用";
		return;
	}
	t->user_id = u->user_id;
	if (u->reject) {
		t->code = 1001;
		t->text = "用户已被拉黑";
	} else if ((s->app_pay == WXPAY_PAID && !paid) ||
	    (s->app_pay == WXPAY_UNPAID && paid)) {
		t->code = 1001;
		t->text = s->app_pay == WXPAY_PAID ? "用户不在付费订阅期内" :
		    "用户在付费订阅期内";
	} else if ((max = ops_user_limit(u->daily_limit,
	    app->conf->wx_daily_max)) > 0 && u->day_n >= max) {
		t->code = 1001;
		t->text = "用户今日接收消息已达上限";
	} else {
		wx_add_user(s, u->user_id, (size_t)(t - s->t));
	}
}

/*
 * The uid targets of an app send (s->t[0..nu-1]), with one store lookup
 * for all of them: person, follow of the app, count of the day.
 */
void
wx_resolve_uids(struct wx_send *s, struct api_ctx *app, struct store *db,
    size_t nu, int64_t now)
{
	struct store_wx_uid *u;
	size_t i;

	if (nu == 0)
		return;
	u = xcalloc(nu, sizeof(*u));
	for (i = 0; i < nu; i++)
		u[i].uid = s->t[i].uid;
	if (dir_wx_uid_states(db, s->app_id, s->day, u, nu) != 0) {
		for (i = 0; i < nu; i++) {
			s->t[i].code = 1005;
			s->t[i].text = "系统异常";
		}
		free(u);
		return;
	}
	s->app_pay = product_pay(s, db, 0);
	for (i = 0; i < nu; i++)
		if (s->t[i].code == 1000)	/* not a bad_uid() */
			resolve_uid(s, app, &s->t[i], &u[i], now);
	free(u);
}

void
wx_resolve_topic(struct wx_send *s, struct api_ctx *app, struct store *db,
    struct wx_target *t, int64_t now)
{
	struct store_wx_topic tp;
	int64_t *ids = NULL;
	size_t n = 0, i;

	if (dir_wx_topic_get(db, t->topic_id, &tp) != 0 ||
	    tp.app_id != s->app_id) {
		t->code = 1001;
		t->text = "主题不存在或不属于该应用";
		return;
	}
	if (dir_wx_followers(db, s->app_id, t->topic_id,
	    product_pay(s, db, t->topic_id), now, &ids,
	    &n) != 0) {
		t->code = 1005;
		t->text = "系统异常";
		return;
	}
	/* always: a user's own limit may hold where the server has none */
	if (spool_wx_daily_filter(db, s->day, app->conf->wx_daily_max, ids,
	    &n) != 0) {
		t->code = 1005;
		t->text = "系统异常";
		free(ids);
		return;
	}
	for (i = 0; i < n; i++)
		wx_add_user(s, ids[i], (size_t)(t - s->t));
	free(ids);
}

/* Digit strings and integers; 0 if neither. */
static long long
json_id(json_t *v)
{
	long long n;

	if (json_is_integer(v))
		return json_integer_value(v);
	if (json_is_string(v) && params_int(json_string_value(v), LLONG_MIN,
	    LLONG_MAX, &n) == 0)
		return n;
	return 0;
}

/* Hash set of uid targets: slots hold target index + 1, 0 = free. */
static size_t
uid_slot(const struct wx_send *s, const size_t *set, size_t cap,
    const char *uid)
{
	uint64_t h = 1469598103934665603ULL;
	const char *p;
	size_t i;

	for (p = uid; *p; p++)
		h = (h ^ (unsigned char)*p) * 1099511628211ULL;
	for (i = (size_t)h & (cap - 1); set[i] != 0; i = (i + 1) & (cap - 1))
		if (strcmp(s->t[set[i] - 1].uid, uid) == 0)
			break;
	return i;
}

/* 1 if uid is not a target yet (grows the set as needed). */
static int
uid_new(const struct wx_send *s, size_t **set, size_t *cap, const char *uid)
{
	size_t i, n;

	if (2 * (s->nt + 1) >= *cap) {
		n = *cap ? *cap * 2 : 64;
		free(*set);
		*set = xcalloc(n, sizeof(**set));
		*cap = n;
		for (i = 0; i < s->nt; i++)
			(*set)[uid_slot(s, *set, n, s->t[i].uid)] = i + 1;
	}
	return (*set)[uid_slot(s, *set, *cap, uid)] == 0;
}

/*
 * A uids item that is no uid (not a string, or too long) fails its own
 * record; the record's uid is the item's JSON text when it fits.
 */
static void
bad_uid(struct wx_target *t, json_t *it)
{
	char *txt = json_dumps(it, JSON_ENCODE_ANY | JSON_COMPACT);

	if (txt && strlen(txt) < sizeof(t->uid))
		snprintf(t->uid, sizeof(t->uid), "%s", txt);
	free(txt);
	t->code = 1001;
	t->text = "uid格式不正确";
}

/*
 * The targets of an app send, uids then topics; a negative return is
 * a whole-request 1001 with the reason in s->msg.
 */
int
wx_parse_targets(struct wx_send *s, struct api_ctx *app)
{
	const char *uids = params_get(&s->p, "uids", NULL);
	const char *tids = params_get(&s->p, "topicIds", NULL);
	const char *v;
	json_t *arr = NULL, *it;
	size_t i, k, nu = 0, ntp = 0, cap = 0, *set = NULL;

	if (uids == NULL && (v = params_get(&s->p, "uid", NULL)) != NULL)
		uids = v;
	if (uids && *uids == '[') {
		if ((arr = json_loads(uids, 0, NULL)) == NULL ||
		    !json_is_array(arr))
			goto bad_uids;
		json_array_foreach(arr, i, it) {
			if (json_is_null(it))
				continue;
			if (!json_is_string(it) ||
			    json_string_length(it) >= 40) {
				if (++nu >= (size_t)app->conf->wx_uids_max)
					goto many_uids;
				bad_uid(wx_add_target(s), it);
				continue;
			}
			if (!*json_string_value(it) || !uid_new(s, &set, &cap,
			    json_string_value(it)))
				continue;
			if (++nu >= (size_t)app->conf->wx_uids_max)
				goto many_uids;
			snprintf(wx_add_target(s)->uid, 40, "%s",
			    json_string_value(it));
			set[uid_slot(s, set, cap, s->t[s->nt - 1].uid)] =
			    s->nt;
		}
		json_decref(arr);
		arr = NULL;
		free(set);
		set = NULL;
	} else if (uids) {
		if (strlen(uids) >= 40)
			goto bad_uids;
		snprintf(wx_add_target(s)->uid, 40, "%s", uids);
		nu = 1;
	}
	if (tids == NULL)
		tids = params_get(&s->p, "topicId", NULL);
	if (tids) {
		if ((arr = json_loads(tids, JSON_DECODE_ANY, NULL)) == NULL)
			goto bad_topics;
		if (!json_is_array(arr)) {
			json_t *one = json_array();

			json_array_append_new(one, arr);
			arr = one;
		}
		json_array_foreach(arr, i, it) {
			long long id = json_id(it);

			if (json_is_null(it))
				continue;
			if (id <= 0)
				goto bad_topics;
			for (k = nu; k < s->nt && s->t[k].topic_id != id; k++)
				;
			if (k < s->nt)
				continue;
			if (++ntp >= (size_t)app->conf->wx_topics_max)
				goto many_topics;
			wx_add_target(s)->topic_id = id;
		}
		json_decref(arr);
	}
	if (s->nt == 0) {
		snprintf(s->msg, sizeof(s->msg), "uids和topicIds不能同时为空");
		return -1;
	}
	return 0;
bad_uids:
	snprintf(s->msg, sizeof(s->msg), "uids格式不正确，须为字符串数组");
	goto fail;
many_uids:
	snprintf(s->msg, sizeof(s->msg), "uids数量须少于%d",
	    app->conf->wx_uids_max);
	goto fail;
bad_topics:
	snprintf(s->msg, sizeof(s->msg), "topicIds格式不正确，须为整数数组");
	goto fail;
many_topics:
	snprintf(s->msg, sizeof(s->msg), "topicIds数量须少于%d",
	    app->conf->wx_topics_max);
fail:
	free(set);	/* NULL once the uids are read */
	json_decref(arr);
	return -1;
}
