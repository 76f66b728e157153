/*
 * wx_send.h: what the WxPusher send files share: wxpusher.c (the API,
 * the transaction and the reply), wx_targets.c (parsing and resolving
 * uids and topicIds) and wx_spt.c (SPT sends).
 */
#ifndef FG_API_WX_SEND_H
#define FG_API_WX_SEND_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "api/ctx.h"
#include "queue/queue.h"
#include "util/params.h"
#include "util/strbuf.h"

struct api_ctx;
struct http_req;
struct store;

#define REC_OK		"创建发送任务成功"
#define WX_CT_MSG	"contentType须为1、2或3"

struct wx_target {
	char		 uid[40];	/* uid target, else "" */
	int64_t		 topic_id;	/* topic target, else 0 */
	int64_t		 user_id;
	int		 code;
	const char	*text;		/* static */
	int64_t		 rid;		/* record id, after insert */
};

struct wx_send {
	struct send_request	 req;	/* first: the queue's handle */
	struct http_req		*http;
	struct params		 p;
	int64_t			 app_id;
	struct wx_target	*t;
	size_t			 nt, t_alloc;
	int64_t			*users;
	size_t			*user_t;	/* target index of users[i] */
	size_t			 n_users, u_alloc;
	int64_t			*seen;		/* open-addressing set of users */
	size_t			 seen_cap;	/* power of 2, > 2 * n_users */
	struct strbuf		 summary;
	const char		*url;
	int64_t			 day;
	int			 pay;		/* enum store_wx_pay */
	int			 app_pay;	/* product_pay() of the app, -1 unknown */
	char			 msg[200];
};

void	wx_send_free(void *);
struct wx_send	*wx_send_new(struct http_req *);
/* wx_refuse() code/msg/why, free s, return -1. */
int	wx_fail(struct http_req *, struct wx_send *, int code, const char *msg,
	    const char *why);
struct wx_target	*wx_add_target(struct wx_send *);
int	wx_add_user(struct wx_send *, int64_t user, size_t ti);
/* Under the daily receive limit: u's own (user_limits.h) or the server's. */
int	wx_under_daily(struct api_ctx *, struct store *,
	    const struct store_user *u, int64_t day);
/* The first nu targets (the uids), with one store lookup. */
void	wx_resolve_uids(struct wx_send *, struct api_ctx *, struct store *,
	    size_t nu, int64_t now);
void	wx_resolve_topic(struct wx_send *, struct api_ctx *, struct store *,
	    struct wx_target *, int64_t now);
/* uids then topicIds of an app send; -1 with the reason in s->msg. */
int	wx_parse_targets(struct wx_send *, struct api_ctx *);
/* enum render_template of a contentType value (NULL = 1), else -1. */
int	wx_content_type(const char *);
/* Limits on content, summary, url; 0, or replied and freed (-1). */
int	wx_check_fields(struct http_req *, struct wx_send *);
/* Park the request and queue the send (targets resolved). */
void	wx_submit(struct http_req *, struct wx_send *, int64_t sender,
	    int tpl);

#endif
